/**
 * Starts the fake Dolibarr in a worker thread (`fake-worker.ts`) and talks to it: requests received
 * and most in flight (shared memory, read synchronously), calls by route, stock levels, latency.
 */
import { Worker } from 'node:worker_threads';

export interface FakeWorkerData {
  /** The fake's small seeded catalogue, customers and documents (warehouses are always there). */
  seed: boolean;
  /** Simple products added before serving: `<prefix>000000`…, 10 in stock in warehouse 1. */
  products: number;
  prefix: string;
  latencyMs: number;
  counters: SharedArrayBuffer;
}

export type FakeRequest =
  | { type: 'latency'; latencyMs: number }
  | { type: 'mark' }
  | { type: 'routes' }
  | { type: 'stock'; references: string[] }
  | { type: 'heap' };

export type FakeReply =
  | { type: 'ready'; url: string; apiKey: string; ids: number[] }
  | { type: 'ok' }
  | { type: 'routes'; routes: Record<string, number> }
  | { type: 'stock'; quantities: Record<string, number | null> }
  | { type: 'heap'; usedMb: number };

export interface ServedFake {
  /** The Dolibarr root to give the adapter (`http://127.0.0.1:<port>/dolibarr`). */
  url: string;
  apiKey: string;
  /** Row ids of the products added, in order. */
  ids: number[];
  /** HTTP requests the fake received so far. */
  calls(): number;
  /** Most requests in flight at once since the last `mark()`. */
  maxInFlight(): number;
  /** Starts counting routes and the in-flight peak afresh. */
  mark(): Promise<void>;
  /** Calls since the last mark, by route (`GET /products/{id}`). */
  routes(): Promise<Record<string, number>>;
  setLatency(latencyMs: number): Promise<void>;
  /** Physical stock (sum of warehouses) of products by reference; null when there is no such product. */
  stock(references: string[]): Promise<Record<string, number | null>>;
  /** The worker's V8 heap in use, megabytes. */
  heapMb(): Promise<number>;
  close(): Promise<void>;
}

export async function startFake(
  options: Partial<Omit<FakeWorkerData, 'counters'>> & { latencyMs: number },
): Promise<ServedFake> {
  const counters = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
  const view = new Int32Array(counters);
  const data: FakeWorkerData = {
    seed: options.seed ?? false,
    products: options.products ?? 0,
    prefix: options.prefix ?? 'BENCH-',
    latencyMs: options.latencyMs,
    counters,
  };
  // A worker's entry is not run through tsx by `--import`: it registers tsx, then loads the TypeScript entry.
  const entry = new URL('./fake-worker.ts', import.meta.url).href;
  const worker = new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true, workerData: data, execArgv: ['--conditions=passerelle-source'] },
  );
  const pending = new Map<number, (reply: FakeReply) => void>();
  let failure: Error | null = null;
  worker.on('message', (message: FakeReply & { id: number }) => {
    const resolve = pending.get(message.id);
    pending.delete(message.id);
    resolve?.(message);
  });
  worker.on('error', (error) => {
    failure = error;
    for (const [, resolve] of pending) resolve({ type: 'ok' });
  });
  const ready = await new Promise<FakeReply>((resolve) => pending.set(0, resolve));
  if (failure) throw failure;
  if (ready.type !== 'ready') throw new Error('the fake Dolibarr worker did not start');
  let next = 1;
  async function ask<T extends FakeReply['type']>(request: FakeRequest, type: T): Promise<FakeReply & { type: T }> {
    const id = next++;
    const reply = await new Promise<FakeReply>((resolve) => {
      pending.set(id, resolve);
      worker.postMessage({ id, ...request });
    });
    if (failure) throw failure;
    if (reply.type !== type) throw new Error(`the fake Dolibarr worker answered ${reply.type} to ${request.type}`);
    return reply as FakeReply & { type: T };
  }
  return {
    url: ready.url,
    apiKey: ready.apiKey,
    ids: ready.ids,
    calls: () => Atomics.load(view, 0),
    maxInFlight: () => Atomics.load(view, 2),
    async mark() {
      await ask({ type: 'mark' }, 'ok');
    },
    async routes() {
      return (await ask({ type: 'routes' }, 'routes')).routes;
    },
    async setLatency(latencyMs) {
      await ask({ type: 'latency', latencyMs }, 'ok');
    },
    async stock(references) {
      return (await ask({ type: 'stock', references }, 'stock')).quantities;
    },
    async heapMb() {
      return (await ask({ type: 'heap' }, 'heap')).usedMb;
    },
    async close() {
      await worker.terminate();
    },
  };
}
