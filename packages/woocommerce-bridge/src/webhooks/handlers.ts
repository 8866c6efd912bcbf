import { type ChangeDetector, journalFromWebhook } from '@passerelle/core';

/** Core's inbox handler type, named here because core exports only the factory. */
export type WooWebhookHandler = ReturnType<typeof journalFromWebhook>;

function record(payload: unknown): Record<string, unknown> {
  return payload !== null && typeof payload === 'object' && !Array.isArray(payload)
    ? (payload as Record<string, unknown>)
    : {};
}

function idOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return String(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return value;
  return null;
}

/**
 * Inbox handlers for WooCommerce topics. A webhook only says "look now": the detector re-reads the item and
 * journals it through the same hash comparison as the sweep. Product topics also fire for variations
 * (with the variation's id and `parent_id`): those refresh their parent product. `*.deleted` payloads
 * are just `{ id }`; the re-read finds nothing and journals the delete. Coupon topics have no handler.
 */
export function woocommerceWebhookHandlers(
  detector: Pick<ChangeDetector, 'refresh'>,
): Record<string, WooWebhookHandler> {
  const product = journalFromWebhook(detector, (payload) => {
    const body = record(payload);
    const parent = idOf(body.parent_id);
    const id = body.type === 'variation' && parent ? parent : idOf(body.id);
    return id ? { entity: 'product', id } : null;
  });
  const order = journalFromWebhook(detector, (payload) => {
    const id = idOf(record(payload).id);
    return id ? { entity: 'order', id } : null;
  });
  const customer = journalFromWebhook(detector, (payload) => {
    const id = idOf(record(payload).id);
    return id ? { entity: 'customer', id } : null;
  });
  const handlers: Record<string, WooWebhookHandler> = {};
  for (const event of ['created', 'updated', 'deleted', 'restored', 'published'])
    handlers[`product.${event}`] = product;
  for (const event of ['created', 'updated', 'deleted', 'restored']) handlers[`order.${event}`] = order;
  for (const event of ['created', 'updated', 'deleted']) handlers[`customer.${event}`] = customer;
  return handlers;
}
