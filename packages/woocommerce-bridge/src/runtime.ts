import { PlatformError } from '@passerelle/core';
import { WOO_PAGE_SIZE, type WooCallOptions, type WooClient } from './client.js';
import type { MapContext } from './map/map-context.js';
import { readPlatformSettings, type WooCommercePlatformSettings } from './settings.js';
import type { ShopContext } from './shop-context.js';
import type { WooCategory } from './woo.types.js';

/** Where a SKU lives: a product, or a variation and its parent. */
export interface ItemRef {
  id: number;
  parentId: number | null;
  manageStock: boolean;
}

export interface CategoryIndex {
  byId: ReadonlyMap<number, WooCategory>;
  bySlug: ReadonlyMap<string, WooCategory>;
  /** Lower-case decoded name -> categories with that name (names are not unique across the tree). */
  byName: ReadonlyMap<string, WooCategory[]>;
}

/** Upper bound on the pages one "read everything" walks: 1,000 pages of 100 is 100,000 items. */
export const MAX_PAGES = 1000;

/** What readers and writers of one adapter share: the client, the shop's facts, caches. */
export interface WooRuntime {
  client: WooClient;
  shop: ShopContext;
  shopId: string | undefined;
  includeRaw: boolean;
  /** The module's whole settings, or `{}` when the adapter runs without a module. */
  settings(): Promise<unknown>;
  platform(settings?: unknown): Promise<WooCommercePlatformSettings>;
  mapContext(settings?: unknown): Promise<MapContext>;
  /** Whether order reads fetch notes (messages, status history): not when the ERP reads no messages. */
  readNotes(): Promise<boolean>;
  now(): Date;
  /** SKU -> where it lives, filled by every lookup by reference (stock writes need the parent of a variation). */
  items: Map<string, ItemRef>;
  categories(): Promise<CategoryIndex>;
  forgetCategories(): void;
  /** Every page of a collection (`page`/`per_page`), bounded by `MAX_PAGES`. */
  fetchAll<T>(path: string, query?: WooCallOptions['query']): Promise<T[]>;
  /** The resource, or null when WooCommerce answers 404 (unknown id). */
  getOrNull<T>(path: string, query?: WooCallOptions['query']): Promise<T | null>;
}

export interface WooRuntimeOptions {
  client: WooClient;
  shop: ShopContext;
  shopId?: string;
  includeRaw?: boolean;
  settings?: () => Promise<unknown>;
  now?: () => Date;
}

function decodeName(name: string): string {
  return name.replace(/&amp;/g, '&').trim().toLowerCase();
}

export function createRuntime(options: WooRuntimeOptions): WooRuntime {
  const { client, shop } = options;
  const now = options.now ?? (() => new Date());
  const settings = options.settings ?? (async () => ({}));
  let categoryCache: { at: number; value: Promise<CategoryIndex> } | null = null;

  const fetchAll = async <T>(path: string, query: WooCallOptions['query'] = {}): Promise<T[]> => {
    const out: T[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const answer = await client.get<T[]>(path, { query: { ...query, per_page: WOO_PAGE_SIZE, page } });
      if (!Array.isArray(answer.data))
        throw new PlatformError(`WooCommerce GET /${path} did not answer a list`, answer.status);
      out.push(...answer.data);
      const last = answer.totalPages !== null ? page >= answer.totalPages : answer.data.length < WOO_PAGE_SIZE;
      if (last || answer.data.length === 0) break;
    }
    return out;
  };

  const runtime: WooRuntime = {
    client,
    shop,
    shopId: options.shopId,
    includeRaw: options.includeRaw ?? false,
    settings,
    async platform(given) {
      return readPlatformSettings(given ?? (await settings()));
    },
    async mapContext(given) {
      const whole = (given ?? (await settings())) as { categories?: { extraCategories?: { findBy?: unknown } } };
      const facts = await shop.facts();
      const findBy = whole?.categories?.extraCategories?.findBy === 'id' ? 'id' : 'name';
      return {
        facts,
        platform: readPlatformSettings(whole),
        categoriesFindBy: findBy,
        includeRaw: options.includeRaw ?? false,
        ...(options.shopId ? { shopId: options.shopId } : {}),
        now,
      };
    },
    async readNotes() {
      const whole = (await settings()) as { orders?: { read?: { messages?: unknown } } };
      return whole?.orders?.read?.messages !== 'none';
    },
    now,
    items: new Map(),
    categories() {
      if (categoryCache && Date.now() - categoryCache.at < 30_000) return categoryCache.value;
      const value = fetchAll<WooCategory>('products/categories', {
        orderby: 'id',
        order: 'asc',
        hide_empty: false,
      }).then((all) => {
        const byName = new Map<string, WooCategory[]>();
        for (const category of all) {
          const key = decodeName(category.name);
          byName.set(key, [...(byName.get(key) ?? []), category]);
        }
        return {
          byId: new Map(all.map((category) => [category.id, category])),
          bySlug: new Map(all.map((category) => [category.slug, category])),
          byName,
        };
      });
      categoryCache = { at: Date.now(), value };
      value.catch(() => {
        categoryCache = null;
      });
      return value;
    },
    forgetCategories() {
      categoryCache = null;
    },
    fetchAll,
    async getOrNull<T>(path: string, query?: WooCallOptions['query']) {
      try {
        return (await client.get<T>(path, query ? { query } : {})).data;
      } catch (error) {
        if (
          error instanceof PlatformError &&
          (error.status === 404 || (error.status === 400 && /invalid.*id/i.test(error.message)))
        )
          return null;
        throw error;
      }
    },
  };
  return runtime;
}

/** The category named by a product's category key: its id, or its (exact, case-insensitive) name. */
export function findCategory(index: CategoryIndex, key: string, findBy: 'name' | 'id'): WooCategory | undefined {
  if (findBy === 'id') return /^\d+$/.test(key) ? index.byId.get(Number(key)) : undefined;
  return index.byName.get(decodeName(key))?.[0] ?? index.bySlug.get(key);
}
