import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Constant-time comparison of two strings: both are hashed first, so lengths leak nothing either. */
export function safeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a, 'utf8').digest();
  const right = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(left, right) && a.length === b.length;
}

/** The message Shopify signs for an OAuth or install request: the other parameters sorted and URL-encoded. */
export function queryMessage(params: URLSearchParams): string {
  const sorted = new URLSearchParams();
  const keys = [...new Set([...params.keys()])].filter((key) => key !== 'hmac' && key !== 'signature').sort();
  for (const key of keys) sorted.append(key, params.getAll(key).join(','));
  return sorted.toString().replace(/\+/g, '%20');
}

export interface QueryCheck {
  ok: boolean;
  reason?: 'missing-hmac' | 'bad-hmac' | 'stale-timestamp';
}

/**
 * Verifies the `hmac` of a request Shopify redirected to the app (install, OAuth callback): hex
 * HMAC-SHA256 of the other parameters with the client secret, and a `timestamp` within the tolerance.
 * Several secrets are tried during a rotation.
 */
export function verifyQueryHmac(
  params: URLSearchParams,
  secrets: readonly string[],
  options: { nowSeconds?: number; toleranceSeconds?: number } = {},
): QueryCheck {
  const hmac = params.get('hmac');
  if (!hmac) return { ok: false, reason: 'missing-hmac' };
  const message = queryMessage(params);
  const valid = secrets.some((secret) =>
    safeEqual(createHmac('sha256', secret).update(message).digest('hex'), hmac.toLowerCase()),
  );
  if (!valid) return { ok: false, reason: 'bad-hmac' };
  const timestamp = params.get('timestamp');
  if (timestamp !== null) {
    const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
    if (!/^\d+$/.test(timestamp) || Math.abs(now - Number(timestamp)) > (options.toleranceSeconds ?? 90)) {
      return { ok: false, reason: 'stale-timestamp' };
    }
  }
  return { ok: true };
}

/** `X-Shopify-Hmac-Sha256` of a webhook body: base64 HMAC-SHA256 of the raw bytes with the client secret. */
export function webhookHmac(body: string | Uint8Array, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

/** Verifies a webhook signature over the raw body (never a re-serialised JSON), in constant time. */
export function verifyWebhookHmac(
  body: string | Uint8Array,
  header: string | null,
  secrets: readonly string[],
): boolean {
  if (!header) return false;
  return secrets.some((secret) => safeEqual(webhookHmac(body, secret), header.trim()));
}
