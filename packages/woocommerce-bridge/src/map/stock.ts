import type { StockLevel } from '@passerelle/core';
import type { WooProduct, WooVariation } from '../woo.types.js';
import { fromWooGmt } from './dates.js';
import type { MapContext } from './map-context.js';

/**
 * Whether an item holds a stock level of its own. A variation whose stock is managed by its parent
 * (`manage_stock: "parent"`) has none: the parent's level is the one to read and write.
 */
export function holdsStock(item: WooProduct | WooVariation, isVariation: boolean): boolean {
  if (isVariation) return item.manage_stock !== 'parent';
  return (item as WooProduct).type !== 'variable' || item.manage_stock === true;
}

/**
 * One stock level: WooCommerce has a single location and its `stock_quantity` is what can still be sold
 * (orders take from it as they are placed), hence `available`. An item without stock management reads
 * as untracked with quantity 0.
 */
export function toStockLevel(
  item: WooProduct | WooVariation,
  parentId: number | null,
  context: MapContext,
): StockLevel {
  const tracked = item.manage_stock === true;
  const level: StockLevel = {
    quantity: tracked ? (item.stock_quantity ?? 0) : 0,
    quantityType: 'available',
    tracked,
    asOf: context.now().toISOString(),
  };
  if (item.sku) level.reference = item.sku;
  if (parentId === null) level.productId = String(item.id);
  else {
    level.productId = String(parentId);
    level.variantId = String(item.id);
  }
  if (context.shopId) level.shopId = context.shopId;
  const updated = fromWooGmt(item.date_modified_gmt);
  if (updated) level.sourceUpdatedAt = updated;
  if (context.includeRaw)
    level.raw = {
      id: item.id,
      manage_stock: item.manage_stock,
      stock_quantity: item.stock_quantity,
      stock_status: item.stock_status,
    };
  return level;
}
