import type { AdapterContext } from '../adapter-context.js';
import { INVENTORY_BULK_QUERY } from '../graphql/bulk.js';
import { assembleBulkObjects, runBulkQuery, streamBulkLines } from './bulk-export.js';

interface VariantLine {
  id: string;
  sku: string | null;
  product: { id: string };
  inventoryItem: { id: string; tracked: boolean };
  levels: { nodes: { location: { id: string }; quantities: { name: string; quantity: number }[] }[] };
}

/**
 * Reads every variant's levels through one bulk operation into the level cache: a stock push of
 * thousands of SKUs then needs no lookup query per 100 variants (the lookups alone would cost more
 * points than the writes). Resolves to the number of levels cached.
 */
export async function cacheLevelsByBulk(context: AdapterContext, signal?: AbortSignal): Promise<number> {
  const operation = await runBulkQuery(context.client, INVENTORY_BULK_QUERY, {
    ...context.bulk,
    ...(signal ? { signal } : {}),
  });
  if (!operation.url) return 0;
  let cached = 0;
  const readAt = Date.now();
  const lines = streamBulkLines(context.client, operation.url, signal);
  for await (const object of assembleBulkObjects(lines, { InventoryLevel: 'levels' }, ['levels'])) {
    const variant = object as unknown as VariantLine;
    for (const level of variant.levels.nodes) {
      context.levels.set({
        variantId: variant.id,
        productId: variant.product.id,
        inventoryItemId: variant.inventoryItem.id,
        locationId: level.location.id,
        quantity: level.quantities.find((quantity) => quantity.name === 'available')?.quantity ?? 0,
        tracked: variant.inventoryItem.tracked,
        readAt,
      });
      cached++;
    }
  }
  return cached;
}
