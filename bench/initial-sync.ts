import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createMemoryStore,
  createModule,
  createSqliteStore,
  MAX_BATCH,
  type PlatformAdapter,
  type Store,
} from '@passerelle/core';
import type { BenchRow } from './bench-line.js';

/** A platform to load the catalogue into, with its latency already injected. */
export interface InitialSyncPlatform {
  adapter: PlatformAdapter;
  /** Platform calls made so far: HTTP requests the fake received, or adapter calls through `withLatency`. */
  calls(): number;
  /**
   * How many platform calls may be in flight at once, across the whole sync: the floor divides by it.
   * A bridge states its own bound (Woo batches, PrestaShop's bounded concurrency).
   */
  concurrency: number;
  /** Most calls seen in flight, when the subject measures it. */
  maxInFlight?(): number;
  close?(): Promise<void>;
}

export interface InitialSyncSubject {
  /** The row's label: `memory adapter`, `woocommerce (msw fake)`. */
  name: string;
  /** Builds the adapter over its platform, with `latencyMs` added to every platform round trip. */
  create(latencyMs: number): Promise<InitialSyncPlatform>;
}

export interface InitialSyncOptions {
  /** @default 100_000 */
  products?: number;
  /** Injected per platform call. @default 20 */
  latencyMs?: number;
  /** Write requests the cloud keeps in flight. @default 4 */
  clientConcurrency?: number;
  /** Items per `PUT /products`. @default MAX_BATCH (500) */
  batchSize?: number;
  /** `sqlite` (a file, as in production) or `memory`. @default 'sqlite' */
  store?: 'sqlite' | 'memory';
  /** Called after every batch with how many items are done, for progress output. */
  onProgress?: (done: number, total: number) => void;
}

export interface InitialSyncResult {
  name: string;
  products: number;
  latencyMs: number;
  clientConcurrency: number;
  wallMs: number;
  platformCalls: number;
  concurrency: number;
  maxInFlight: number | null;
  /** `platformCalls × latencyMs / concurrency`: the wall time of perfectly parallel calls and free CPU. */
  floorMs: number;
  ratio: number;
  /** Peak resident memory of this process (`ru_maxrss`), megabytes: run one subject per process. */
  peakRssMb: number;
  outcomes: Record<string, number>;
}

const PASSWORD = 'initial-sync-benchmark-password';

/** The catalogue the cloud pushes: contract-shaped products with a name, price, stock and an EAN. */
export function catalogueItem(index: number): Record<string, unknown> {
  return {
    reference: `SKU-${String(index).padStart(6, '0')}`,
    name: { en: `Product ${index}` },
    price: `${(index % 500) + 1}.90`,
    quantity: index % 37,
    ean13: String(2_000_000_000_000 + index),
    active: true,
  };
}

/**
 * Initial sync = the cloud (ERP) pushing a whole catalogue into an empty shop through the module:
 * `PUT /products` in batches of 500, `clientConcurrency` in flight, each item planned by the rules and
 * written through the adapter. Measures wall time, platform calls and peak RSS; every item must come
 * back `created`, or the run fails rather than report a speed for lost work.
 */
export async function runInitialSync(
  subject: InitialSyncSubject,
  options: InitialSyncOptions = {},
): Promise<InitialSyncResult> {
  const products = options.products ?? 100_000;
  const latencyMs = options.latencyMs ?? 20;
  const clientConcurrency = options.clientConcurrency ?? 4;
  const batchSize = Math.min(options.batchSize ?? MAX_BATCH, MAX_BATCH);
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-initial-sync-'));
  const store: Store =
    options.store === 'memory' ? createMemoryStore() : createSqliteStore({ path: join(dir, 'store.db') });
  const platform = await subject.create(latencyMs);
  const module = await createModule({ adapter: platform.adapter, store });
  await module.settings.setPassword(PASSWORD, 'benchmark');
  const callsBefore = platform.calls();
  const outcomes: Record<string, number> = {};
  let next = 0;
  let done = 0;

  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: clientConcurrency }, async () => {
        for (;;) {
          const start = next;
          if (start >= products) return;
          next += batchSize;
          const items = Array.from({ length: Math.min(batchSize, products - start) }, (_, offset) =>
            catalogueItem(start + offset),
          );
          const response = await module.fetch(
            new Request('http://module.bench/passerelle/v1/products', {
              method: 'PUT',
              headers: {
                authorization: `Bearer ${PASSWORD}`,
                'content-type': 'application/json',
                'idempotency-key': `initial-sync-${start}`,
              },
              body: JSON.stringify({ items }),
            }),
          );
          if (response.status !== 200)
            throw new Error(`PUT /products answered ${response.status}: ${await response.text()}`);
          const { results } = (await response.json()) as { results: { outcome: string; error?: string }[] };
          for (const result of results) outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
          const failed = results.find((result) => result.outcome !== 'created');
          if (failed) throw new Error(`an item came back ${failed.outcome}: ${failed.error ?? ''}`);
          done += items.length;
          options.onProgress?.(done, products);
        }
      }),
    );
  } finally {
    await module.close();
    await store.close();
    await platform.close?.();
    rmSync(dir, { recursive: true, force: true });
  }
  const wallMs = performance.now() - started;
  const platformCalls = platform.calls() - callsBefore;
  const floorMs = (platformCalls * latencyMs) / platform.concurrency;
  return {
    name: subject.name,
    products,
    latencyMs,
    clientConcurrency,
    wallMs,
    platformCalls,
    concurrency: platform.concurrency,
    maxInFlight: platform.maxInFlight?.() ?? null,
    floorMs,
    ratio: wallMs / floorMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    outcomes,
  };
}

/** The result as rows of the common format (bench/README.md): wall time against its floor, calls, peak RSS. */
export function initialSyncRows(result: InitialSyncResult): BenchRow[] {
  const label = `initial sync, ${result.products.toLocaleString('en')} products, ${result.latencyMs} ms latency`;
  return [
    {
      name: `${label}: wall time`,
      measured: Math.round(result.wallMs),
      floor: Math.round(result.floorMs),
      ratio: result.ratio,
      unit: 'ms',
      better: 'lower',
      notes: `floor = ${result.platformCalls} platform calls x ${result.latencyMs} ms / concurrency ${result.concurrency}${result.maxInFlight === null ? '' : ` (max seen in flight ${result.maxInFlight})`}; ${result.clientConcurrency} batches of 500 in flight`,
      chart: { wallMs: Math.round(result.wallMs), floorMs: Math.round(result.floorMs), calls: result.platformCalls },
    },
    { name: `${label}: platform calls`, measured: result.platformCalls, unit: 'calls', better: 'lower' },
    { name: `${label}: peak RSS`, measured: Math.round(result.peakRssMb), unit: 'MB', better: 'lower' },
  ];
}
