import type { AdapterPage, ListOptions, PlatformAdapter } from '../adapter.js';

/** The entities whose feeds the change detector reads (prices travel with products and variants). */
export type FeedEntity =
  | 'product'
  | 'category'
  | 'stock'
  | 'customer'
  | 'customer-group'
  | 'order'
  | 'invoice'
  | 'payment'
  | 'shipment';

/** What the detector journals: every feed entity, plus variants found inside products. */
export type DetectedEntity = FeedEntity | 'variant';

export const feedEntities: readonly FeedEntity[] = [
  'product',
  'category',
  'stock',
  'customer',
  'customer-group',
  'order',
  'invoice',
  'payment',
  'shipment',
];

/**
 * Fields left out of the content hash per entity, on top of `sourceUpdatedAt` and `raw`: they move
 * when nothing a back office cares about moved (an order's `updatedAt` is bumped by any save, a stock
 * level's `asOf` is often the read time).
 */
export const defaultIgnoredFields: Readonly<Partial<Record<DetectedEntity, readonly string[]>>> = {
  product: ['updatedAt'],
  variant: ['updatedAt'],
  category: ['updatedAt'],
  stock: ['asOf', 'updatedAt'],
  customer: ['updatedAt', 'lastLoginAt'],
  'customer-group': ['updatedAt'],
  order: ['updatedAt'],
  invoice: ['updatedAt'],
  payment: ['updatedAt'],
  shipment: ['updatedAt'],
};

/** One readable entity of the adapter, seen the same way whatever its contract type. */
export interface EntityFeed {
  entity: FeedEntity;
  /**
   * False when the platform has no reliable modified date for the entity (stock on PrestaShop and
   * WooCommerce): every sweep reads the whole list and the content hash decides what changed.
   */
  incremental: boolean;
  list(options: ListOptions): Promise<AdapterPage<unknown>>;
  get?(id: string): Promise<unknown | null>;
  listIds?(options: ListOptions): Promise<AdapterPage<string>>;
}

/** The feeds `adapter` offers, in dependency order (categories before products, customers before orders). */
export function feedsOf(adapter: PlatformAdapter): Map<FeedEntity, EntityFeed> {
  const feeds = new Map<FeedEntity, EntityFeed>();
  const add = (entity: FeedEntity, ops: FeedOperations | undefined, incremental = true) => {
    if (!ops) return;
    feeds.set(entity, {
      entity,
      incremental,
      list: (options) => ops.list(options),
      ...(ops.get ? { get: (id: string) => ops.get!(id) } : {}),
      ...(ops.listIds ? { listIds: (options: ListOptions) => ops.listIds!(options) } : {}),
    });
  };
  add('category', adapter.categories);
  add('product', adapter.products);
  add('stock', adapter.stock, false);
  add('customer-group', adapter.customerGroups);
  add('customer', adapter.customers);
  const orders = adapter.orders;
  if (orders) {
    // Every order, whatever its status: the journal is how the cloud learns of later cancellations.
    // Calls go through `orders` itself (not a spread copy) so a bridge written as a class keeps its methods.
    add('order', {
      list: (options) => orders.list({ ...options, sortBy: 'updatedAt' }),
      get: (id) => orders.get(id),
      ...(orders.listIds ? { listIds: (options: ListOptions) => orders.listIds!(options) } : {}),
    });
  }
  add('invoice', adapter.invoices);
  add('payment', adapter.payments);
  add('shipment', adapter.shipments);
  return feeds;
}

interface FeedOperations {
  list(options: ListOptions): Promise<AdapterPage<unknown>>;
  get?(id: string): Promise<unknown | null>;
  listIds?(options: ListOptions): Promise<AdapterPage<string>>;
}

/** How the journal and the binding table know one item. */
export interface ItemIdentity {
  /** The platform id the binding points to; `ChangeRecord.id`. */
  platformId: string;
  /** The binding's reference: the item's reference, or `id:<platformId>` when it has none. */
  key: string;
  /** The reference journaled with the change (null when the item has none). */
  reference: string | null;
  sourceUpdatedAt: string | null;
}

/** Derives an item's identity; null when the item carries no usable id (a bridge bug, logged and skipped). */
export function identify(entity: DetectedEntity, item: unknown): ItemIdentity | null {
  if (item === null || typeof item !== 'object') return null;
  const record = item as Record<string, unknown>;
  const sourceUpdatedAt = text(record.sourceUpdatedAt);
  if (entity === 'stock') {
    // A stock level has no id of its own: it is the quantity of one product or variant at one location.
    const reference = text(record.reference);
    const base = text(record.variantId) ?? text(record.productId) ?? reference ?? text(record.id);
    if (base === null) return null;
    const location = text(record.location);
    const at = location === null ? '' : `@${location}`;
    const keyedReference = reference === null ? null : `${reference}${at}`;
    const platformId = `${base}${at}`;
    return { platformId, key: keyedReference ?? idKey(platformId), reference: keyedReference, sourceUpdatedAt };
  }
  const platformId = text(record.id);
  if (platformId === null) return null;
  // An empty reference (a PrestaShop combination without one) is no reference: keying on '' would merge items.
  const reference = text(record.reference);
  return { platformId, key: reference ?? idKey(platformId), reference, sourceUpdatedAt };
}

export function idKey(platformId: string): string {
  return `id:${platformId}`;
}

/** The reference a binding key stands for (null for the `id:` fallback). */
export function referenceOfKey(key: string): string | null {
  return key.startsWith('id:') ? null : key;
}

function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
