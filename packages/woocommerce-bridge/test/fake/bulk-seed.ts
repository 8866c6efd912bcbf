import type { WooProduct } from '../../src/woo.types.js';
import { docsSeed, type FakeSeed, fixture } from './seed.js';

/** The docs seed plus `count` simple products with managed stock (`BULK-0001`…), for volume tests and the bench. */
export function bulkSeed(count: number): FakeSeed {
  const seed = docsSeed();
  const template = fixture<WooProduct>('product-simple');
  for (let index = 1; index <= count; index++) {
    const sku = `BULK-${String(index).padStart(4, '0')}`;
    seed.products.push({
      ...structuredClone(template),
      id: 10_000 + index,
      sku,
      name: `Bulk ${index}`,
      slug: sku.toLowerCase(),
      images: [],
      manage_stock: true,
      stock_quantity: 1,
      related_ids: [],
    } as WooProduct);
  }
  return seed;
}
