import { verifyWebhookHmac } from '../auth/hmac.js';
import { normaliseShopDomain } from '../auth/shop-domain.js';
import { parseShopifyJson } from '../map/webhook-payload.js';

/** A verified delivery, ready for the inbox. */
export interface VerifiedWebhook {
  shop: string;
  /** `products/update`, lower-case with a slash, as the header names it. */
  topic: string;
  /** The inbox key: the topic and `X-Shopify-Event-Id`, so a retried delivery is stored once. */
  deliveryId: string;
  eventId: string;
  apiVersion: string | null;
  triggeredAt: string | null;
  payload: unknown;
}

export type WebhookRefusal = { status: 400 | 401 | 413; reason: string };

/** Shopify's payloads stay far below this; a larger body is refused before it is read whole. */
export const MAX_WEBHOOK_BYTES = 5 * 1024 * 1024;

/**
 * Verifies a delivery: the HMAC over the raw body first (base64 HMAC-SHA256 with the client secret,
 * constant-time), then the headers and the JSON. Nothing is trusted before the signature holds.
 */
export async function readWebhook(
  request: Request,
  secrets: readonly string[],
): Promise<VerifiedWebhook | WebhookRefusal> {
  const length = Number(request.headers.get('content-length') ?? '0');
  if (length > MAX_WEBHOOK_BYTES) return { status: 413, reason: 'payload too large' };
  const body = new Uint8Array(await request.arrayBuffer());
  if (body.byteLength > MAX_WEBHOOK_BYTES) return { status: 413, reason: 'payload too large' };
  if (!verifyWebhookHmac(body, request.headers.get('x-shopify-hmac-sha256'), secrets))
    return { status: 401, reason: 'invalid HMAC' };
  const topic = request.headers.get('x-shopify-topic')?.trim().toLowerCase();
  const shop = normaliseShopDomain(request.headers.get('x-shopify-shop-domain'));
  const eventId = request.headers.get('x-shopify-event-id') ?? request.headers.get('x-shopify-webhook-id');
  if (!topic || !shop || !eventId)
    return { status: 400, reason: 'missing X-Shopify-Topic, X-Shopify-Shop-Domain or X-Shopify-Event-Id' };
  let payload: unknown;
  try {
    payload = parseShopifyJson(new TextDecoder().decode(body));
  } catch {
    return { status: 400, reason: 'the body is not JSON' };
  }
  return {
    shop,
    topic,
    deliveryId: `${topic}#${eventId}`,
    eventId,
    apiVersion: request.headers.get('x-shopify-api-version'),
    triggeredAt: request.headers.get('x-shopify-triggered-at'),
    payload,
  };
}
