/**
 * @module
 * The benchmark kit every package shares (see README.md): the `BENCH_JSON` row format, the generic
 * 100k-product initial-sync harness and the latency proxy. A bridge's `bench/run.ts` imports it as
 * `../../../bench/index.js` and prints `formatBenchLine(...)` as its last line.
 */
export {
  BENCH_LINE_PREFIX,
  type BenchOutput,
  type BenchRow,
  benchOutputSchema,
  benchRowSchema,
  formatBenchLine,
  type ParsedBench,
  parseBenchOutput,
  withRatio,
} from './bench-line.js';
export {
  catalogueItem,
  type InitialSyncOptions,
  type InitialSyncPlatform,
  type InitialSyncResult,
  type InitialSyncSubject,
  initialSyncRows,
  runInitialSync,
} from './initial-sync.js';
export { type LatencyStats, withLatency } from './latency-proxy.js';
