import { type ChangeDetector, journalFromWebhook } from '@passerelle/core';
import type { ShopifyClient } from '../client.js';
import { INVENTORY_ITEM_VARIANT_QUERY } from '../graphql/inventory.js';
import { stockLevelId } from '../map/stock.js';
import { inventoryLevelOf, payloadGid } from '../map/webhook-payload.js';

/** Core's inbox handler type (`journal/inbox.ts`), which its index does not re-export. */
export type WebhookHandler = ReturnType<typeof journalFromWebhook>;

/** The topics the app subscribes to for change detection (`shopify.app.toml` lists the same). */
export const CHANGE_TOPICS = [
  'products/create',
  'products/update',
  'products/delete',
  'inventory_levels/update',
  'orders/create',
  'orders/updated',
  'orders/paid',
  'orders/cancelled',
  'orders/fulfilled',
  'orders/partially_fulfilled',
  'orders/edited',
  'orders/delete',
  'fulfillments/create',
  'fulfillments/update',
  'refunds/create',
  'customers/create',
  'customers/update',
  'customers/delete',
] as const;

/**
 * Handlers of one installed shop. A webhook only says "look now": the item is re-read and journaled
 * through core's detector and its content hash, so a webhook and the next sweep never both journal one
 * change, and a retried or out-of-order delivery changes nothing.
 */
export function changeTopicHandlers(
  detector: Pick<ChangeDetector, 'refresh'>,
  client: ShopifyClient,
): Record<string, WebhookHandler> {
  const by = (entity: 'product' | 'order' | 'customer', type: string, idField = 'id') =>
    journalFromWebhook(detector, (payload) => {
      const id = payloadGid(payload, type, idField);
      return id ? { entity, id } : null;
    });
  const product = by('product', 'Product');
  const order = by('order', 'Order');
  const orderOf = by('order', 'Order', 'order_id');
  const customer = by('customer', 'Customer');

  const inventoryLevel: WebhookHandler = async (payload) => {
    const level = inventoryLevelOf(payload);
    if (!level) return;
    const answer = await client.request<{ inventoryItem: { variants: { nodes: { id: string }[] } } | null }>(
      INVENTORY_ITEM_VARIANT_QUERY,
      {
        id: level.inventoryItemId,
      },
    );
    const variant = answer.inventoryItem?.variants.nodes[0];
    if (variant) await detector.refresh('stock', stockLevelId(variant.id, level.locationId));
  };

  return {
    'products/create': product,
    'products/update': product,
    'products/delete': product,
    'inventory_levels/update': inventoryLevel,
    'orders/create': order,
    'orders/updated': order,
    'orders/paid': order,
    'orders/cancelled': order,
    'orders/fulfilled': order,
    'orders/partially_fulfilled': order,
    'orders/edited': journalFromWebhook(detector, (payload) => {
      const id = payloadGid((payload as { order_edit?: unknown })?.order_edit, 'Order', 'order_id');
      return id ? { entity: 'order', id } : null;
    }),
    'orders/delete': order,
    'fulfillments/create': orderOf,
    'fulfillments/update': orderOf,
    'refunds/create': orderOf,
    'customers/create': customer,
    'customers/update': customer,
    'customers/delete': customer,
    // The bridge polls its bulk operations; the notification needs nothing more.
    'bulk_operations/finish': async () => {},
  };
}
