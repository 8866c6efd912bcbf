import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** `X-WC-Webhook-Signature`: base64 of the HMAC-SHA256 of the raw body, keyed with the webhook's secret. */
export function webhookSignature(rawBody: Uint8Array | string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

/**
 * Whether `given` is the signature of `rawBody`. Both sides are hashed before a constant-time compare, so
 * neither the length nor the first wrong byte of a forged signature shows in the timing.
 */
export function verifyWebhookSignature(rawBody: Uint8Array | string, secret: string, given: string | null): boolean {
  if (!given || !secret) return false;
  const expected = createHash('sha256').update(webhookSignature(rawBody, secret)).digest();
  const actual = createHash('sha256').update(given.trim()).digest();
  return timingSafeEqual(expected, actual);
}
