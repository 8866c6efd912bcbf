import { createHash } from 'node:crypto';
import type { Inbox } from '@passerelle/core';
import { verifyWebhookSignature } from './signature.js';

export interface WooWebhookReceiverOptions {
  /** The secret set on the WooCommerce webhooks (WooCommerce > Settings > Advanced > Webhooks). */
  secret: string;
  inbox: Inbox;
  /** Bodies above this are refused (413) before any work. @default 5 MiB */
  maxBodyBytes?: number;
}

function problem(status: number, title: string, detail: string): Response {
  return new Response(
    JSON.stringify({ type: `https://passerelle.dev/problems/webhook-${status}`, title, status, detail }),
    {
      status,
      headers: { 'content-type': 'application/problem+json' },
    },
  );
}

async function readBounded(request: Request, limit: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) return null;
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  return Buffer.concat(parts);
}

/**
 * The endpoint WooCommerce webhooks are delivered to. It checks `X-WC-Webhook-Signature` over the raw body
 * (constant time), stores the delivery in core's inbox (deduplicated on `X-WC-Webhook-Delivery-ID`) and
 * answers at once: WooCommerce disables a webhook after 5 failed deliveries, so the work happens later,
 * in the inbox job. WooCommerce's unsigned ping (`webhook_id=N`, sent when a webhook is saved) is
 * answered 200 and not stored. Nothing of the body or the secret appears in an answer.
 */
export function createWooWebhookReceiver(options: WooWebhookReceiverOptions): (request: Request) => Promise<Response> {
  if (!options.secret || options.secret.length < 8)
    throw new Error('WooCommerce webhook receiver: the secret must be at least 8 characters');
  const limit = options.maxBodyBytes ?? 5 * 1024 * 1024;
  return async (request) => {
    if (request.method !== 'POST')
      return problem(405, 'Method not allowed', 'WooCommerce delivers webhooks with POST.');
    const raw = await readBounded(request, limit);
    if (raw === null) return problem(413, 'Payload too large', `Webhook bodies are limited to ${limit} bytes.`);
    const text = Buffer.from(raw).toString('utf8');
    const signature = request.headers.get('x-wc-webhook-signature');
    if (!signature && /^webhook_id=\d+$/.test(text.trim())) return Response.json({ ok: true, ping: true });
    if (!verifyWebhookSignature(raw, options.secret, signature)) {
      return problem(
        401,
        'Invalid signature',
        'X-WC-Webhook-Signature does not match the body: check the webhook secret.',
      );
    }
    const topic = request.headers.get('x-wc-webhook-topic');
    if (!topic) return problem(400, 'Missing topic', 'X-WC-Webhook-Topic is missing.');
    let payload: unknown;
    try {
      payload = JSON.parse(text) as unknown;
    } catch {
      return problem(400, 'Invalid body', 'The webhook body is not JSON.');
    }
    const deliveryId =
      request.headers.get('x-wc-webhook-delivery-id') ??
      `${request.headers.get('x-wc-webhook-id') ?? 'webhook'}:${createHash('sha256').update(raw).digest('hex').slice(0, 32)}`;
    const { duplicate } = await options.inbox.receive({ source: 'woocommerce', deliveryId, topic, payload });
    return Response.json({ ok: true, duplicate });
  };
}
