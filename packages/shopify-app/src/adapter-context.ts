import type { Store } from '@passerelle/core';
import type { ShopifyClient } from './client.js';
import type { LevelCache } from './level-cache.js';
import type { BulkRunOptions } from './reads/bulk-export.js';
import type { SpoolStore } from './reads/spool.js';
import type { ShopifySettings } from './settings.js';
import type { ShopInfo } from './shop-info.js';

/** What every read and write of one shop shares. */
export interface AdapterContext {
  client: ShopifyClient;
  shopId: string;
  /** The `platform.shopify` settings in force (read per call: an admin may change them any time). */
  settings(): Promise<ShopifySettings>;
  shop(): Promise<ShopInfo>;
  spools: SpoolStore;
  levels: LevelCache;
  /** Core's store, for binding lookups (customers have no searchable reference on Shopify). */
  store: Store | null;
  bulk: Omit<BulkRunOptions, 'signal'>;
}

/** The location of stock written or read without one: the setting, else the first active location. */
export async function defaultLocationId(context: AdapterContext): Promise<string> {
  const [settings, shop] = await Promise.all([context.settings(), context.shop()]);
  const location = settings.defaultLocation || shop.locations[0]?.id;
  if (!location) throw new Error(`Shopify ${context.shopId}: the shop has no active location to hold stock.`);
  return location;
}

/** Splits `items` in chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}

/**
 * Runs `task` over `items` with at most `limit` in flight, results in input order. Shopify's cost bucket,
 * not this bound, sets the pace: the shared limiter queues calls once the bucket runs low.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++)
      results[index] = await task(items[index] as T, index);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Writes per adapter call in flight at once (product and customer writes are one mutation per item). */
export const WRITE_CONCURRENCY = 4;
