import type { CustomerGroup } from '@passerelle/core';
import type { PsRow } from '../client.js';
import type { ShopSnapshot } from '../shop-context.js';
import { readRequiredLocalized } from './multilang.js';
import { decimal, psText } from './scalars.js';

/** A `groups` row. `price_display_method` 0 shows prices tax included, 1 tax excluded. */
export function toCustomerGroup(
  row: PsRow,
  shop: ShopSnapshot,
  references: Map<string, string>,
  shopId: string | undefined,
  includeRaw: boolean,
): CustomerGroup {
  const id = psText(row.id);
  const group: CustomerGroup = {
    id,
    name: readRequiredLocalized(row.name, shop),
    reduction: decimal(row.reduction),
    priceDisplay: psText(row.price_display_method) === '1' ? 'taxExcl' : 'taxIncl',
  };
  const reference = references.get(id);
  if (reference) group.reference = reference;
  if (shopId) group.shopId = shopId;
  const updated = shop.dates.toIso(row.date_upd);
  if (updated) group.sourceUpdatedAt = updated;
  if (includeRaw) group.raw = row;
  return group;
}
