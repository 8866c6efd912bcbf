import type { StockLevel } from '@passerelle/core';
import type { StockRow } from '../ops/stock-rows.js';
import type { ShopSnapshot } from '../shop-context.js';

/**
 * A `stock_availables` row as a stock level. Its `quantity` is what can still be sold (PrestaShop keeps
 * physical and reserved quantities beside it), so the level says `available`. It has no date of its own:
 * `asOf` is the read's instant.
 */
export function toStockLevel(
  row: StockRow,
  reference: string | undefined,
  shop: ShopSnapshot,
  asOf: string,
  shopId: string | undefined,
): StockLevel {
  return {
    id: row.id,
    ...(reference ? { reference } : {}),
    productId: row.productId,
    ...(row.combinationId !== '0' ? { variantId: row.combinationId } : {}),
    ...(shopId ? { shopId } : {}),
    quantity: row.quantity,
    quantityType: 'available',
    tracked: shop.stockManagement,
    asOf,
  };
}
