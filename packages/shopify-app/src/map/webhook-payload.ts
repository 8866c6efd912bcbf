import { bareGid, isGid, toGid } from './gid.js';

/**
 * Webhooks carry the REST shape (snake_case, numeric ids, `admin_graphql_api_id`), not GraphQL's: these
 * read what the bridge needs out of them, and nothing else is trusted (the item is re-read through GraphQL).
 */
/**
 * Parses a REST payload keeping ids exact: Shopify's REST ids are JSON numbers that may exceed 2^53, which
 * `JSON.parse` would round, so integers of 16 digits or more are read as strings.
 */
export function parseShopifyJson(text: string): unknown {
  return JSON.parse(text.replace(/([:,[]\s*)(-?\d{16,})(?=\s*[,\]}])/g, '$1"$2"'));
}

function record(payload: unknown): Record<string, unknown> {
  return payload !== null && typeof payload === 'object' && !Array.isArray(payload)
    ? (payload as Record<string, unknown>)
    : {};
}

function numericOrString(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return value;
  return null;
}

/** The GID of the resource a payload is about: `admin_graphql_api_id`, else built from `id`. */
export function payloadGid(payload: unknown, type: string, idField = 'id'): string | null {
  const fields = record(payload);
  const declared = fields.admin_graphql_api_id;
  if (idField === 'id' && typeof declared === 'string' && isGid(declared, type)) return bareGid(declared);
  const id = numericOrString(fields[idField]);
  return id ? toGid(type, id) : null;
}

/** `inventory_levels/update`: the inventory item and the location of the level that moved. */
export function inventoryLevelOf(payload: unknown): { inventoryItemId: string; locationId: string } | null {
  const fields = record(payload);
  // The level's GID holds both ids as text: `InventoryLevel/{location}?inventory_item_id={item}`.
  const gid =
    typeof fields.admin_graphql_api_id === 'string'
      ? /InventoryLevel\/(\d+)\?inventory_item_id=(\d+)/.exec(fields.admin_graphql_api_id)
      : null;
  const item = gid?.[2] ?? numericOrString(fields.inventory_item_id);
  const location = gid?.[1] ?? numericOrString(fields.location_id);
  return item && location
    ? { inventoryItemId: toGid('InventoryItem', item), locationId: toGid('Location', location) }
    : null;
}

/** The customer of a compliance payload (`customers/data_request`, `customers/redact`). */
export function complianceCustomer(payload: unknown): {
  id: string | null;
  ordersIds: string[];
  requestId: string | null;
} {
  const fields = record(payload);
  const customer = record(fields.customer);
  const orders = (
    Array.isArray(fields.orders_requested)
      ? fields.orders_requested
      : Array.isArray(fields.orders_to_redact)
        ? fields.orders_to_redact
        : []
  )
    .map(numericOrString)
    .filter((id): id is string => id !== null)
    .map((id) => toGid('Order', id));
  const id = numericOrString(customer.id);
  const requestId = numericOrString(record(fields.data_request).id);
  return { id: id ? toGid('Customer', id) : null, ordersIds: orders, requestId };
}

/** `shop_domain` of a compliance payload, to check it against the delivery's header. */
export function payloadShopDomain(payload: unknown): string | null {
  const value = record(payload).shop_domain;
  return typeof value === 'string' ? value : null;
}
