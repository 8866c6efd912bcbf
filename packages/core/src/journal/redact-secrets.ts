export const redacted = '[redacted]';

// Matched on the key name with separators removed and lower-cased, so `apiKey`, `consumer_key`,
// `X-Shopify-Hmac-Signature`, `ws_key` and `Authorization` are all caught. Over-redacting a harmless
// `tokenCount` costs nothing; leaking one credential into the activity log costs a rotation.
const secretWords = ['password', 'passwd', 'secret', 'token', 'authorization', 'signature', 'hmac', 'cookie'];
const secretSuffixes = ['key', 'keys', 'pwd'];

/** True when a field of this name may hold a credential. */
export function isSecretKey(name: string): boolean {
  const flat = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return secretWords.some((word) => flat.includes(word)) || secretSuffixes.some((suffix) => flat.endsWith(suffix));
}

const credentialInText = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const secretParameter =
  /([A-Za-z0-9_-]*(?:password|passwd|secret|token|signature|hmac|key)[A-Za-z0-9_-]*)=([^&\s"']+)/gi;

/** Scrubs credentials written inside a text: `Authorization` values and `ws_key=…`-style query parameters. */
export function redactText(text: string): string {
  return text
    .replace(credentialInText, (_match, scheme: string) => `${scheme} ${redacted}`)
    .replace(secretParameter, (_match, name: string) => `${name}=${redacted}`);
}

/**
 * A copy of `value` safe to store: secret-looking keys replaced by '[redacted]' at any depth, credentials
 * inside strings scrubbed, errors reduced to name and message, cycles cut.
 */
export function redactSecrets(value: unknown): unknown {
  return scrub(value, new WeakSet());
}

function scrub(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
    if (Array.isArray(value)) return value.map((item) => scrub(item, seen));
    if (value instanceof Map) return scrub(Object.fromEntries(value), seen);
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      copy[key] = isSecretKey(key) ? redacted : scrub(item, seen);
    }
    return copy;
  } finally {
    seen.delete(value);
  }
}
