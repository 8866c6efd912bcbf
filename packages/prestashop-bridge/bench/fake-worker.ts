/**
 * The fake Webservice served over HTTP on 127.0.0.1 from a worker thread, so the bench measures the
 * client's concurrency against a server with its own event loop (as a real shop has), not the fake's CPU.
 */
import { createServer } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { FakePrestashop, type RequestLike } from '../test/fake-prestashop.js';

const { count, latencyMs } = workerData as { count: number; latencyMs: number };
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

const server = createServer(async (incoming, outgoing) => {
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
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  outgoing.end(Buffer.from(await response.arrayBuffer()));
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
  } else if (message.type === 'close') {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  }
});
