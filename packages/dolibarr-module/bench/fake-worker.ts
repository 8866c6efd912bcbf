/**
 * The fake Dolibarr served over HTTP on 127.0.0.1 from a worker thread, so the benchmark measures the
 * module against a server with its own event loop (as a PHP host is), not the fake's CPU on the
 * module's thread. Started by `fake-server.ts`; requests counted in shared memory so the harness can
 * read them synchronously.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { createFakeDolibarr } from '../test/fake-dolibarr.js';
import type { FakeReply, FakeRequest, FakeWorkerData } from './fake-server.js';

const data = workerData as FakeWorkerData;
const fake = createFakeDolibarr({ seed: data.seed, latencyMs: data.latencyMs });
/** [0] requests received, [1] in flight, [2] most in flight at once. */
const counters = new Int32Array(data.counters);

const ids: number[] = [];
for (let index = 0; index < data.products; index++) {
  ids.push(
    fake.backOffice.addProduct({
      ref: `${data.prefix}${String(index).padStart(6, '0')}`,
      label: `Bench product ${index}`,
      price: '10.00',
      tvaTx: '20',
      stock: 10,
    }),
  );
}

async function body(incoming: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const server = createServer(async (incoming, outgoing) => {
  Atomics.add(counters, 0, 1);
  const inFlight = Atomics.add(counters, 1, 1) + 1;
  if (inFlight > Atomics.load(counters, 2)) Atomics.store(counters, 2, inFlight);
  try {
    const payload = await body(incoming);
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers))
      if (typeof value === 'string') headers.set(name, value);
    // The listened path is the fake's own (`/dolibarr/api/index.php/…`): re-rooted on its URL.
    const request = new Request(new URL(incoming.url ?? '/', fake.url), {
      method: incoming.method ?? 'GET',
      headers,
      ...(payload.length && incoming.method !== 'GET' ? { body: payload.toString('utf8') } : {}),
    });
    const response = await fake.handle(request);
    outgoing.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  } catch {
    outgoing.writeHead(500);
    outgoing.end();
  } finally {
    Atomics.sub(counters, 1, 1);
  }
});

let mark = 0;

function answer(message: FakeRequest): FakeReply {
  switch (message.type) {
    case 'latency':
      fake.context.options.latencyMs = message.latencyMs;
      return { type: 'ok' };
    case 'mark':
      mark = fake.calls.length;
      Atomics.store(counters, 2, Atomics.load(counters, 1));
      return { type: 'ok' };
    case 'routes': {
      // Calls since the mark by route, ids folded: `GET /products/{id}` → 1000.
      const routes: Record<string, number> = {};
      for (const call of fake.calls.slice(mark)) {
        const route = `${call.method} ${call.path.replace(/\/\d+(?=\/|$)/g, '/{id}')}`;
        routes[route] = (routes[route] ?? 0) + 1;
      }
      return { type: 'routes', routes };
    }
    case 'stock': {
      const quantities: Record<string, number | null> = {};
      const byRef = new Map([...fake.context.tables.products.values()].map((row) => [row.ref, row]));
      for (const reference of message.references) {
        const row = byRef.get(reference);
        quantities[reference] = row ? [...row.stock.values()].reduce((sum, quantity) => sum + quantity, 0) : null;
      }
      return { type: 'stock', quantities };
    }
    case 'heap':
      return { type: 'heap', usedMb: getHeapStatistics().used_heap_size / 1024 / 1024 };
  }
}

parentPort?.on('message', (message: FakeRequest & { id: number }) => {
  parentPort?.postMessage({ id: message.id, ...answer(message) });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  parentPort?.postMessage({
    id: 0,
    type: 'ready',
    url: `http://127.0.0.1:${port}${new URL(fake.url).pathname}`,
    apiKey: fake.apiKey,
    ids,
  } satisfies FakeReply & { id: number });
});
