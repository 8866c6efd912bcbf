/**
 * `npm run load` (root), on demand, never in CI: 100 concurrent pollers for 30 s, after a 20 s warm-up, against one module
 * process on 127.0.0.1 (SQLite store, SQLite platform stand-in: fault-module-process.ts). Each poller
 * is a bounded loop (a round cap and the deadline) doing what a cloud does: read the queue, read the
 * change journal from its own resume cursor, read /info; every 4th round a 20-item stock write with
 * its own Idempotency-Key; every 6th round acknowledge one order and reset it (offset by poller, so
 * writes happen throughout). The module's RSS is sampled every second from /proc/<pid>/status, and its V8
 * heap right after a forced full collection every 5 s (the process runs with --expose-gc): the RSS is what
 * the host pays, the heap says whether anything is retained.
 *
 * Passes with 0 errors over the whole run and an RSS flat within 10 % over the measured 30 s (the mean of
 * its last 10 s within 10 % of the mean of its first 10 s: a leak climbs, garbage collection only
 * wobbles); writes `bench/load-results.json` and the load section of `docs/performance.md`, and exits
 * non-zero when either fails. LOAD_POLLERS (100), LOAD_SECONDS (30) and LOAD_WARMUP_SECONDS (20) change
 * the run. The warm-up is extra time before the measured seconds, for V8 and SQLite to size their heaps.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatWithBiome } from '../../../bench/format-docs.js';
import { machineInfo } from '../../../bench/machine.js';
import { writePerformanceDoc } from '../../../bench/render-performance.js';
import { LOAD_RESULTS_FILE, type LoadResults } from '../../../bench/results.js';
import { REPO_ROOT, startModuleProcess } from './fault-process.js';

const POLLERS = Number(process.env.LOAD_POLLERS ?? 100);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const WARMUP_SECONDS = Number(process.env.LOAD_WARMUP_SECONDS ?? 20);
const MAX_ROUNDS = 100_000;
const PASSWORD = 'load-test-password-0123456789';
const ORDERS = 500;
const PRODUCTS = 200;

function status(pid: number): { rssMb: number; peakMb: number } {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 102.4) / 10, peakMb: Math.round(kb('VmHWM') / 102.4) / 10 };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number) * 10) / 10;
}

const machine = machineInfo();
const dir = mkdtempSync(join(tmpdir(), 'passerelle-load-'));
const heap: [number, number][] = [];
/** Longest event-loop stall of the module per 5 s (seconds, ms). */
const stalls: [number, number][] = [];
let started = Date.now();
const module = await startModuleProcess(
  {
    PASSERELLE_STORE: join(dir, 'store.db'),
    PASSERELLE_PLATFORM: join(dir, 'platform.db'),
    PASSERELLE_PASSWORD: PASSWORD,
    FAULT_ORDERS: String(ORDERS),
    FAULT_PRODUCTS: String(PRODUCTS),
    FAULT_HEAP_REPORT_MS: '5000',
  },
  {
    nodeArgs: ['--expose-gc'],
    onLine(line) {
      if (!line.startsWith('HEAP ')) return;
      const [, bytes = '0', stall = '0'] = line.split(' ');
      const second = Math.round((Date.now() - started) / 1000);
      heap.push([second, Math.round(Number(bytes) / 104857.6) / 10]);
      stalls.push([second, Number(stall)]);
    },
  },
);
const pid = module.child.pid as number;
const headers = { authorization: `Bearer ${PASSWORD}`, 'content-type': 'application/json' };

let requests = 0;
let errors = 0;
const errorSamples: string[] = [];
const latencies: number[] = [];
/** Latencies of requests started after the warm-up: the cold start (every poller's first password check) left out. */
const warmLatencies: number[] = [];
const byRoute: Record<string, { requests: number; errors: number; meanMs: number }> = {};
const samples: [number, number][] = [];

async function call(route: string, path: string, init: RequestInit = {}): Promise<unknown> {
  const begun = Date.now();
  const startedAt = performance.now();
  const entry = byRoute[route] ?? { requests: 0, errors: 0, meanMs: 0 };
  byRoute[route] = entry;
  entry.requests++;
  requests++;
  try {
    const response = await fetch(`${module.url}${path}`, { ...init, headers });
    const text = await response.text();
    const elapsed = performance.now() - startedAt;
    latencies.push(elapsed);
    if (begun - started > WARMUP_SECONDS * 1000) warmLatencies.push(elapsed);
    entry.meanMs += (elapsed - entry.meanMs) / entry.requests;
    if (!response.ok) throw new Error(`${route} answered ${response.status}: ${text.slice(0, 120)}`);
    return JSON.parse(text) as unknown;
  } catch (error) {
    entry.errors++;
    errors++;
    if (errorSamples.length < 10) errorSamples.push(error instanceof Error ? error.message : String(error));
    return null;
  }
}

async function poller(index: number, deadline: number): Promise<void> {
  let resume: string | undefined;
  for (let round = 0; round < MAX_ROUNDS && Date.now() < deadline; round++) {
    await call('GET /orders', '/orders?limit=50');
    const changes = (await call(
      'GET /changes',
      `/changes?limit=100${resume ? `&cursor=${encodeURIComponent(resume)}` : ''}`,
    )) as { resumeCursor?: string } | null;
    if (changes?.resumeCursor) resume = changes.resumeCursor;
    await call('GET /info', '/info');
    // Writes are spread over the pollers (offset by index), so every round of the run has some.
    if ((round + index) % 4 === 3) {
      const items = Array.from({ length: 20 }, (_, offset) => ({
        reference: `SEED-${String(((index * 20 + offset) % PRODUCTS) + 1).padStart(5, '0')}`,
        quantity: (round + offset) % 50,
      }));
      await call('PUT /stock', '/stock', {
        method: 'PUT',
        body: JSON.stringify({ items }),
        headers: { ...headers, 'idempotency-key': `load-${index}-${round}` },
      });
    }
    if ((round + index) % 6 === 5) {
      const id = String(5001 + ((index * 7 + round) % ORDERS));
      await call('POST /orders/acknowledge', '/orders/acknowledge', {
        method: 'POST',
        body: JSON.stringify({ items: [{ id }] }),
      });
      await call('POST /orders/reset', '/orders/reset', { method: 'POST', body: JSON.stringify({ ids: [id] }) });
    }
  }
}

started = Date.now();
heap.length = 0;
stalls.length = 0;
const sampler = setInterval(() => {
  samples.push([Math.round((Date.now() - started) / 1000), status(pid).rssMb]);
}, 1000);
console.log(
  `load: ${POLLERS} pollers for ${WARMUP_SECONDS} s of warm-up + ${SECONDS} s measured against ${module.url} (module pid ${pid})`,
);
try {
  await Promise.all(
    Array.from({ length: POLLERS }, (_, index) => poller(index, started + (WARMUP_SECONDS + SECONDS) * 1000)),
  );
} finally {
  clearInterval(sampler);
}
const { peakMb } = status(pid);
await module.stop();
rmSync(dir, { recursive: true, force: true });

const afterWarmup = samples.filter(([second]) => second > WARMUP_SECONDS).map(([, mb]) => mb);
const min = Math.min(...afterWarmup);
const max = Math.max(...afterWarmup);
const spreadPercent = ((max - min) / min) * 100;
// Flat = the mean RSS of the last 10 measured seconds within 10 % of the mean of the first 10: single samples
// swing with every collection, a leak moves the level. Min, max and spread are reported as well.
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
const window = Math.min(10, Math.floor(SECONDS / 3));
const firstWindow = samples
  .filter(([second]) => second > WARMUP_SECONDS && second <= WARMUP_SECONDS + window)
  .map(([, mb]) => mb);
const lastWindow = samples.filter(([second]) => second > WARMUP_SECONDS + SECONDS - window).map(([, mb]) => mb);
const baseline = Math.round(mean(firstWindow) * 10) / 10;
const growthPercent = baseline > 0 ? ((mean(lastWindow) - baseline) / baseline) * 100 : 0;
const sorted = [...latencies].sort((a, b) => a - b);
const warmSorted = [...warmLatencies].sort((a, b) => a - b);
// Least-squares slope of RSS over time after warm-up: a leak climbs steadily, garbage collection only wobbles.
const warm = samples.filter(([second]) => second > WARMUP_SECONDS);
const meanT = warm.reduce((sum, [t]) => sum + t, 0) / Math.max(1, warm.length);
const meanM = warm.reduce((sum, [, mb]) => sum + mb, 0) / Math.max(1, warm.length);
const covariance = warm.reduce((sum, [t, mb]) => sum + (t - meanT) * (mb - meanM), 0);
const variance = warm.reduce((sum, [t]) => sum + (t - meanT) ** 2, 0);
const slopeMbPerMinute = variance === 0 ? 0 : Math.round((covariance / variance) * 60 * 10) / 10;
const warmHeap = heap.filter(([second]) => second > WARMUP_SECONDS).map(([, mb]) => mb);
const results: LoadResults = {
  generatedAt: new Date().toISOString(),
  machine,
  pollers: POLLERS,
  durationSeconds: SECONDS,
  warmupSeconds: WARMUP_SECONDS,
  requests,
  errors,
  errorSamples,
  byRoute,
  latencyMs: {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: percentile(sorted, 100),
  },
  latencyAfterWarmupMs: {
    p50: percentile(warmSorted, 50),
    p95: percentile(warmSorted, 95),
    p99: percentile(warmSorted, 99),
    max: percentile(warmSorted, 100),
  },
  rss: {
    samples,
    afterWarmup: { min, max, first: afterWarmup[0] ?? 0, last: afterWarmup.at(-1) ?? 0 },
    spreadPercent,
    baselineMb: baseline,
    lastWindowMb: Math.round(mean(lastWindow) * 10) / 10,
    growthPercent,
    slopeMbPerMinute,
    peakMb,
  },
  heapAfterGc: {
    samples: heap,
    first: warmHeap[0] ?? 0,
    last: warmHeap.at(-1) ?? 0,
    max: warmHeap.length ? Math.max(...warmHeap) : 0,
  },
  eventLoopStallsMs: stalls,
  verdict: {
    zeroErrors: errors === 0,
    rssFlatWithin10Percent: firstWindow.length > 0 && lastWindow.length > 0 && Math.abs(growthPercent) <= 10,
  },
};
writeFileSync(join(REPO_ROOT, LOAD_RESULTS_FILE), `${JSON.stringify(results, null, 2)}\n`);
// Formatted as the linter wants it: `npm run lint` reads this committed file too.
formatWithBiome(REPO_ROOT, [LOAD_RESULTS_FILE]);
writePerformanceDoc(REPO_ROOT);
console.log(
  `load: heap after GC ${results.heapAfterGc?.first} -> ${results.heapAfterGc?.last} MB (max ${results.heapAfterGc?.max})`,
);
console.log(
  `load: ${requests} requests (${Math.round(requests / (WARMUP_SECONDS + SECONDS))}/s), ${errors} errors; latency p50 ${results.latencyMs.p50} ms, p99 ${results.latencyMs.p99} ms (after warm-up ${results.latencyAfterWarmupMs?.p99} ms); RSS after warm-up ${min}-${max} MB (last 10 s vs first 10 s ${growthPercent.toFixed(1)} %, spread ${spreadPercent.toFixed(1)} %, trend ${slopeMbPerMinute} MB/min), peak ${peakMb} MB`,
);
console.log(
  `load: ${results.verdict.zeroErrors ? 'PASS' : 'FAIL'} 0 errors, ${results.verdict.rssFlatWithin10Percent ? 'PASS' : 'FAIL'} RSS flat within 10 %. Wrote ${LOAD_RESULTS_FILE} and docs/performance.md.`,
);
if (!results.verdict.zeroErrors || !results.verdict.rssFlatWithin10Percent) process.exitCode = 1;
