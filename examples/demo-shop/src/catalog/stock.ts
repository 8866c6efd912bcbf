import type { ListOptions, StockLevel, StockWritePlan } from '@passerelle/core';
import { keysetPage } from '../keyset-page.js';
import { DEFAULT_WAREHOUSE, SHOP_ID } from '../shop-configuration.js';
import { type ShopContext, toRowId } from '../shop-context.js';
import { touchItem } from './touch-item.js';

interface StockRow {
  id: number;
  product_id: number;
  variant_id: number;
  warehouse_id: string;
  quantity: number;
  out_of_stock: number;
  updated_at: string;
  product_reference: string | null;
  variant_reference: string | null;
  tracked: number;
}

const STOCK_VIEW = `(SELECT s.*, p.reference AS product_reference, v.reference AS variant_reference, p.tracked AS tracked
  FROM stock s JOIN products p ON p.id = s.product_id LEFT JOIN variants v ON v.id = s.variant_id AND s.variant_id <> 0) AS stock_view`;

/** A sellable item: a variant, or a product without variants. */
interface SellableItem {
  productId: number;
  variantId: number;
  reference: string;
}

/**
 * Stock per warehouse, absolute. A product with variants holds no stock of its own: its variants do,
 * as PrestaShop combinations and Shopify variants do.
 */
export function createStockRepository(context: ShopContext) {
  const { db, clock } = context;

  const toLevel = (row: StockRow): StockLevel => {
    const reference = row.variant_id ? row.variant_reference : row.product_reference;
    return {
      id: String(row.id),
      ...(reference ? { reference } : {}),
      productId: String(row.product_id),
      ...(row.variant_id ? { variantId: String(row.variant_id) } : {}),
      shopId: SHOP_ID,
      location: row.warehouse_id,
      quantity: row.quantity,
      quantityType: 'available',
      tracked: row.tracked === 1,
      asOf: row.updated_at,
      sourceUpdatedAt: row.updated_at,
    };
  };

  const findItem = (reference: string): SellableItem | { error: string } => {
    const variant = db
      .prepare<[string], { id: number; product_id: number }>('SELECT id, product_id FROM variants WHERE reference = ?')
      .get(reference);
    if (variant) return { productId: variant.product_id, variantId: variant.id, reference };
    const product = db.prepare<[string], { id: number }>('SELECT id FROM products WHERE reference = ?').get(reference);
    if (!product) return { error: `no product or variant with reference "${reference}"` };
    const hasVariants = db
      .prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM variants WHERE product_id = ?')
      .get(product.id);
    if (hasVariants && hasVariants.n > 0) {
      return { error: `product "${reference}" has variants: its stock is held per variant SKU` };
    }
    return { productId: product.id, variantId: 0, reference };
  };

  const warehouseExists = (id: string): boolean =>
    db.prepare<[string], { id: string }>('SELECT id FROM warehouses WHERE id = ?').get(id) !== undefined;

  const setQuantity = (
    productId: number,
    variantId: number,
    warehouse: string,
    quantity: number,
    outOfStock?: boolean,
  ): number => {
    const existing = db
      .prepare<[number, number, string], { id: number; updated_at: string; out_of_stock: number }>(
        'SELECT id, updated_at, out_of_stock FROM stock WHERE product_id = ? AND variant_id = ? AND warehouse_id = ?',
      )
      .get(productId, variantId, warehouse);
    const flag = outOfStock === undefined ? (existing?.out_of_stock ?? (quantity <= 0 ? 1 : 0)) : outOfStock ? 1 : 0;
    if (existing) {
      db.prepare('UPDATE stock SET quantity = ?, out_of_stock = ?, updated_at = ? WHERE id = ?').run(
        quantity,
        flag,
        clock.stamp(existing.updated_at),
        existing.id,
      );
      return existing.id;
    }
    const result = db
      .prepare(
        'INSERT INTO stock (product_id, variant_id, warehouse_id, quantity, out_of_stock, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(productId, variantId, warehouse, quantity, flag, clock.stamp(null));
    return Number(result.lastInsertRowid);
  };

  return {
    get(id: string): StockLevel | null {
      const rowId = toRowId(id);
      const row =
        rowId === null
          ? undefined
          : db.prepare<[number], StockRow>(`SELECT * FROM ${STOCK_VIEW} WHERE id = ?`).get(rowId);
      return row ? toLevel(row) : null;
    },
    list(options: ListOptions) {
      const where: string[] = [];
      const params: Record<string, unknown> = {};
      if (options.updatedSince) {
        where.push('updated_at >= @since');
        params.since = new Date(options.updatedSince).toISOString();
      }
      const page = keysetPage<StockRow>(db, {
        table: STOCK_VIEW,
        sortColumn: options.updatedSince ? 'updated_at' : 'id',
        sortName: options.updatedSince ? 'updated' : 'id',
        where,
        params,
        cursor: options.cursor,
        limit: options.limit,
      });
      return { items: page.rows.map(toLevel), nextCursor: page.nextCursor };
    },
    /** The level in the default warehouse (or the first one holding the item): what a write without location changes. */
    getByReferences(references: string[]): Map<string, StockLevel> {
      const out = new Map<string, StockLevel>();
      const query = db.prepare<[number, number, string], StockRow>(
        `SELECT * FROM ${STOCK_VIEW} WHERE product_id = ? AND variant_id = ?
         ORDER BY CASE warehouse_id WHEN ? THEN 0 ELSE 1 END, id LIMIT 1`,
      );
      for (const reference of new Set(references)) {
        const item = findItem(reference);
        if ('error' in item) continue;
        const row = query.get(item.productId, item.variantId, DEFAULT_WAREHOUSE);
        if (row) out.set(reference, toLevel(row));
      }
      return out;
    },
    write(plan: StockWritePlan): string {
      const item = findItem(plan.reference);
      if ('error' in item) throw new Error(item.error);
      const warehouse = plan.location ?? DEFAULT_WAREHOUSE;
      if (!warehouseExists(warehouse)) throw new Error(`no warehouse "${warehouse}" (known: paris, geneva)`);
      if (!Number.isInteger(plan.quantity)) throw new Error('a stock quantity is a whole number');
      setQuantity(item.productId, item.variantId, warehouse, plan.quantity, plan.outOfStock);
      if (plan.setActive !== undefined) {
        const table = item.variantId ? 'variants' : 'products';
        db.prepare(`UPDATE ${table} SET active = ? WHERE id = ?`).run(
          plan.setActive ? 1 : 0,
          item.variantId || item.productId,
        );
      }
      touchItem(context, item.productId, item.variantId || null);
      return String(item.variantId || item.productId);
    },
    setQuantity,
    /** Sum over warehouses, as a product page shows it. */
    totalOf(productId: number, variantId: number | null): number {
      const sql =
        variantId === null
          ? 'SELECT SUM(quantity) AS total FROM stock WHERE product_id = ?'
          : 'SELECT SUM(quantity) AS total FROM stock WHERE product_id = ? AND variant_id = ?';
      const args = variantId === null ? [productId] : [productId, variantId];
      return db.prepare<unknown[], { total: number | null }>(sql).get(...args)?.total ?? 0;
    },
    /** Opens empty stock rows in every warehouse for a new sellable item. */
    open(productId: number, variantId: number): void {
      const warehouses = db.prepare<[], { id: string }>('SELECT id FROM warehouses ORDER BY position').all();
      for (const warehouse of warehouses) {
        db.prepare(
          'INSERT OR IGNORE INTO stock (product_id, variant_id, warehouse_id, quantity, out_of_stock, updated_at) VALUES (?, ?, ?, 0, 1, ?)',
        ).run(productId, variantId, warehouse.id, clock.stamp(null));
      }
    },
    /** A product that gains variants stops holding stock itself. */
    closeProductLevel(productId: number): void {
      db.prepare('DELETE FROM stock WHERE product_id = ? AND variant_id = 0').run(productId);
    },
    /** Takes sold quantities out of the first warehouse that has them, as the shop does on an order. */
    decrement(productId: number, variantId: number, quantity: number): void {
      const rows = db
        .prepare<[number, number], { warehouse_id: string; quantity: number }>(
          `SELECT s.warehouse_id, s.quantity FROM stock s JOIN warehouses w ON w.id = s.warehouse_id
           WHERE s.product_id = ? AND s.variant_id = ? ORDER BY w.position`,
        )
        .all(productId, variantId);
      let left = quantity;
      for (const [index, row] of rows.entries()) {
        const take = index === rows.length - 1 ? left : Math.min(left, Math.max(row.quantity, 0));
        if (take === 0) continue;
        setQuantity(productId, variantId, row.warehouse_id, row.quantity - take);
        left -= take;
        if (left === 0) break;
      }
      touchItem(context, productId, variantId || null);
    },
  };
}

export type StockRepository = ReturnType<typeof createStockRepository>;
