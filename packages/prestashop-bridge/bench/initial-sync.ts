/**
 * The initial sync of the shared harness (bench/README.md) through the PrestaShop fake: the cloud pushes a
 * catalogue through the module (`PUT /products` by 500, 4 in flight) into an empty shop served over HTTP
 * by `fake-worker.ts` from a worker thread on 127.0.0.1, 20 ms per Webservice call. PrestaShop has no batch
 * endpoint: every product is its own calls (a POST, and a PATCH of the stock row its answer names), with
 * `platform.prestashop.writeConcurrency` in flight to the shop across every batch.
 *
 * `BENCH_SKIP_INITIAL_SYNC=1` skips it; `INITIAL_SYNC_PRODUCTS` sizes it (default 100,000),
 * `INITIAL_SYNC_LATENCY_MS` (20) and `INITIAL_SYNC_CONCURRENCY` (cloud batches in flight, 4) as for core's;
 * `INITIAL_SYNC_WRITE_CONCURRENCY` is the shop's writeConcurrency for this row (8: see WRITE_CONCURRENCY).
 */

import { type EventLoopUtilization, performance } from 'node:perf_hooks';
import { MAX_BATCH } from '@passerelle/core';
import { type BenchRow, type InitialSyncResult, initialSyncRows, runInitialSync } from '../../../bench/index.js';
import { createPrestashopAdapter, prestashopSettings } from '../src/index.js';
import { FAKE_KEY } from '../test/fake-prestashop.js';
import { startWorker } from './workers.js';

export const DEFAULT_PRODUCTS = 100_000;

/**
 * writeConcurrency for this row: 8, set the way an admin would for an initial import on a host that takes
 * it (the setting's default is 4 for day-to-day syncs). At 2 calls a product, 100,000 products then take at
 * least 200,000 × 20 ms / 8 = 500 s, which fits a package bench; at 4 it would be 1,000 s. The client's
 * connection pool (`createNodeTransport`'s `maxSockets`, 8) lets that many through.
 */
const WRITE_CONCURRENCY = Number(
  process.env.INITIAL_SYNC_WRITE_CONCURRENCY ?? Math.max(8, prestashopSettings.schema.parse({}).writeConcurrency),
);

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
  // writeConcurrency bounds the calls to the shop across every batch in flight.
  const bound = WRITE_CONCURRENCY;
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
        `= platform.prestashop.writeConcurrency set to ${WRITE_CONCURRENCY} for an initial import (default 4), shared by the ${batches} batches in flight; ` +
        `max seen in flight ${result.maxInFlight}, mean ${meanInFlight.toFixed(1)}; ` +
        `${perProduct.toFixed(2)} calls per product (no batch endpoint); ${clientConcurrency} batches of 500 in flight; ` +
        'fake served from a worker thread on 127.0.0.1, its work inside the latency' +
        (products < 100_000
          ? `; ${products.toLocaleString('en')} products (INITIAL_SYNC_PRODUCTS): ` +
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
