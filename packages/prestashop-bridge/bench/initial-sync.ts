/**
 * The initial sync of the shared harness (bench/README.md) through the PrestaShop fake: the cloud pushes a
 * catalogue through the module (`PUT /products` by 500, 4 in flight) into an empty shop served over HTTP
 * by `fake-worker.ts` from a worker thread on 127.0.0.1, 20 ms per Webservice call. PrestaShop has no batch
 * endpoint: every product is its own calls, `platform.prestashop.writeConcurrency` (default 4) in flight.
 *
 * `BENCH_SKIP_INITIAL_SYNC=1` skips it; `INITIAL_SYNC_PRODUCTS` sizes it (default 50,000: see DEFAULT_PRODUCTS),
 * `INITIAL_SYNC_LATENCY_MS` (20) and `INITIAL_SYNC_CONCURRENCY` (cloud batches in flight, 4) as for core's.
 */

import { type EventLoopUtilization, performance } from 'node:perf_hooks';
import { MAX_BATCH } from '@passerelle/core';
import { type BenchRow, type InitialSyncResult, initialSyncRows, runInitialSync } from '../../../bench/index.js';
import { createPrestashopAdapter, prestashopSettings } from '../src/index.js';
import { FAKE_KEY } from '../test/fake-prestashop.js';
import { startWorker } from './workers.js';

/**
 * The default size: 50,000, not the harness's 100,000. A product costs 3 Webservice calls (no batch
 * endpoint) and 8 are in flight at most, so 100,000 products take at least 302,000 × 20 ms / 8 = 755 s,
 * and 16 to 21 minutes at the rates measured on the 2-core bench machine (9.7 ms per product over
 * 50,000, up to 13 at 5,000 under load): over the 12-minute budget of a package bench. `INITIAL_SYNC_PRODUCTS=100000` runs the full size.
 */
export const DEFAULT_PRODUCTS = 50_000;

/** Calls in flight for one batch of writes: `platform.prestashop.writeConcurrency`'s default (4). */
const WRITE_CONCURRENCY = prestashopSettings.schema.parse({}).writeConcurrency;
/**
 * Connections the client keeps to the shop (`createNodeTransport`'s `maxSockets` default, 8): more calls
 * than that wait in the agent's queue. writeConcurrency bounds one `PUT /products`, not the shop: with 4
 * batches in flight, 16 calls are asked for at once, and the sockets let 8 through.
 */
const TRANSPORT_SOCKETS = 8;

interface Summary {
  calls: number;
  byKind: Record<string, number>;
  maxInFlight: number;
  products: number;
  stockRows: number;
  heapUsedMb: number;
  /** The worker's event loop use so far. */
  elu: EventLoopUtilization;
  /** Calls being answered integrated over time (call·ms), and when (epoch ms): the mean in flight. */
  servingArea: number;
  at: number;
}

export async function initialSync(): Promise<BenchRow[]> {
  if (process.env.BENCH_SKIP_INITIAL_SYNC === '1') return [];
  const products = Number(process.env.INITIAL_SYNC_PRODUCTS ?? DEFAULT_PRODUCTS);
  const latencyMs = Number(process.env.INITIAL_SYNC_LATENCY_MS ?? 20);
  const clientConcurrency = Number(process.env.INITIAL_SYNC_CONCURRENCY ?? 4);
  // Batches the cloud keeps in flight: fewer than `clientConcurrency` when the catalogue is smaller.
  const batches = Math.min(clientConcurrency, Math.ceil(products / MAX_BATCH));
  const bound = Math.min(WRITE_CONCURRENCY * batches, TRANSPORT_SOCKETS);
  let summary: Summary | null = null;
  let startedAt: number | undefined;
  let rssBeforeMb = 0;
  let before: Summary | null = null;
  let mainBefore: EventLoopUtilization | null = null;
  let mainBusy = 0;

  const result: InitialSyncResult = await runInitialSync(
    {
      name: 'prestashop (fake Webservice over HTTP)',
      async create(latency) {
        const counters = new Int32Array(new SharedArrayBuffer(8));
        const worker = startWorker('./fake-worker.ts', { count: 0, latencyMs: latency, tally: true, counters });
        const replies: ((message: Record<string, unknown>) => void)[] = [];
        worker.on('message', (message: Record<string, unknown>) => replies.shift()?.(message));
        const next = () => new Promise<Record<string, unknown>>((resolve) => replies.push(resolve));
        const ready = await next();
        const adapter = createPrestashopAdapter({
          url: `http://127.0.0.1:${String(ready.port)}`,
          key: FAKE_KEY,
          concurrency: WRITE_CONCURRENCY,
        });
        // The shop facts (version, languages, configuration) are read once per module, not per product.
        await adapter.describe();
        await adapter.configuration();
        worker.postMessage({ type: 'reset-max' });
        worker.postMessage({ type: 'summary' });
        before = (await next()) as unknown as Summary;
        mainBefore = performance.eventLoopUtilization();
        rssBeforeMb = process.memoryUsage().rss / 1048576;
        startedAt = performance.now();
        return {
          adapter,
          calls: () => Atomics.load(counters, 0),
          maxInFlight: () => Atomics.load(counters, 1),
          concurrency: bound,
          async close() {
            worker.postMessage({ type: 'summary' });
            summary = (await next()) as unknown as Summary;
            mainBusy = performance.eventLoopUtilization(mainBefore ?? undefined).utilization;
            await adapter.close?.();
            const exited = new Promise((resolve) => worker.once('exit', resolve));
            worker.postMessage({ type: 'close' });
            await exited;
          },
        };
      },
    },
    {
      products,
      latencyMs,
      clientConcurrency,
      onProgress: (done, total) => {
        const step = Math.max(500, Math.round(total / 20 / 500) * 500);
        if (done % step !== 0 && done !== total) return;
        const elapsed = performance.now() - (startedAt ?? 0);
        console.log(
          `initial sync: ${done}/${total}, ${Math.round(elapsed / 1000)} s, ${(elapsed / done).toFixed(2)} ms per product, ` +
            `${Math.round(process.resourceUsage().maxRSS / 1024)} MB peak RSS`,
        );
      },
    },
  );
  const final = summary as Summary | null;
  const first = before as Summary | null;
  if (!final || !first) throw new Error('initial sync: the fake sent no summary');
  const fakeBusy = performance.eventLoopUtilization(final.elu, first.elu).utilization;
  const meanInFlight = (final.servingArea - first.servingArea) / (final.at - first.at);
  const created = final.products - first.products;
  if (created !== products) throw new Error(`initial sync: ${created} products in the shop for ${products} pushed`);
  const perProduct = result.platformCalls / products;
  // The calls of the sync alone (the warm-up's shop facts are not counted by the harness either).
  const byKind = Object.fromEntries(
    Object.entries(final.byKind)
      .map(([kind, calls]) => [kind.trim() || 'GET /api/', calls - (first.byKind[kind] ?? 0)] as const)
      .filter(([, calls]) => calls > 0),
  );
  const kinds = Object.entries(byKind)
    .map(([kind, calls]) => `${calls} ${kind}`)
    .join(', ');
  // What each product costs, and the rest: reference lookups per batch, anything read once.
  const perItem = Object.entries(byKind).filter(([, calls]) => calls >= products);
  const lookups = byKind['GET products'] ?? 0;
  const others = result.platformCalls - perItem.reduce((sum, [, calls]) => sum + calls, 0) - lookups;
  const costs =
    `${perProduct.toFixed(2)} calls per product: ${perItem.map(([kind, calls]) => `${(calls / products).toFixed(2)} ${kind}`).join(' + ')}` +
    ` + ${lookups} GET products reference lookups (by 50)${others ? ` + ${others} other calls` : ''}; shop facts read before, not counted`;
  if ((result.maxInFlight ?? 0) > bound)
    console.error(`bench: ${result.maxInFlight} calls in flight, above the bound ${bound} the floor divides by`);
  console.log(
    `initial sync: ${products} products, ${result.platformCalls} calls (${perProduct.toFixed(3)} per product: ${kinds}), ` +
      `${Math.round(result.wallMs)} ms (floor ${Math.round(result.floorMs)} ms, ratio ${result.ratio.toFixed(3)}), ` +
      `max ${result.maxInFlight} in flight (mean ${meanInFlight.toFixed(2)}), peak RSS ${Math.round(result.peakRssMb)} MB (fake's heap ${final.heapUsedMb} MB), ` +
      `event loops busy: bridge ${Math.round(mainBusy * 100)} %, fake ${Math.round(fakeBusy * 100)} %`,
  );
  const [wall, calls, rss] = initialSyncRows(result) as [BenchRow, BenchRow, BenchRow];
  return [
    {
      ...wall,
      notes:
        `floor = ${result.platformCalls} Webservice calls x ${latencyMs} ms / concurrency ${result.concurrency} ` +
        `= min(platform.prestashop.writeConcurrency ${WRITE_CONCURRENCY} (default) per PUT x ${batches} batches in flight, ` +
        `${TRANSPORT_SOCKETS} client sockets); max seen in flight ${result.maxInFlight}, mean ${meanInFlight.toFixed(1)}; ` +
        `${perProduct.toFixed(2)} calls per product (no batch endpoint); ${clientConcurrency} batches of 500 in flight; ` +
        'fake served from a worker thread on 127.0.0.1, its work inside the latency' +
        (products < 100_000
          ? `; ${products === DEFAULT_PRODUCTS ? `${products.toLocaleString('en')} products by default, not 100,000, to fit a package bench's 12 minutes: ` : ''}` +
            `100,000 would take ${Math.round(((result.wallMs / products) * 100_000) / 60_000)} min at this rate (INITIAL_SYNC_PRODUCTS=100000 runs it)`
          : ''),
      chart: {
        ...wall.chart,
        maxInFlight: result.maxInFlight ?? 0,
        meanInFlight: Number(meanInFlight.toFixed(2)),
        bridgeLoopBusy: Number(mainBusy.toFixed(2)),
        fakeLoopBusy: Number(fakeBusy.toFixed(2)),
      },
    },
    { ...calls, notes: costs, chart: { perProduct: Number(perProduct.toFixed(3)), ...byKind } },
    {
      ...rss,
      notes:
        `the whole process: module, SQLite store, bridge, and the fake's worker thread holding the shop ` +
        `(its heap ${final.heapUsedMb} MB at the end); ${Math.round(rssBeforeMb)} MB before the sync (tsx, workers, the stock rows' run)`,
    },
  ];
}
