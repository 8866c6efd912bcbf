/**
 * `npm run bench -w @passerelle/woocommerce-bridge`: what WooCommerce costs in platform calls, counted by
 * the stateful msw fake (every request it answers).
 *  1. 1,000 absolute stock updates of simple products: the batch calls (floor: 10 `/products/batch` of 100,
 *     WooCommerce's own limit), and all calls through `PUT /stock` (core looks each SKU up first, for the
 *     stock policy: 10 more `GET /products?sku=` of 100).
 *  2. The initial sync of the shared harness (bench/README.md): the cloud pushes a catalogue through the
 *     module into the fake with a latency per request. `BENCH_SKIP_INITIAL_SYNC=1` skips it;
 *     `INITIAL_SYNC_PRODUCTS` sizes it (default 100,000).
 * The last line is `BENCH_JSON {...}`.
 */
import { createMemoryStore } from '@passerelle/core';
import { type BenchRow, formatBenchLine, initialSyncRows, runInitialSync } from '../../../bench/index.js';
import { createWooCommerceAdapter } from '../src/adapter.js';
import { createWooCommerceModule } from '../src/module.js';
import { bulkSeed } from '../test/fake/bulk-seed.js';
import { docsSeed } from '../test/fake/seed.js';
import { createFakeWooCommerce } from '../test/fake-woocommerce.js';

const PASSWORD = 'woocommerce-bench-password-0123';
const UPDATES = 1000;

async function stockRows(): Promise<BenchRow[]> {
  const fake = createFakeWooCommerce({ seed: bulkSeed(UPDATES) });
  fake.listen();
  const module = await createWooCommerceModule({
    woocommerce: { url: fake.baseUrl, consumerKey: fake.consumerKey, consumerSecret: fake.consumerSecret },
    store: createMemoryStore(),
  });
  try {
    await module.settings.setPassword(PASSWORD, 'bench');
    // Warm the shop facts (version, language, units): read once per module, not per write.
    await module.adapter.describe();
    fake.resetCalls();
    const references = Array.from({ length: UPDATES }, (_, index) => `BULK-${String(index + 1).padStart(4, '0')}`);
    const started = performance.now();
    const outcomes: Record<string, number> = {};
    // The endpoint takes at most 500 items per request.
    for (let start = 0; start < UPDATES; start += 500) {
      const items = references
        .slice(start, start + 500)
        .map((reference, offset) => ({ reference, quantity: 100 + start + offset }));
      const response = await module.fetch(
        new Request(`http://bench.test${module.basePath}/stock`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${PASSWORD}`, 'content-type': 'application/json' },
          body: JSON.stringify({ items }),
        }),
      );
      const { results } = (await response.json()) as { results: { outcome: string }[] };
      for (const result of results) outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
    }
    const wallMs = performance.now() - started;
    const batches = fake.batchCalls();
    const total = fake.calls.length;
    const updated = outcomes.updated ?? 0;
    if (updated !== UPDATES)
      throw new Error(`expected ${UPDATES} updated stock levels, got ${JSON.stringify(outcomes)}`);
    const wrong = [...fake.state.products.values()].filter(
      (product) => product.sku.startsWith('BULK-') && product.stock_quantity !== 100 + Number(product.sku.slice(5)) - 1,
    );
    if (wrong.length) throw new Error(`${wrong.length} stock quantities were not applied`);
    console.log(
      `1,000 stock updates: ${batches.length} batch calls (${batches.map((call) => call.path).join(', ')}), ${total} platform calls in all, ${Math.round(wallMs)} ms`,
    );
    return [
      {
        name: 'batch calls per 1,000 stock updates',
        measured: batches.length,
        floor: 10,
        unit: 'calls',
        better: 'lower',
        notes: 'POST /products/batch of 100 (WooCommerce’s limit), counted by the msw fake',
      },
      {
        name: 'platform calls per 1,000 stock updates, through PUT /stock',
        measured: total,
        floor: 10,
        unit: 'calls',
        better: 'lower',
        notes: `${batches.length} batch writes + ${total - batches.length} GET /products?sku= lookups of 100 SKUs (core reads current stock for the stock policy)`,
        chart: { batchCalls: batches.length, lookups: total - batches.length, wallMs: Math.round(wallMs) },
      },
    ];
  } finally {
    await module.close();
    fake.close();
  }
}

async function initialSync(): Promise<BenchRow[]> {
  if (process.env.BENCH_SKIP_INITIAL_SYNC === '1') return [];
  const products = Number(process.env.INITIAL_SYNC_PRODUCTS ?? 100_000);
  const result = await runInitialSync(
    {
      name: 'woocommerce (msw fake)',
      async create(latencyMs) {
        const seed = docsSeed();
        const current = createFakeWooCommerce({ seed: { ...seed, products: [], variations: new Map() }, latencyMs });
        current.listen();
        const adapter = createWooCommerceAdapter({
          url: current.baseUrl,
          consumerKey: current.consumerKey,
          consumerSecret: current.consumerSecret,
        });
        await adapter.describe();
        return {
          adapter,
          calls: () => current.calls.length,
          // 4 write requests in flight from the cloud; within one, SKU lookups run 4 at a time and batches one after the other.
          concurrency: 4,
          close: async () => current.close(),
        };
      },
    },
    {
      products,
      onProgress: (done, total) => {
        if (done % 10_000 === 0 || done === total) console.log(`initial sync: ${done}/${total}`);
      },
    },
  );
  console.log(
    `initial sync: ${result.platformCalls} platform calls, ${Math.round(result.wallMs)} ms (floor ${Math.round(result.floorMs)} ms)`,
  );
  return initialSyncRows(result);
}

const rows = [...(await stockRows()), ...(await initialSync())];
console.log(formatBenchLine({ package: '@passerelle/woocommerce-bridge', rows }));
