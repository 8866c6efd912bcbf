/**
 * `npm run bench -w @passerelle/shopify-app`: Shopify call counts, measured by the stateful fake
 * (schema-validated, cost-accounted), for the two figures the issue promises and the shared row:
 *  1. 10,000 stock updates -> inventorySetQuantities calls (floor 40: 250 per call);
 *  2. a 20,000-product full read -> bulk operations (floor 1), and every other call it took;
 *  3. platform calls per 1,000 stock updates, all calls counted (floor 4);
 *  4. the shared initial-sync row on a small catalogue (Shopify rates bound it: see notes).
 * The last stdout line is `BENCH_JSON {...}` (bench/README.md).
 */
import type { StockWritePlan } from '@passerelle/core';
import { setupServer } from 'msw/node';
import { type BenchRow, formatBenchLine, initialSyncRows, runInitialSync } from '../../../bench/index.js';
import { createShopifyAdapter } from '../src/adapter.js';
import { createShopifyClient } from '../src/client.js';
import { shopifySettingsSchema } from '../src/settings.js';
import { INVENTORY_BATCH_SIZE } from '../src/writes/stock-writes.js';
import { createFakeShopify } from '../test/fake-shopify.js';

const STOCK_UPDATES = 10_000;
const EXPORT_PRODUCTS = 20_000;
const INITIAL_SYNC_PRODUCTS = Number(process.env.SHOPIFY_INITIAL_SYNC_PRODUCTS ?? 2000);
// Shopify Plus: 1,000 points restored per second (doc: shopify.dev .../rate-limits); the figures below are
// call counts, which do not depend on the plan, but a Standard bucket would make the run wait minutes.
const PLAN = { restoreRate: 1000, maximumAvailable: 20_000 };

const fake = createFakeShopify({ bulkPollsToComplete: 2 });
const server = setupServer(...fake.handlers);
server.listen({ onUnhandledRequest: 'error' });
const rows: BenchRow[] = [];
const fastBulk = { pollIntervalMs: 1, sleep: async () => {} };

function adapterFor(shop: ReturnType<typeof fake.addShop>) {
  const client = createShopifyClient({ shop: shop.domain, accessToken: shop.token });
  return { client, adapter: createShopifyAdapter({ client, bulk: fastBulk }) };
}

try {
  // 1 and 3: stock.
  {
    const shop = fake.addShop({ seed: 'empty', manyProducts: STOCK_UPDATES, ...PLAN });
    const { adapter } = adapterFor(shop);
    const location = shop.locations[0]?.id as string;
    const plans: StockWritePlan[] = [...shop.variants.values()].slice(0, STOCK_UPDATES).map((variant, index) => ({
      key: variant.sku as string,
      reference: variant.sku as string,
      platformId: variant.id,
      location,
      quantity: 100 + (index % 7),
    }));
    fake.resetCalls();
    const started = performance.now();
    const outcomes = await adapter.stock!.write!(plans, {
      shopId: shop.domain,
      settings: shopifySettingsSchema.parse({}),
    });
    const wallMs = performance.now() - started;
    const failed = outcomes.filter((outcome) => outcome.ok !== true).length;
    if (failed > 0) throw new Error(`${failed} stock updates failed`);
    const writes = fake.count('inventorySetQuantities', shop.domain);
    const all =
      fake.calls.filter((call) => call.shop === shop.domain && call.status === 200).length + fake.downloads.length;
    const bulk = fake.count('bulkOperationRunQuery', shop.domain);
    console.log(
      `${STOCK_UPDATES} stock updates: ${writes} inventorySetQuantities, ${all} calls in all (${bulk} bulk read of the levels), ${Math.round(wallMs)} ms`,
    );
    rows.push({
      name: `inventorySetQuantities calls per ${STOCK_UPDATES.toLocaleString('en')} stock updates`,
      measured: writes,
      floor: Math.ceil(STOCK_UPDATES / INVENTORY_BATCH_SIZE),
      unit: 'calls',
      better: 'lower',
      notes: `${INVENTORY_BATCH_SIZE} quantities per call, each with an @idempotent key and changeFromQuantity; counted by the msw fake (wall time includes the fake's own GraphQL execution)`,
      chart: { calls: writes, wallMs: Math.round(wallMs) },
    });
    rows.push({
      name: 'platform calls per 1,000 stock updates',
      measured: (all / STOCK_UPDATES) * 1000,
      floor: 1000 / INVENTORY_BATCH_SIZE,
      unit: 'calls',
      better: 'lower',
      notes: `all Shopify calls: ${writes} writes + ${all - writes} to read every level first (${bulk} bulk operation: run, polls, JSONL download)`,
    });
  }

  // 2: a 20,000-product export.
  {
    const shop = fake.addShop({ seed: 'empty', manyProducts: EXPORT_PRODUCTS, ...PLAN });
    const { adapter } = adapterFor(shop);
    fake.resetCalls();
    const started = performance.now();
    let count = 0;
    let cursor: string | null = null;
    for (let page = 0; page < 1000; page++) {
      const result = await adapter.products!.list({ cursor, limit: 500 });
      count += result.items.length;
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    const wallMs = performance.now() - started;
    if (count !== EXPORT_PRODUCTS) throw new Error(`exported ${count} products, expected ${EXPORT_PRODUCTS}`);
    const bulk = fake.count('bulkOperationRunQuery', shop.domain);
    const calls =
      fake.calls.filter((call) => call.shop === shop.domain && call.status === 200).length + fake.downloads.length;
    console.log(
      `${EXPORT_PRODUCTS} products exported: ${bulk} bulk operation, ${calls} calls in all, ${Math.round(wallMs)} ms`,
    );
    rows.push({
      name: `bulk operations per ${EXPORT_PRODUCTS.toLocaleString('en')}-product export`,
      measured: bulk,
      floor: 1,
      unit: 'operations',
      better: 'lower',
      notes: `${calls} calls in all (count, run, polls, one JSONL download streamed line by line); 500-item pages served from a spool`,
      chart: { calls, wallMs: Math.round(wallMs) },
    });
  }

  // 4: the shared initial-sync row, small: Shopify writes one product per call (productSet).
  if (INITIAL_SYNC_PRODUCTS > 0) {
    const latencyFake = createFakeShopify({ latencyMs: 20 });
    server.resetHandlers(...latencyFake.handlers);
    const sync = await runInitialSync(
      {
        name: 'shopify (msw fake, Plus plan)',
        async create() {
          const shop = latencyFake.addShop({ seed: 'empty', ...PLAN });
          const client = createShopifyClient({ shop: shop.domain, accessToken: shop.token });
          return {
            adapter: createShopifyAdapter({ client, bulk: fastBulk }),
            calls: () => latencyFake.calls.length,
            concurrency: 4,
          };
        },
      },
      { products: INITIAL_SYNC_PRODUCTS, latencyMs: 20, store: 'sqlite' },
    );
    console.log(`initial sync of ${INITIAL_SYNC_PRODUCTS}: ${sync.platformCalls} calls, ${Math.round(sync.wallMs)} ms`);
    // Peak RSS is left out: this process also ran the 20,000-product export, so it would not be the sync's.
    rows.push(
      ...initialSyncRows(sync)
        .filter((row) => !row.name.endsWith('peak RSS'))
        .map((row) => ({
          ...row,
          notes: `${row.notes ? `${row.notes}; ` : ''}one productSet per product (4 in flight); bulkOperationRunMutation is the path for larger catalogues`,
        })),
    );
  }
} finally {
  server.close();
}

console.log(formatBenchLine({ package: '@passerelle/shopify-app', rows }));
