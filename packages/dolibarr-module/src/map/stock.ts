import type { StockLevel } from '@passerelle/core';
import type { VariantLink } from '../lookups.js';
import { type DolibarrProduct, stringOf } from '../payloads.types.js';
import { isoFromLocal } from './dates.js';
import { stockQuantity } from './product.js';

export interface StockMapContext {
  stockType: 'physical' | 'virtual';
  /** A warehouse id, or '0' for the sum of all. */
  warehouse: string;
  timeZone: string;
  asOf: string;
}

/**
 * One stock level per sellable item (simple product or variant child). Physical stock is what is on
 * the shelves (`onHand`); virtual stock takes open orders off and supplier orders on (`available`).
 */
export function stockFromDolibarr(
  raw: DolibarrProduct,
  link: VariantLink | undefined,
  context: StockMapContext,
): StockLevel {
  const updated = isoFromLocal(raw.date_modification, context.timeZone);
  return {
    ...(stringOf(raw.ref) ? { reference: stringOf(raw.ref) } : {}),
    productId: String(link ? link.parentId : raw.id),
    ...(link ? { variantId: String(raw.id) } : {}),
    ...(context.warehouse !== '0' ? { location: context.warehouse } : {}),
    quantity: stockQuantity(raw, context.stockType, context.warehouse),
    quantityType: context.stockType === 'virtual' ? 'available' : 'onHand',
    tracked: true,
    asOf: context.asOf,
    ...(updated ? { sourceUpdatedAt: updated } : {}),
  };
}
