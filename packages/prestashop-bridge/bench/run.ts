/**
 * `npm run bench -w @passerelle/prestashop-bridge`, against the fake Webservice served from a worker thread
 * on 127.0.0.1 with 20 ms of latency on every call (the shop's response time: the fake's work runs inside it).
 *  1. 1,000 stock updates written as 1,000 `stock_availables` PATCHes with bounded concurrency. The target
 *     is a wall time within 1.2x of the ideal `count × latency / concurrency` (5 s for the defaults). Exits 1
 *     when it is missed. Env: BENCH_COUNT, BENCH_LATENCY_MS, BENCH_CONCURRENCY.
 *  2. The initial sync of the shared harness (bench/README.md): the cloud pushes a catalogue through the
 *     module into an empty fake shop (`initial-sync.ts`). `BENCH_SKIP_INITIAL_SYNC=1` skips it;
 *     `INITIAL_SYNC_PRODUCTS` sizes it (default 50,000, not 100,000: see `initial-sync.ts`),
 *     `INITIAL_SYNC_LATENCY_MS` (20) and `INITIAL_SYNC_CONCURRENCY` (cloud batches in flight, 4) as for core's.
 * The last stdout line is `BENCH_JSON {...}`, printed even when a target is missed or the sync fails.
 */
import { defaultSettings, mapWithConcurrency, type StockWritePlan } from '@passerelle/core';
import type { BenchRow } from '../../../bench/index.js';
import { formatBenchLine } from '../../../bench/index.js';
import { createPrestashopAdapter, createPrestashopClient } from '../src/index.js';
import { FAKE_KEY } from '../test/fake-prestashop.js';
import { initialSync } from './initial-sync.js';
import { startWorker } from './workers.js';

const count = Number(process.env.BENCH_COUNT ?? 1000);
const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 20);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 4);
const TOLERANCE = 1.2;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const worker = startWorker('./fake-worker.ts', { count, latencyMs });
const replies: ((message: Record<string, unknown>) => void)[] = [];
worker.on('message', (message: Record<string, unknown>) => replies.shift()?.(message));
const next = () => new Promise<Record<string, unknown>>((resolve) => replies.push(resolve));
const ask = (type: string) => {
  const reply = next();
  worker.postMessage({ type });
  return reply;
};

const ready = await next();
const references = ready.references as string[];
const adapter = createPrestashopAdapter({
  url: `http://127.0.0.1:${String(ready.port)}`,
  key: FAKE_KEY,
  concurrency,
  retry: 0,
});
const context = { shopId: 'default', settings: defaultSettings() };

// What core does before a stock batch: look the SKUs up (this also finds each one's stock row).
const lookupStarted = performance.now();
const levels = await adapter.stock.getByReferences(references);
const lookupMs = performance.now() - lookupStarted;
const lookupCalls = (await ask('stats')).calls as number;
if (levels.size !== count) throw new Error(`bench: ${levels.size} stock levels found for ${count} references`);

/** Round `round`'s plans: every quantity differs from the round before, so each write changes its row. */
const plansOf = (round: number): StockWritePlan[] =>
  references.map((reference, index) => ({
    key: reference,
    reference,
    platformId: levels.get(reference)?.productId ?? null,
    location: null,
    quantity: 1 + (index % 50) + round * 100,
  }));
// Warm-up, not timed: both sides' JIT compiles the write path on a few writes, as it has in a module
// that has been running; the timed rounds then rewrite every row.
await adapter.stock.write(plansOf(0).slice(0, 40), context);
// Three timed rounds of the same 1,000 writes; the median is the figure, so one round slowed by something
// else on the machine does not decide the verdict (each round is listed in the notes).
const rounds: { wallMs: number; failed: number; patches: number; calls: number; maxInFlight: number }[] = [];
let stats: Record<string, unknown> = {};
for (let round = 1; round <= ROUNDS; round++) {
  await ask('mark');
  const started = performance.now();
  const outcomes = await adapter.stock.write(plansOf(round), context);
  const wallMs = performance.now() - started;
  stats = await ask('stats');
  rounds.push({
    wallMs,
    failed: outcomes.filter((outcome) => outcome.ok !== true).length,
    patches: stats.patches as number,
    calls: stats.calls as number,
    maxInFlight: stats.maxInFlight as number,
  });
}
const plans = plansOf(ROUNDS);
worker.postMessage({ type: 'close' });

// The control, right after: the same client and concurrency against a server that only waits.
const control = startWorker('./static-worker.ts', { latencyMs });
const { port: controlPort } = await new Promise<{ port: number }>((resolve) => control.once('message', resolve));
const controlClient = createPrestashopClient({
  url: `http://127.0.0.1:${controlPort}`,
  key: FAKE_KEY,
  retry: 0,
  patch: 'always',
});
const controlStarted = performance.now();
await mapWithConcurrency(plans, concurrency, (plan) =>
  controlClient.update('stock_availables', '1', { fields: { quantity: String(plan.quantity) } }),
);
const controlMs = Math.round(performance.now() - controlStarted);
controlClient.close();
await control.terminate();

const quantities = stats.quantities as Record<string, number>;
const patches = Math.max(...rounds.map((round) => round.patches));
const otherCalls = Math.max(...rounds.map((round) => round.calls - round.patches));
const failed = rounds.reduce((sum, round) => sum + round.failed, 0);
const wrong = plans.filter((plan) => quantities[levels.get(plan.reference)?.productId ?? ''] !== plan.quantity).length;
const idealMs = (count * latencyMs) / concurrency;
const walls = rounds.map((round) => round.wallMs);
const wallMs = [...walls].sort((a, b) => a - b)[Math.floor(walls.length / 2)] as number;
const ratio = wallMs / idealMs;
const row = {
  bench: 'prestashop: stock_availables writes',
  items: count,
  concurrency,
  latencyMs,
  wallMs: Math.round(wallMs),
  idealMs: Math.round(idealMs),
  ratio: Number(ratio.toFixed(3)),
  target: `<= ${TOLERANCE}x`,
  patchCalls: patches,
  otherCalls,
  maxInFlight: Math.max(...rounds.map((round) => round.maxInFlight)),
  failed,
  wrongQuantities: wrong,
  lookupMs: Math.round(lookupMs),
  lookupCalls,
  controlMs,
  controlRatio: Number((controlMs / idealMs).toFixed(3)),
};
console.error(
  `| ${row.bench} | ${count} items | concurrency ${concurrency} | latency ${latencyMs} ms | ` +
    `median ${row.wallMs} ms of ${walls.map((ms) => Math.round(ms)).join(', ')} (ideal ${row.idealMs} ms, ratio ${row.ratio}, target ${row.target}) | ` +
    `${patches} PATCH, ${otherCalls} other calls, ${row.maxInFlight} in flight | lookup ${row.lookupMs} ms in ${lookupCalls} calls | ` +
    `control (static server) ${controlMs} ms, ratio ${row.controlRatio} |`,
);
// The last line is the row format of the root aggregator (bench/README.md): `BENCH_JSON {package, rows}`.
const notes = `PATCH stock_availables/{id}, ${concurrency} in flight (PrestaShop has no batch endpoint); ${lookupCalls} lookup calls before, not timed`;
const stockRows: BenchRow[] = [
  {
    name: 'platform calls per 1,000 stock updates',
    measured: patches,
    floor: count,
    unit: 'calls',
    better: 'lower',
    notes,
  },
  {
    name: `${count} stock updates, ${latencyMs} ms latency, ${concurrency} in flight`,
    measured: row.wallMs,
    floor: row.idealMs,
    unit: 'ms',
    better: 'lower',
    notes:
      `median of ${ROUNDS} rounds (${walls.map((ms) => Math.round(ms)).join(', ')} ms); target <= ${TOLERANCE}x of count x latency / concurrency; ` +
      'fake served from a worker thread on 127.0.0.1',
    chart: { calls: patches, wallMs: row.wallMs, maxInFlight: row.maxInFlight, lookupMs: row.lookupMs },
  },
  {
    name: `control: the same client against a server that only waits ${latencyMs} ms`,
    measured: controlMs,
    floor: row.idealMs,
    unit: 'ms',
    better: 'lower',
    notes: 'what this machine allows for 1,000 calls 4 at a time; read the row above against it',
  },
];
const ok =
  ratio <= TOLERANCE &&
  patches === count &&
  otherCalls === 0 &&
  failed === 0 &&
  wrong === 0 &&
  row.maxInFlight <= concurrency;
if (!ok) {
  console.error('bench: target missed');
  process.exitCode = 1;
}

let syncRows: BenchRow[] = [];
try {
  syncRows = await initialSync();
} catch (error) {
  console.error(
    `bench: initial sync failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exitCode = 1;
}
console.log(formatBenchLine({ package: '@passerelle/prestashop-bridge', rows: [...stockRows, ...syncRows] }));
