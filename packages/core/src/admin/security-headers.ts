/**
 * Headers on every admin response. The page has no script at all and one same-origin style sheet,
 * so the policy can forbid everything else; framing is refused twice (CSP and X-Frame-Options) for
 * older browsers, and nothing is cached since pages show settings and, once, a new password.
 */
export const ADMIN_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
};

export function applySecurityHeaders(headers: Headers): void {
  for (const [name, value] of Object.entries(ADMIN_SECURITY_HEADERS)) headers.set(name, value);
}
