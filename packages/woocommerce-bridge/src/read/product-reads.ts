import type { AdapterPage, ListOptions, Product } from '@passerelle/core';
import { WOO_PAGE_SIZE } from '../client.js';
import { decodeCursor, encodeCursor, readAfter } from '../keyset-page.js';
import { isAtOrAfter, wooAfter } from '../map/dates.js';
import type { MapContext } from '../map/map-context.js';
import { linkedIds, toProduct } from '../map/product.js';
import { chunk, mapLimit } from '../map-limit.js';
import type { WooRuntime } from '../runtime.js';
import type { WooProduct, WooVariation } from '../woo.types.js';

/** SKUs are looked up 100 at a time (one full page): WooCommerce takes a comma-separated list. */
const SKUS_PER_CALL = 100;

/** The query of an id-ordered product listing, restricted to what changed since when asked. */
export function productListQuery(updatedSince: string | undefined): Record<string, string | number | boolean> {
  return {
    orderby: 'id',
    order: 'asc',
    ...(updatedSince ? { modified_after: wooAfter(updatedSince), dates_are_gmt: true } : {}),
  };
}

export async function fetchVariations(runtime: WooRuntime, productId: number): Promise<WooVariation[]> {
  return runtime.fetchAll<WooVariation>(`products/${productId}/variations`, { orderby: 'id', order: 'asc' });
}

/** Products and variations (the `sku` filter returns both) with one of `references`, remembered for stock writes. */
export async function findBySkus(runtime: WooRuntime, references: readonly string[]): Promise<WooProduct[]> {
  const unique = [...new Set(references.filter((reference) => reference !== ''))];
  // A SKU holding a comma must be asked alone: WooCommerce splits the list on commas.
  const plain = unique.filter((reference) => !reference.includes(','));
  const groups = [
    ...chunk(plain, SKUS_PER_CALL),
    ...unique.filter((reference) => reference.includes(',')).map((reference) => [reference]),
  ];
  const found = (
    await mapLimit(groups, 4, (group) => runtime.fetchAll<WooProduct>('products', { sku: group.join(',') }))
  ).flat();
  const wanted = new Set(unique);
  const out = found.filter((item) => wanted.has(item.sku));
  for (const item of out) {
    runtime.items.set(item.sku, {
      id: item.id,
      parentId: item.type === 'variation' ? item.parent_id : null,
      manageStock: item.manage_stock === true,
    });
  }
  return out;
}

/** Reads what the mapping needs beyond a page of products: variations, and the SKUs of linked products. */
async function enrich(runtime: WooRuntime, products: readonly WooProduct[], context: MapContext): Promise<Product[]> {
  const variations = await mapLimit(products, 4, (product) =>
    product.type === 'variable' ? fetchVariations(runtime, product.id) : Promise.resolve(undefined),
  );
  const known = new Map(products.filter((product) => product.sku).map((product) => [product.id, product.sku]));
  const missing = linkedIds(products).filter((id) => !known.has(id));
  for (const ids of chunk(missing, WOO_PAGE_SIZE)) {
    const linked = await runtime.fetchAll<{ id: number; sku: string }>('products', {
      include: ids.join(','),
      _fields: 'id,sku',
    });
    for (const item of linked) if (item.sku) known.set(item.id, item.sku);
  }
  const mapContext: MapContext = { ...context, skuById: known };
  return products.map((product, index) => toProduct(product, variations[index], mapContext));
}

/** Products: id-ordered keyset pages, each variable product with its variations. */
export function createProductReads(runtime: WooRuntime) {
  const page = (offset: number, perPage: number, updatedSince?: string, fields?: string) =>
    runtime.client
      .get<WooProduct[]>('products', {
        query: { ...productListQuery(updatedSince), per_page: perPage, offset, ...(fields ? { _fields: fields } : {}) },
      })
      .then((answer) => answer.data);

  return {
    async list(options: ListOptions): Promise<AdapterPage<Product>> {
      const context = await runtime.mapContext();
      const read = await readAfter(
        (offset, perPage) => page(offset, perPage, options.updatedSince),
        decodeCursor(options.cursor),
        options.limit,
      );
      const since = options.updatedSince;
      const kept = since ? read.items.filter((product) => isAtOrAfter(product.date_modified_gmt, since)) : read.items;
      const items = await enrich(runtime, kept, context);
      return { items, nextCursor: read.next ? encodeCursor(read.next) : null };
    },

    async get(id: string): Promise<Product | null> {
      if (!/^\d+$/.test(id)) return null;
      const product = await runtime.getOrNull<WooProduct>(`products/${id}`);
      if (!product || product.type === 'variation') return null;
      const [mapped] = await enrich(runtime, [product], await runtime.mapContext());
      return mapped ?? null;
    },

    async getByReferences(references: string[]): Promise<Map<string, Product>> {
      const found = (await findBySkus(runtime, references)).filter((item) => item.type !== 'variation');
      const mapped = await enrich(runtime, found, await runtime.mapContext());
      return new Map(
        mapped.filter((product) => product.reference).map((product) => [product.reference as string, product]),
      );
    },

    async listIds(options: ListOptions): Promise<AdapterPage<string>> {
      const read = await readAfter(
        (offset, perPage) => page(offset, perPage, options.updatedSince, 'id'),
        decodeCursor(options.cursor),
        options.limit,
      );
      return {
        items: read.items.map((item) => String(item.id)),
        nextCursor: read.next ? encodeCursor(read.next) : null,
      };
    },
  };
}
