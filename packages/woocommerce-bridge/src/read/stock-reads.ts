import type { AdapterPage, ListOptions, StockLevel } from '@passerelle/core';
import { decodeCursor, encodeCursor, type KeysetCursor, readAfter } from '../keyset-page.js';
import { holdsStock, toStockLevel } from '../map/stock.js';
import { mapLimit } from '../map-limit.js';
import type { WooRuntime } from '../runtime.js';
import type { WooProduct, WooVariation } from '../woo.types.js';
import { fetchVariations, findBySkus, productListQuery } from './product-reads.js';

/**
 * Stock levels: one per simple product, per variation, and per variable product that manages stock
 * itself. WooCommerce has no date for stock changes (they do not move `date_modified`), so the whole
 * list is read and `updatedSince` cannot narrow it.
 */
export function createStockReads(runtime: WooRuntime) {
  return {
    async list(options: ListOptions): Promise<AdapterPage<StockLevel>> {
      const context = await runtime.mapContext();
      const cursor = decodeCursor(options.cursor);
      const read = await readAfter(
        (offset, perPage) =>
          runtime.client
            .get<WooProduct[]>('products', { query: { ...productListQuery(undefined), per_page: perPage, offset } })
            .then((answer) => answer.data),
        cursor ? { a: cursor.a, o: cursor.o } : null,
        options.limit,
      );
      const variations = await mapLimit(read.items, 4, (product) =>
        product.type === 'variable' ? fetchVariations(runtime, product.id) : Promise.resolve([] as WooVariation[]),
      );
      const levels: StockLevel[] = [];
      for (const [index, product] of read.items.entries()) {
        const own = holdsStock(product, false) ? [toStockLevel(product, null, context)] : [];
        const children = (variations[index] ?? [])
          .filter((variation) => holdsStock(variation, true))
          .map((variation) => toStockLevel(variation, product.id, context));
        const all = [...own, ...children];
        const skip = index === 0 ? (cursor?.s ?? 0) : 0;
        for (let position = skip; position < all.length; position++) {
          if (levels.length >= options.limit) {
            // The page is full inside this product: come back to it and skip what was served.
            const next: KeysetCursor = {
              a: index === 0 ? (cursor?.a ?? 0) : (read.items[index - 1] as WooProduct).id,
              o: read.offsets[index] as number,
              s: position,
            };
            return { items: levels, nextCursor: encodeCursor(next) };
          }
          levels.push(all[position] as StockLevel);
        }
      }
      return { items: levels, nextCursor: read.next ? encodeCursor(read.next) : null };
    },

    async getByReferences(references: string[]): Promise<Map<string, StockLevel>> {
      const context = await runtime.mapContext();
      const found = await findBySkus(runtime, references);
      const out = new Map<string, StockLevel>();
      for (const item of found) {
        const isVariation = item.type === 'variation';
        if (!holdsStock(item, isVariation)) continue;
        out.set(item.sku, toStockLevel(item, isVariation ? item.parent_id : null, context));
      }
      return out;
    },
  };
}
