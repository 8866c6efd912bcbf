import type { AdapterPage, ListOptions, StockLevel } from '@passerelle/core';
import type { AdapterContext } from '../adapter-context.js';
import { chunk, defaultLocationId } from '../adapter-context.js';
import { LOCATION_LEVELS_QUERY, VARIANT_LEVELS_QUERY, VARIANTS_BY_SKU_QUERY } from '../graphql/inventory.js';
import type { PageInfo } from '../graphql/shopify.types.js';
import { isGid } from '../map/gid.js';
import { parseStockLevelId, toStockLevel } from '../map/stock.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { anyOf, updatedSinceTerm } from './search-query.js';

/** Levels per page: about 8 points each, so 120 stay under Shopify's 1,000-point ceiling. */
export const STOCK_PAGE_SIZE = 120;
/** Variants per lookup query (about 5 points each). */
export const VARIANT_LOOKUP_SIZE = 100;

interface Quantities {
  quantities: { name: string; quantity: number }[];
}

interface LevelsAnswer {
  location: {
    inventoryLevels: {
      pageInfo: PageInfo;
      nodes: (Quantities & {
        id: string;
        updatedAt: string;
        item: {
          id: string;
          sku: string | null;
          tracked: boolean;
          variants: { nodes: { id: string; product: { id: string } }[] };
        };
      })[];
    };
  } | null;
}

export interface VariantBySku {
  id: string;
  sku: string | null;
  price: string;
  compareAtPrice: string | null;
  updatedAt: string;
  product: { id: string; hasOnlyDefaultVariant: boolean };
  inventoryItem: { id: string; tracked: boolean; inventoryLevel: (Quantities & { updatedAt: string }) | null };
}

interface VariantLevelNode {
  id?: string;
  sku?: string | null;
  product?: { id: string };
  inventoryItem?: { id: string; tracked: boolean; inventoryLevel: (Quantities & { updatedAt: string }) | null };
}

function available(level: Quantities | null): number | null {
  if (!level) return null;
  return level.quantities.find((quantity) => quantity.name === 'available')?.quantity ?? 0;
}

/** Variants by SKU with their level at `locationId`; fills the level cache the stock writes use. */
export async function variantsBySku(
  context: AdapterContext,
  skus: readonly string[],
  locationId: string,
): Promise<VariantBySku[]> {
  const out: VariantBySku[] = [];
  for (const part of chunk([...new Set(skus)], VARIANT_LOOKUP_SIZE / 2)) {
    const answer = await context.client.request<{ productVariants: { nodes: VariantBySku[] } }>(VARIANTS_BY_SKU_QUERY, {
      first: VARIANT_LOOKUP_SIZE,
      query: anyOf('sku', part),
      locationId,
    });
    for (const variant of answer.productVariants.nodes) {
      if (!variant.sku || !part.includes(variant.sku)) continue;
      out.push(variant);
      context.levels.set({
        variantId: variant.id,
        productId: variant.product.id,
        inventoryItemId: variant.inventoryItem.id,
        locationId,
        quantity: available(variant.inventoryItem.inventoryLevel),
        tracked: variant.inventoryItem.tracked,
        readAt: Date.now(),
      });
    }
  }
  return out;
}

/** Levels of the given variants at one location, through `nodes(ids:)`; fills the level cache. */
export async function variantLevels(
  context: AdapterContext,
  variantIds: readonly string[],
  locationId: string,
): Promise<VariantLevelNode[]> {
  const out: VariantLevelNode[] = [];
  for (const part of chunk([...new Set(variantIds)], 100)) {
    const answer = await context.client.request<{ nodes: (VariantLevelNode | null)[] }>(VARIANT_LEVELS_QUERY, {
      ids: part,
      locationId,
    });
    for (const node of answer.nodes) {
      if (!node?.id || !node.inventoryItem || !node.product) continue;
      out.push(node);
      context.levels.set({
        variantId: node.id,
        productId: node.product.id,
        inventoryItemId: node.inventoryItem.id,
        locationId,
        quantity: available(node.inventoryItem.inventoryLevel),
        tracked: node.inventoryItem.tracked,
        readAt: Date.now(),
      });
    }
  }
  return out;
}

export function createStockReads(context: AdapterContext) {
  return {
    /** Location by location, each in its own stable order; a page never spans two locations. */
    async list(options: ListOptions): Promise<AdapterPage<StockLevel>> {
      const shop = await context.shop();
      const locations = shop.locations.map((location) => location.id);
      const cursor = decodeCursor(options.cursor);
      const location = cursor?.kind === 'stock' ? cursor.location : locations[0];
      if (!location) return { items: [], nextCursor: null };
      const after = cursor?.kind === 'stock' ? cursor.after : null;
      const answer = await context.client.request<LevelsAnswer>(
        LOCATION_LEVELS_QUERY,
        {
          locationId: location,
          first: Math.min(options.limit, STOCK_PAGE_SIZE),
          after,
          query: options.updatedSince ? updatedSinceTerm(options.updatedSince) : null,
        },
        { ...(options.signal ? { signal: options.signal } : {}) },
      );
      const connection = answer.location?.inventoryLevels;
      const readAt = new Date().toISOString();
      const items = (connection?.nodes ?? []).flatMap((node) => {
        const variant = node.item.variants.nodes[0];
        if (!variant) return [];
        context.levels.set({
          variantId: variant.id,
          productId: variant.product.id,
          inventoryItemId: node.item.id,
          locationId: location,
          quantity: available(node),
          tracked: node.item.tracked,
          readAt: Date.now(),
        });
        return [
          toStockLevel({
            variantId: variant.id,
            productId: variant.product.id,
            sku: node.item.sku,
            locationId: location,
            tracked: node.item.tracked,
            quantities: node.quantities,
            updatedAt: node.updatedAt,
            shopId: context.shopId,
            readAt,
          }),
        ];
      });
      let nextCursor: string | null = null;
      if (connection?.pageInfo.hasNextPage && connection.pageInfo.endCursor) {
        nextCursor = encodeCursor({ kind: 'stock', location, after: connection.pageInfo.endCursor });
      } else {
        const next = locations[locations.indexOf(location) + 1];
        if (next) nextCursor = encodeCursor({ kind: 'stock', location: next, after: null });
      }
      return { items, nextCursor };
    },

    /** `id` is `variantId@locationId`, as the change journal names a level. */
    async get(id: string): Promise<StockLevel | null> {
      const parsed = parseStockLevelId(id);
      if (!parsed || !isGid(parsed.variantId, 'ProductVariant') || !isGid(parsed.locationId, 'Location')) return null;
      const [node] = await variantLevels(context, [parsed.variantId], parsed.locationId);
      const level = node?.inventoryItem?.inventoryLevel;
      if (!node?.id || !node.product || !node.inventoryItem || !level) return null;
      return toStockLevel({
        variantId: node.id,
        productId: node.product.id,
        sku: node.sku ?? null,
        locationId: parsed.locationId,
        tracked: node.inventoryItem.tracked,
        quantities: level.quantities,
        updatedAt: level.updatedAt,
        shopId: context.shopId,
        readAt: new Date().toISOString(),
      });
    },

    /** One level per SKU, at the default location (`platform.shopify.defaultLocation`). */
    async getByReferences(references: string[]): Promise<Map<string, StockLevel>> {
      const location = await defaultLocationId(context);
      const readAt = new Date().toISOString();
      const found = new Map<string, StockLevel>();
      for (const variant of await variantsBySku(context, references, location)) {
        if (!variant.sku || found.has(variant.sku)) continue;
        const level = variant.inventoryItem.inventoryLevel;
        found.set(
          variant.sku,
          toStockLevel({
            variantId: variant.id,
            productId: variant.product.id,
            sku: variant.sku,
            locationId: location,
            tracked: variant.inventoryItem.tracked,
            quantities: level?.quantities ?? [],
            updatedAt: level?.updatedAt ?? null,
            shopId: context.shopId,
            readAt,
          }),
        );
      }
      return found;
    },
  };
}
