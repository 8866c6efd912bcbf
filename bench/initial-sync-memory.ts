/**
 * The initial-sync row for core's reference adapter: `createMemoryAdapter()` behind a 20 ms latency
 * proxy, loaded with the whole catalogue through a module over SQLite. Run by `bench/run.ts` in its
 * own process so its peak RSS is its own; prints the rows as its last line (bench/README.md).
 *
 * INITIAL_SYNC_PRODUCTS (default 100000), INITIAL_SYNC_LATENCY_MS (20), INITIAL_SYNC_CONCURRENCY (4) and
 * INITIAL_SYNC_STORE (`sqlite`, the default as in production, or `memory`) change the run.
 */
import { createMemoryAdapter } from '@passerelle/core';
import { formatBenchLine } from './bench-line.js';
import { initialSyncRows, runInitialSync } from './initial-sync.js';
import { withLatency } from './latency-proxy.js';

const products = Number(process.env.INITIAL_SYNC_PRODUCTS ?? 100_000);
const latencyMs = Number(process.env.INITIAL_SYNC_LATENCY_MS ?? 20);
const clientConcurrency = Number(process.env.INITIAL_SYNC_CONCURRENCY ?? 4);
const store = process.env.INITIAL_SYNC_STORE === 'memory' ? 'memory' : 'sqlite';

let lastReport = 0;
const result = await runInitialSync(
  {
    name: 'memory adapter',
    async create(latency) {
      const { adapter, stats } = withLatency(
        createMemoryAdapter({ products: [], orders: [], customers: [], categories: [] }),
        latency,
      );
      // The memory adapter's calls happen inside each batch one after the other: in flight = batches in flight.
      return {
        adapter,
        calls: () => stats.calls,
        concurrency: clientConcurrency,
        maxInFlight: () => stats.maxInFlight,
      };
    },
  },
  {
    products,
    latencyMs,
    clientConcurrency,
    store,
    onProgress(done, total) {
      if (performance.now() - lastReport < 5000 && done < total) return;
      lastReport = performance.now();
      console.log(
        `initial sync (memory adapter, ${store} store): ${done}/${total} products, rss ${Math.round(process.memoryUsage().rss / 1048576)} MB`,
      );
    },
  },
);

console.log(
  `initial sync (memory adapter, ${store} store): ${result.products} products in ${(result.wallMs / 1000).toFixed(1)} s, ${result.platformCalls} platform calls, floor ${(result.floorMs / 1000).toFixed(1)} s, ratio ${result.ratio.toFixed(2)}, peak RSS ${result.peakRssMb.toFixed(0)} MB`,
);
console.log(
  formatBenchLine({ package: `@passerelle/core (memory adapter, ${store} store)`, rows: initialSyncRows(result) }),
);
