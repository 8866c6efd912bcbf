import type { WooRuntime } from '../runtime.js';
import type { WooWebhook } from '../woo.types.js';

export interface WebhookHealth {
  /** Webhooks WooCommerce turned off after 5 failed deliveries (or an admin did). */
  disabled: WooWebhook[];
  paused: WooWebhook[];
}

/**
 * Lists the shop's webhooks that no longer deliver, optionally only those pointing at `deliveryUrl`
 * (this module's receiver). WooCommerce never turns a disabled webhook back on by itself.
 */
export async function readWebhookHealth(
  runtime: Pick<WooRuntime, 'fetchAll'>,
  deliveryUrl?: string,
): Promise<WebhookHealth> {
  const mine = (hook: WooWebhook) =>
    !deliveryUrl || hook.delivery_url.replace(/\/+$/, '') === deliveryUrl.replace(/\/+$/, '');
  const [disabled, paused] = await Promise.all(
    ['disabled', 'paused'].map((status) => runtime.fetchAll<WooWebhook>('webhooks', { status })),
  );
  return { disabled: (disabled ?? []).filter(mine), paused: (paused ?? []).filter(mine) };
}
