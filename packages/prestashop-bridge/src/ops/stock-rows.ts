import type { Bridge } from '../bridge-context.js';
import { listIn } from '../bridge-context.js';
import type { PsRow } from '../client.js';
import { psInt, psText } from '../map/scalars.js';

export interface StockRow {
  id: string;
  productId: string;
  combinationId: string;
  quantity: number;
}

export const STOCK_DISPLAY = [
  'id',
  'id_product',
  'id_product_attribute',
  'id_shop',
  'id_shop_group',
  'quantity',
] as const;

/**
 * One `stock_availables` row per (product, combination): the current shop's row wins, then a row shared
 * by a shop group (`id_shop` 0), then the first one. Stock lives there, never in `products.quantity`.
 */
export function pickStockRows(bridge: Bridge, rows: PsRow[]): StockRow[] {
  const { shopId } = bridge.client.shopContext();
  const rank = (row: PsRow) => (shopId && psText(row.id_shop) === shopId ? 2 : psText(row.id_shop) === '0' ? 1 : 0);
  const best = new Map<string, PsRow>();
  for (const row of rows) {
    if (shopId && psText(row.id_shop) !== shopId && psText(row.id_shop) !== '0') continue;
    const key = `${psText(row.id_product)}:${psText(row.id_product_attribute)}`;
    const current = best.get(key);
    if (!current || rank(row) > rank(current)) best.set(key, row);
  }
  return [...best.values()].map((row) => ({
    id: psText(row.id),
    productId: psText(row.id_product),
    combinationId: psText(row.id_product_attribute) || '0',
    quantity: psInt(row.quantity),
  }));
}

/** product id → combination id (`0`: the product's own row) → stock row. */
export async function stockByProduct(
  bridge: Bridge,
  productIds: readonly string[],
): Promise<Map<string, Map<string, StockRow>>> {
  const rows = await listIn(bridge.client, 'stock_availables', 'id_product', productIds, STOCK_DISPLAY);
  const out = new Map<string, Map<string, StockRow>>();
  for (const row of pickStockRows(bridge, rows)) {
    let perProduct = out.get(row.productId);
    if (!perProduct) {
      perProduct = new Map();
      out.set(row.productId, perProduct);
    }
    perProduct.set(row.combinationId, row);
  }
  return out;
}

/** Sets one absolute quantity on the row of (product, combination): the combination's own row for a variant. */
export async function writeQuantity(
  bridge: Bridge,
  productId: string,
  combinationId: string,
  quantity: number,
  /** The row, when the caller already knows it (a product just created names its own). */
  knownRowId?: string,
): Promise<string> {
  if (knownRowId) {
    await bridge.client.update('stock_availables', knownRowId, { fields: { quantity: String(quantity) } });
    return knownRowId;
  }
  const rows = await bridge.client.list('stock_availables', {
    display: STOCK_DISPLAY,
    filter: { id_product: `[${productId}]`, id_product_attribute: `[${combinationId}]` },
  });
  const [row] = pickStockRows(bridge, rows);
  if (!row) throw new Error(`PrestaShop has no stock row for product ${productId}, combination ${combinationId}`);
  await bridge.client.update('stock_availables', row.id, { fields: { quantity: String(quantity) } });
  return row.id;
}
