import type { AdapterPage, ListOptions, Product } from '@passerelle/core';
import type { AdapterContext } from '../adapter-context.js';
import { chunk } from '../adapter-context.js';
import { PRODUCTS_BULK_QUERY } from '../graphql/bulk.js';
import {
  PRODUCT_IDS_QUERY,
  PRODUCT_QUERY,
  PRODUCT_VARIANTS_QUERY,
  PRODUCTS_COUNT_QUERY,
  PRODUCTS_QUERY,
} from '../graphql/products.js';
import type { Connection, PageInfo, ProductNode, VariantNode } from '../graphql/shopify.types.js';
import { isGid } from '../map/gid.js';
import { handleize, toProduct } from '../map/product.js';
import { firstBulkPage, spoolPage } from './bulk-spool.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { anyOf, updatedSinceTerm } from './search-query.js';

/**
 * Products per page. A product with its 25 first variants and 5 media costs about 142 points, and
 * one query may not request more than 1,000, so a page holds at most 7.
 */
export const PRODUCTS_PAGE_SIZE = 7;
const MAX_VARIANT_PAGES = 25;

interface ProductsAnswer {
  products: { pageInfo: PageInfo; nodes: ProductNode[] };
}

/** Fills in the variants of a product that has more than one page of them (up to Shopify's 2,048). */
async function completeVariants(
  context: AdapterContext,
  node: ProductNode,
  signal?: AbortSignal,
): Promise<ProductNode> {
  if (!node.variants.pageInfo?.hasNextPage) return node;
  const variants = [...node.variants.nodes];
  let after = node.variants.pageInfo.endCursor;
  for (let page = 0; page < MAX_VARIANT_PAGES && after; page++) {
    const answer = await context.client.request<{ product: { variants: Connection<VariantNode> } | null }>(
      PRODUCT_VARIANTS_QUERY,
      { id: node.id, after },
      { ...(signal ? { signal } : {}) },
    );
    const connection = answer.product?.variants;
    if (!connection) break;
    variants.push(...connection.nodes);
    after = connection.pageInfo?.hasNextPage ? connection.pageInfo.endCursor : null;
  }
  return { ...node, variants: { nodes: variants } };
}

export function createProductReads(context: AdapterContext) {
  const map = async (nodes: ProductNode[], signal?: AbortSignal): Promise<Product[]> => {
    const shop = await context.shop();
    const complete = [];
    for (const node of nodes) complete.push(await completeVariants(context, node, signal));
    return complete.map((node) =>
      toProduct(node, { shopId: context.shopId, language: shop.language, currency: shop.currency }),
    );
  };

  const page = async (
    query: string | null,
    sortKey: string,
    first: number,
    after: string | null,
    signal?: AbortSignal,
  ) => {
    const answer = await context.client.request<ProductsAnswer>(
      PRODUCTS_QUERY,
      { first, after, query, sortKey },
      { ...(signal ? { signal } : {}) },
    );
    return answer.products;
  };

  /** Whether a full read is big enough for a bulk operation (`platform.shopify.bulkThreshold`). */
  const worthBulk = async (signal?: AbortSignal): Promise<boolean> => {
    const { bulkThreshold } = await context.settings();
    if (bulkThreshold <= 0) return false;
    const answer = await context.client.request<{ productsCount: { count: number } | null }>(
      PRODUCTS_COUNT_QUERY,
      { query: null },
      { ...(signal ? { signal } : {}) },
    );
    return (answer.productsCount?.count ?? 0) > bulkThreshold;
  };

  return {
    async list(options: ListOptions): Promise<AdapterPage<Product>> {
      const cursor = decodeCursor(options.cursor);
      if (cursor?.kind === 'bulk') return spoolPage<Product>(context, cursor.spool, cursor.offset, options.limit);
      if (cursor === null && !options.updatedSince && (await worthBulk(options.signal))) {
        const shop = await context.shop();
        return firstBulkPage<Product>(
          context,
          {
            query: PRODUCTS_BULK_QUERY,
            children: { ProductVariant: 'variants', MediaImage: 'media' },
            connections: ['variants', 'media'],
            map: (node) =>
              toProduct(node as unknown as ProductNode, {
                shopId: context.shopId,
                language: shop.language,
                currency: shop.currency,
              }),
            ...(options.signal ? { signal: options.signal } : {}),
          },
          options.limit,
        );
      }
      const after = cursor?.kind === 'page' ? cursor.after : null;
      const query = options.updatedSince ? updatedSinceTerm(options.updatedSince) : null;
      // Sorted by id when reading everything, so a product edited mid-read keeps its place.
      const sortKey = options.updatedSince ? 'UPDATED_AT' : 'ID';
      const result = await page(query, sortKey, Math.min(options.limit, PRODUCTS_PAGE_SIZE), after, options.signal);
      return {
        items: await map(result.nodes, options.signal),
        nextCursor:
          result.pageInfo.hasNextPage && result.pageInfo.endCursor
            ? encodeCursor({ kind: 'page', after: result.pageInfo.endCursor })
            : null,
      };
    },

    async get(id: string): Promise<Product | null> {
      if (!isGid(id, 'Product')) return null;
      const answer = await context.client.request<{ product: ProductNode | null }>(PRODUCT_QUERY, { id });
      if (!answer.product) return null;
      return (await map([answer.product]))[0] ?? null;
    },

    async getByReferences(references: string[]): Promise<Map<string, Product>> {
      const wanted = new Set(references);
      const found = new Map<string, Product>();
      // A reference is a SKU (product without variants) or names the handle Passerelle gave the product.
      for (const part of chunk([...wanted], 20)) {
        const query = `${anyOf('sku', part)} OR ${anyOf('handle', part.map(handleize))}`;
        let after: string | null = null;
        for (let pageNumber = 0; pageNumber < 50; pageNumber++) {
          const result = await page(query, 'ID', PRODUCTS_PAGE_SIZE, after);
          for (const product of await map(result.nodes)) {
            if (product.reference && wanted.has(product.reference) && !found.has(product.reference))
              found.set(product.reference, product);
          }
          if (!result.pageInfo.hasNextPage || !result.pageInfo.endCursor) break;
          after = result.pageInfo.endCursor;
        }
      }
      return found;
    },

    async listIds(options: ListOptions): Promise<AdapterPage<string>> {
      const cursor = decodeCursor(options.cursor);
      const answer = await context.client.request<{ products: Connection<{ id: string }> }>(
        PRODUCT_IDS_QUERY,
        { first: Math.min(options.limit, 250), after: cursor?.kind === 'page' ? cursor.after : null },
        { ...(options.signal ? { signal: options.signal } : {}) },
      );
      const info = answer.products.pageInfo;
      return {
        items: answer.products.nodes.map((node) => node.id),
        nextCursor: info?.hasNextPage && info.endCursor ? encodeCursor({ kind: 'page', after: info.endCursor }) : null,
      };
    },
  };
}
