import type { ShopContext } from '../shop-context.js';

/**
 * Moves a product's `updated_at` (and its variant's) forward. Stock and prices are part of what a
 * product read shows, so changing them is a change of the product for anyone polling by date.
 */
export function touchItem(context: ShopContext, productId: number, variantId: number | null): void {
  const { db, clock } = context;
  const product = db
    .prepare<[number], { updated_at: string }>('SELECT updated_at FROM products WHERE id = ?')
    .get(productId);
  if (product)
    db.prepare('UPDATE products SET updated_at = ? WHERE id = ?').run(clock.stamp(product.updated_at), productId);
  if (variantId) {
    const variant = db
      .prepare<[number], { updated_at: string }>('SELECT updated_at FROM variants WHERE id = ?')
      .get(variantId);
    if (variant)
      db.prepare('UPDATE variants SET updated_at = ? WHERE id = ?').run(clock.stamp(variant.updated_at), variantId);
  }
}
