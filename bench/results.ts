import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow } from './bench-line.js';

/** One package's part of `bench/results.json`. */
export interface PackageResult {
  package: string;
  /** Workspace folder, relative to the repository root. */
  workspace: string;
  /** `target-missed`: the benchmark ran and printed its rows, but exited 1 because a target of its own was missed. */
  status: 'ok' | 'no-benchmark' | 'failed' | 'target-missed';
  /** Why there are no rows (`no benchmark yet`, or what failed), or which target was missed. */
  reason?: string;
  rows: BenchRow[];
  durationMs: number;
  /** When this package's rows were taken (a `BENCH_ONLY` run keeps the other packages' last rows). */
  takenAt?: string;
}

/** The machine a run was taken on: ratios travel between machines, absolute figures do not. */
export interface MachineInfo {
  node: string;
  platform: string;
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  /** 1, 5 and 15 minute load averages when the run started: a busy machine slows every row. */
  loadAverage: number[];
}

/** `bench/results.json`, written by `npm run bench`. */
export interface BenchResults {
  generatedAt: string;
  machine: MachineInfo;
  packages: PackageResult[];
}

/** `bench/load-results.json`, written by `npm run load`. */
export interface LoadResults {
  generatedAt: string;
  machine: MachineInfo;
  pollers: number;
  /** Measured seconds, after `warmupSeconds` of the same load. */
  durationSeconds: number;
  warmupSeconds: number;
  requests: number;
  errors: number;
  errorSamples: string[];
  byRoute: Record<string, { requests: number; errors: number; meanMs: number }>;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** The same, for requests started after the warm-up. */
  latencyAfterWarmupMs?: { p50: number; p95: number; p99: number; max: number };
  rss: {
    /** Seconds since the start, RSS of the module process in MB. */
    samples: [number, number][];
    afterWarmup: { min: number; max: number; first: number; last: number };
    /** (max - min) / min after warm-up, in percent. */
    spreadPercent: number;
    /** Mean RSS over the first 10 measured seconds, MB. */
    baselineMb?: number;
    /** Mean RSS over the last 10 measured seconds, MB. */
    lastWindowMb?: number;
    /** (last window - first window) / first window, in percent: the verdict's measure. */
    growthPercent?: number;
    /** Least-squares slope of RSS after warm-up, MB per minute: a leak climbs, GC only wobbles. */
    slopeMbPerMinute: number;
    /** Peak RSS of the module process over the whole run (VmHWM), MB. */
    peakMb: number;
  };
  /** V8 heap in use right after a forced full GC, every 5 s (seconds, MB): flat unless something is retained. */
  heapAfterGc?: { samples: [number, number][]; first: number; last: number; max: number };
  /** Longest event-loop delay of the module per 5 s (seconds, ms): a saturated loop, or a synchronous SQLite commit. */
  eventLoopStallsMs?: [number, number][];
  verdict: { zeroErrors: boolean; rssFlatWithin10Percent: boolean };
}

export const RESULTS_FILE = join('bench', 'results.json');
export const LOAD_RESULTS_FILE = join('bench', 'load-results.json');

export function readJson<T>(path: string): T | null {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : null;
}
