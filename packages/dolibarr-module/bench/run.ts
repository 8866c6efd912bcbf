/**
 * `npm run bench -w @passerelle/dolibarr-module`: what Dolibarr costs in API calls and time, counted by
 * the stateful fake (`test/fake-dolibarr.ts`), served over HTTP from a worker thread (`fake-server.ts`)
 * so the fake's CPU is not the module's.
 *  1. 1,000 absolute stock updates through the adapter's `stock.write`, 20 ms per Dolibarr call: calls
 *     (floor 1,010: 1,000 movements + the current levels read 100 at a time) and wall time (floor: calls
 *     × latency / `writeConcurrency`, 4 by default). Then the same through
 *     `PUT /stock` (core looks the references up first), calls only.
 *  2. Orders in: calls per shop order with its invoice and payment, per re-sent order; calls per page
 *     of 100 products read.
 *  3. The initial sync of the shared harness (bench/README.md), run first so its peak RSS is its own:
 *     the cloud pushes a catalogue through the module into an empty fake Dolibarr.
 *     `INITIAL_SYNC_PRODUCTS` sizes it: default 10,000, not 100,000. Each product costs 4 calls (5 before
 *     the price read-back doubled as the stock read), 4 requests in flight: 100,000 would be 42 minutes at the floor, and this
 *     shared 2-core machine measured 36-45 ms per product (20,000: 12-15 minutes plus the other rows,
 *     past the 12 budgeted and near the aggregator's 15-minute timeout; 10,000: 6 minutes, 7.7 for the
 *     whole script). `INITIAL_SYNC_LATENCY_MS` (20),
 *     `INITIAL_SYNC_CONCURRENCY` (4); `BENCH_SKIP_INITIAL_SYNC=1` skips it.
 * The last line is `BENCH_JSON {...}`.
 */
import { createMemoryStore, type StockWritePlan, type WriteContext } from '@passerelle/core';
import { type BenchRow, formatBenchLine, initialSyncRows, runInitialSync } from '../../../bench/index.js';
import { createDolibarrAdapter } from '../src/adapter.js';
import { createDolibarrModule } from '../src/module.js';
import { dolibarrModuleSettingsSchema } from '../src/settings.js';
import { payment, shopOrder } from '../test/shop-orders.js';
import { startFake } from './fake-server.js';

const PACKAGE = '@passerelle/dolibarr-module';
const PASSWORD = 'dolibarr-bench-password-0123';
const UPDATES = 1000;
/** Products written before the timed run (JIT, cached lookups), as in a module that has been running. */
const WARM_UP = 40;
const LATENCY_MS = 20;
/** Current levels a GET /products list can carry for the floor: 100 ids in one sqlfilters OR-chain (~2 KB of URL). */
const LEVELS_PER_READ = 100;
const ORDERS = 50;
const PAGE_PRODUCTS = 300;

const settings = dolibarrModuleSettingsSchema.parse({});
const write: WriteContext = { shopId: 'bench', settings };

function describeRoutes(routes: Record<string, number>): string {
  return Object.entries(routes)
    .sort((a, b) => b[1] - a[1])
    .map(([route, count]) => `${count} ${route}`)
    .join(', ');
}

function tally(outcomes: { ok?: unknown; outcome?: unknown }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const outcome of outcomes) {
    const key = String(outcome.outcome ?? outcome.ok);
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

async function stockRows(): Promise<BenchRow[]> {
  const fake = await startFake({ products: UPDATES + WARM_UP, latencyMs: LATENCY_MS });
  try {
    const references = fake.ids.map((_, index) => `BENCH-${String(index).padStart(6, '0')}`);
    const adapter = createDolibarrAdapter({ url: fake.url, apiKey: fake.apiKey, settings: () => settings });
    const plan = (index: number, quantity: number): StockWritePlan => ({
      key: references[index] as string,
      reference: references[index] as string,
      // What core's `PUT /stock` passes: the id its lookup found.
      platformId: String(fake.ids[index]),
      location: null,
      quantity,
    });
    await adapter.stock?.write?.(
      Array.from({ length: WARM_UP }, (_, offset) => plan(UPDATES + offset, 3)),
      write,
    );

    // 1. Through the adapter, 20 ms per call, timed.
    await fake.mark();
    const calls = fake.calls();
    const started = performance.now();
    const outcomes =
      (await adapter.stock?.write?.(
        Array.from({ length: UPDATES }, (_, index) => plan(index, 100 + index)),
        write,
      )) ?? [];
    const wallMs = performance.now() - started;
    const adapterCalls = fake.calls() - calls;
    const adapterRoutes = await fake.routes();
    const maxInFlight = fake.maxInFlight();
    const failed = outcomes.filter((outcome) => outcome.ok !== true);
    if (outcomes.length !== UPDATES || failed.length)
      throw new Error(`stock.write: ${failed.length} of ${outcomes.length} failed: ${JSON.stringify(failed[0])}`);
    const levels = await fake.stock(references.slice(0, UPDATES));
    const wrong = references.slice(0, UPDATES).filter((reference, index) => levels[reference] !== 100 + index);
    if (wrong.length) throw new Error(`stock.write: ${wrong.length} quantities not applied (${wrong[0]})`);
    console.log(
      `1,000 stock updates through stock.write: ${adapterCalls} calls (${describeRoutes(adapterRoutes)}), ${Math.round(wallMs)} ms, ${maxInFlight} in flight at most`,
    );

    // 2. Through the module's `PUT /stock` (core's lookup first), calls only: no latency.
    await fake.setLatency(0);
    const module = await createDolibarrModule({
      dolibarr: { url: fake.url, apiKey: fake.apiKey },
      store: createMemoryStore(),
    });
    let endpointCalls = 0;
    let endpointRoutes: Record<string, number> = {};
    try {
      await module.settings.setPassword(PASSWORD, 'bench');
      await fake.mark();
      const before = fake.calls();
      const results: { outcome: string }[] = [];
      for (let start = 0; start < UPDATES; start += 500) {
        const items = references
          .slice(start, Math.min(start + 500, UPDATES))
          .map((reference, offset) => ({ reference, quantity: 200 + start + offset }));
        const response = await module.fetch(
          new Request(`http://bench.test${module.basePath}/stock`, {
            method: 'PUT',
            headers: { authorization: `Bearer ${PASSWORD}`, 'content-type': 'application/json' },
            body: JSON.stringify({ items }),
          }),
        );
        if (response.status !== 200)
          throw new Error(`PUT /stock answered ${response.status}: ${await response.text()}`);
        results.push(...((await response.json()) as { results: { outcome: string }[] }).results);
      }
      endpointCalls = fake.calls() - before;
      endpointRoutes = await fake.routes();
      const counted = tally(results);
      if (counted.updated !== UPDATES) throw new Error(`PUT /stock: ${JSON.stringify(counted)}`);
      const after = await fake.stock(references.slice(0, UPDATES));
      const missed = references.slice(0, UPDATES).filter((reference, index) => after[reference] !== 200 + index);
      if (missed.length) throw new Error(`PUT /stock: ${missed.length} quantities not applied (${missed[0]})`);
      console.log(`1,000 stock updates through PUT /stock: ${endpointCalls} calls (${describeRoutes(endpointRoutes)})`);
    } finally {
      await module.close();
    }

    const floor = UPDATES + Math.ceil(UPDATES / LEVELS_PER_READ);
    const floorMs = (adapterCalls * LATENCY_MS) / settings.platform.dolibarr.writeConcurrency;
    const perUpdate = adapterCalls / UPDATES;
    const lookups = endpointCalls - adapterCalls;
    return [
      {
        name: 'platform calls per 1,000 stock updates',
        measured: adapterCalls,
        floor,
        unit: 'calls',
        better: 'lower',
        notes: `stock.write with core's ids: ${perUpdate.toFixed(2)} calls per update, the current levels read as GET /products lists of ${LEVELS_PER_READ} ids, then one POST /stockmovements per changed level (Dolibarr takes a delta); ${settings.platform.dolibarr.writeConcurrency} in flight (writeConcurrency; no batch endpoint). Floor: ${UPDATES} movements + ${floor - UPDATES} GET /products lists of ${LEVELS_PER_READ} ids (a list row carries stock_reel)`,
        chart: {
          calls: adapterCalls,
          reads: (adapterRoutes['GET /products/{id}'] ?? 0) + (adapterRoutes['GET /products'] ?? 0),
          movements: adapterRoutes['POST /stockmovements'] ?? 0,
        },
      },
      {
        name: `1,000 stock updates, ${LATENCY_MS} ms latency: wall time`,
        measured: Math.round(wallMs),
        floor: Math.round(floorMs),
        unit: 'ms',
        better: 'lower',
        notes: `floor = ${adapterCalls} calls x ${LATENCY_MS} ms / ${settings.platform.dolibarr.writeConcurrency} in flight (writeConcurrency; max seen ${maxInFlight}); the bulk level reads run before the movements, one after the other. Fake served from a worker thread`,
        chart: { wallMs: Math.round(wallMs), floorMs: Math.round(floorMs), calls: adapterCalls, maxInFlight },
      },
      {
        name: 'platform calls per 1,000 stock updates, through PUT /stock',
        measured: endpointCalls,
        floor,
        unit: 'calls',
        better: 'lower',
        notes: `${adapterCalls} as above + ${lookups} of core's lookup (GET /products by 20 references, the variant index); the lookup already holds each level, the adapter reads it again in bulk (${LEVELS_PER_READ} ids a call) before its movements`,
        chart: { calls: endpointCalls, lookups },
      },
    ];
  } finally {
    await fake.close();
  }
}

async function orderRows(): Promise<BenchRow[]> {
  const fake = await startFake({ seed: true, products: PAGE_PRODUCTS, latencyMs: 0 });
  try {
    const adapter = createDolibarrAdapter({ url: fake.url, apiKey: fake.apiKey, settings: () => settings });
    const erp = adapter.erp as Required<NonNullable<typeof adapter.erp>>;
    const orders = Array.from({ length: ORDERS }, (_, index) => shopOrder(String(10_000 + index)));

    await fake.mark();
    let calls = fake.calls();
    const outcomes = [];
    for (const order of orders) {
      outcomes.push(...(await erp.upsertOrders([order], write)));
      outcomes.push(
        ...(await erp.upsertInvoices(
          [
            {
              id: order.id,
              number: `INV-${order.id}`,
              orderId: order.id,
              date: order.createdAt,
              totalExcl: order.totals.totalExcl,
              totalIncl: order.totals.totalIncl,
              currency: 'EUR',
              status: 'paid',
            },
          ],
          write,
        )),
      );
      outcomes.push(...(await erp.upsertPayments([payment(`p${order.id}`, order.id, order.totals.totalIncl)], write)));
    }
    const orderCalls = fake.calls() - calls;
    const orderRoutes = await fake.routes();
    const counted = tally(outcomes);
    if (counted.true !== ORDERS * 3) throw new Error(`orders in: ${JSON.stringify(counted)}`);
    console.log(`${ORDERS} orders with invoice and payment: ${orderCalls} calls (${describeRoutes(orderRoutes)})`);

    await fake.mark();
    calls = fake.calls();
    const again = tally(await erp.upsertOrders(orders, write));
    const resentCalls = fake.calls() - calls;
    if (again.skipped !== ORDERS) throw new Error(`orders re-sent: ${JSON.stringify(again)}`);
    console.log(`${ORDERS} orders re-sent: ${resentCalls} calls (${describeRoutes(await fake.routes())})`);

    await fake.mark();
    calls = fake.calls();
    let pages = 0;
    let cursor: string | null = null;
    do {
      const page: { nextCursor: string | null } | undefined = await adapter.products?.list({ cursor, limit: 100 });
      cursor = page?.nextCursor ?? null;
      pages++;
    } while (cursor);
    const pageCalls = fake.calls() - calls;
    console.log(`${pages} product pages of 100: ${pageCalls} calls (${describeRoutes(await fake.routes())})`);

    return [
      {
        name: 'Dolibarr calls per shop order in, with its invoice and payment',
        measured: Number((orderCalls / ORDERS).toFixed(2)),
        floor: 12,
        unit: 'calls',
        better: 'lower',
        notes: `${ORDERS} orders, lookups cached after the first. Floor 12: order 5 (ref_ext check, third party, products by ref, POST with lines, validate), invoice 4 (ref_ext check, its order, POST /invoices with origin, ref_ext, date, validate), payment 3 (order, invoice payments, paymentsdistributed)`,
        chart: { calls: orderCalls, orders: ORDERS },
      },
      {
        name: 'Dolibarr calls per re-sent order',
        measured: Number((resentCalls / ORDERS).toFixed(2)),
        floor: 1,
        unit: 'calls',
        better: 'lower',
        notes: 'found by its ref_ext, answered skipped: Dolibarr has no idempotency key, so one read is the least',
        chart: { calls: resentCalls, orders: ORDERS },
      },
      {
        name: 'Dolibarr calls per page of 100 products read',
        measured: Number((pageCalls / pages).toFixed(2)),
        floor: 1,
        unit: 'calls',
        better: 'lower',
        notes: `${pages} pages over ${PAGE_PRODUCTS} simple products and the seeded catalogue (variants read through their parents, the variant index and attributes once)`,
        chart: { calls: pageCalls, pages },
      },
    ];
  } finally {
    await fake.close();
  }
}

async function initialSync(): Promise<BenchRow[]> {
  if (process.env.BENCH_SKIP_INITIAL_SYNC === '1') return [];
  const products = Number(process.env.INITIAL_SYNC_PRODUCTS ?? 10_000);
  const latencyMs = Number(process.env.INITIAL_SYNC_LATENCY_MS ?? LATENCY_MS);
  const clientConcurrency = Number(process.env.INITIAL_SYNC_CONCURRENCY ?? 4);
  let heapMb = 0;
  const result = await runInitialSync(
    {
      name: 'dolibarr (fake, worker thread)',
      async create(latency) {
        const fake = await startFake({ latencyMs: latency });
        const adapter = createDolibarrAdapter({ url: fake.url, apiKey: fake.apiKey });
        await adapter.describe();
        await fake.mark();
        return {
          adapter,
          calls: () => fake.calls(),
          // platform.dolibarr.writeConcurrency (4 by default) bounds the writes Dolibarr gets at once, across batches.
          concurrency: dolibarrModuleSettingsSchema.parse({}).platform.dolibarr.writeConcurrency,
          maxInFlight: () => fake.maxInFlight(),
          close: async () => {
            heapMb = await fake.heapMb();
            await fake.close();
          },
        };
      },
    },
    {
      products,
      latencyMs,
      clientConcurrency,
      onProgress: (done, total) => {
        if (done % 5000 === 0 || done === total) console.log(`initial sync: ${done}/${total}`);
      },
    },
  );
  console.log(
    `initial sync: ${result.platformCalls} platform calls (${(result.platformCalls / products).toFixed(2)} per product), ${Math.round(result.wallMs)} ms (floor ${Math.round(result.floorMs)} ms)`,
  );
  return initialSyncRows(result).map((row) => {
    if (row.unit === 'calls')
      return {
        ...row,
        notes: `${(result.platformCalls / products).toFixed(2)} per product: reference check, POST /products, price read-back (which carries the level: no stock read), POST /stockmovements (none at 0), + core's lookup by 20 references`,
      };
    if (row.unit === 'MB')
      return {
        ...row,
        notes: `this process, including the fake Dolibarr's worker thread (its heap ${Math.round(heapMb)} MB at the end)`,
      };
    return {
      ...row,
      notes: `${row.notes}; each request's products written writeConcurrency (4) at a time (no batch endpoint); fake in a worker thread; ${products.toLocaleString('en')} products (INITIAL_SYNC_PRODUCTS; 100,000 would take 42 min at the floor)`,
    };
  });
}

// The initial sync first: the peak RSS it reports (`ru_maxrss`) is then its own, not the other fakes'.
const sync = await initialSync();
const rows = [...(await stockRows()), ...(await orderRows()), ...sync];
console.log(formatBenchLine({ package: PACKAGE, rows }));
