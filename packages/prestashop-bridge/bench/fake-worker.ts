/**
 * The fake Webservice served over HTTP on 127.0.0.1 from a worker thread, so the bench measures the
 * client's concurrency against a server with its own event loop (as a real shop has), not the fake's CPU.
 *
 * `count` products are seeded (`BENCH-00000`…; 0 = the fixtures' shop only). With `tally: true` (the
 * initial sync) the fake's call log is folded into counts by method and resource after every answer,
 * so a run of hundreds of thousands of calls does not keep every request; ask `summary` for them, or read
 * the shared `counters` the main thread passed.
 */
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { FakePrestashop, type RequestLike } from '../test/fake-prestashop.js';

const { count, latencyMs, tally, counters } = workerData as {
  count: number;
  latencyMs: number;
  tally?: boolean;
  /** Shared with the main thread when `tally` is on: [calls answered, most calls in flight]. */
  counters?: Int32Array;
};
const fake = new FakePrestashop({ latencyMs });
const references: string[] = [];
for (let index = 0; index < count; index++) {
  const reference = `BENCH-${String(index).padStart(5, '0')}`;
  fake.createRecord('products', {
    reference,
    price: '10.000000',
    active: '1',
    id_category_default: '2',
    name: { '1': reference, '2': reference },
    link_rewrite: { '1': reference.toLowerCase(), '2': reference.toLowerCase() },
  });
  references.push(reference);
}

/** `METHOD resource` → calls, and every call, when `tally` is on. */
const counts = new Map<string, number>();
let tallied = 0;
function foldCalls(): void {
  for (const call of fake.calls) {
    const key = `${call.method} ${call.resource}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  tallied += fake.calls.length;
  fake.calls.length = 0;
  if (counters) {
    Atomics.store(counters, 0, tallied);
    Atomics.store(counters, 1, fake.maxInFlight);
  }
}

/** Calls being answered, and their integral over time (call·ms): the mean in flight over a span. */
let serving = 0;
let servingArea = 0;
let servingSince = performance.now();
function stepServing(change: number): void {
  const now = performance.now();
  servingArea += serving * (now - servingSince);
  servingSince = now;
  serving += change;
}

const server = createServer(async (incoming, outgoing) => {
  if (tally) stepServing(1);
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === 'string') headers.set(name, value);
  const url = `http://127.0.0.1${incoming.url ?? '/'}`;
  const method = incoming.method ?? 'GET';
  // A plain object rather than a web Request: the fake reads these five members, and a Request with a
  // body costs more CPU than the fake itself on this hot path.
  const request: RequestLike = {
    url,
    method,
    headers,
    text: async () => body.toString('utf8'),
    formData: () => new Request(url, { method, headers, body }).formData(),
  };
  const response = await fake.fetch(request);
  if (tally) foldCalls();
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  outgoing.end(Buffer.from(await response.arrayBuffer()));
  if (tally) stepServing(-1);
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  parentPort?.postMessage({
    type: 'ready',
    port: typeof address === 'object' && address ? address.port : 0,
    references,
  });
});

parentPort?.on('message', (message: { type: string }) => {
  if (message.type === 'mark') {
    fake.maxInFlight = 0;
    fake.calls.length = 0;
    counts.clear();
    tallied = 0;
    parentPort?.postMessage({ type: 'marked' });
  } else if (message.type === 'stats') {
    const patches = fake.calls.filter((call) => call.method === 'PATCH' && call.resource === 'stock_availables').length;
    const quantities = Object.fromEntries(
      fake.store.all('stock_availables').map((row) => [String(row.fields.id_product), Number(row.fields.quantity)]),
    );
    parentPort?.postMessage({
      type: 'stats',
      calls: fake.calls.length,
      patches,
      maxInFlight: fake.maxInFlight,
      quantities,
    });
  } else if (message.type === 'reset-max') {
    // The most in flight from now on (the shop facts read before a sync go 8 at a time).
    fake.maxInFlight = 0;
    if (counters) Atomics.store(counters, 1, 0);
  } else if (message.type === 'summary') {
    foldCalls();
    stepServing(0);
    parentPort?.postMessage({
      type: 'summary',
      calls: tallied,
      byKind: Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b))),
      maxInFlight: fake.maxInFlight,
      products: fake.store.table('products').size,
      stockRows: fake.store.table('stock_availables').size,
      heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1048576),
      elu: performance.eventLoopUtilization(),
      servingArea,
      at: performance.timeOrigin + performance.now(),
    });
  } else if (message.type === 'close') {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  }
});
