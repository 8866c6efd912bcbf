import type { PlatformAdapter } from '@passerelle/core';

/** What the proxy saw: every adapter call stands for one platform request. */
export interface LatencyStats {
  calls: number;
  byOperation: Record<string, number>;
  /** Most calls in flight at once. */
  maxInFlight: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Wraps an in-process adapter so that every operation (`products.write`, `stock.getByReferences`…)
 * waits `latencyMs` before it runs, as a platform round trip would, and is counted. `describe` and
 * `configuration` are counted and delayed too: a bridge fetches them from the platform. A bridge
 * measured through its HTTP fake injects the latency in the fake instead and counts requests there.
 */
export function withLatency(
  adapter: PlatformAdapter,
  latencyMs: number,
): { adapter: PlatformAdapter; stats: LatencyStats } {
  const stats: LatencyStats = { calls: 0, byOperation: {}, maxInFlight: 0 };
  let inFlight = 0;

  const delayed =
    <A extends unknown[], R>(name: string, operation: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      stats.calls++;
      stats.byOperation[name] = (stats.byOperation[name] ?? 0) + 1;
      inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
      try {
        await sleep(latencyMs);
        return await operation(...args);
      } finally {
        inFlight--;
      }
    };

  const wrapOperations = (group: string, operations: object): object =>
    Object.fromEntries(
      Object.entries(operations).map(([name, value]) => [
        name,
        typeof value === 'function'
          ? delayed(`${group}.${name}`, (value as (...args: unknown[]) => Promise<unknown>).bind(operations))
          : value,
      ]),
    );

  const wrapped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(adapter)) {
    if (typeof value === 'function') {
      // close() is local bookkeeping, not a platform round trip.
      wrapped[key] =
        key === 'close'
          ? value.bind(adapter)
          : delayed(key, (value as (...args: unknown[]) => Promise<unknown>).bind(adapter));
    } else if (typeof value === 'object' && value !== null) {
      wrapped[key] = wrapOperations(key, value);
    } else {
      wrapped[key] = value;
    }
  }
  return { adapter: wrapped as unknown as PlatformAdapter, stats };
}
