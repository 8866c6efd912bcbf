import { afterEach, describe, expect, it } from 'vitest';
import {
  createClient,
  PasserelleBatchError,
  type PasserelleClient,
  PasserelleHttpError,
  PasserelleProtocolError,
  type WriteResult,
} from './index.js';
import { echoResults, startTestServer, type TestServer, validationProblem } from './test-server.js';

const PASSWORD = 'writes-test-password';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const skus = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ reference: `SKU-${index}`, name: `Item ${index}` }));

describe('chunked writes', () => {
  it('splits 1,200 items into 3 requests with distinct keys and returns 1,200 results in order', async () => {
    server = await startTestServer(echoResults);
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });

    const { results } = await client.products.put(skus(1200));

    expect(server.requests.length).toBe(3);
    const sizes = server.requests.map((request) => (JSON.parse(request.body) as { items: unknown[] }).items.length);
    expect(sizes).toEqual([500, 500, 200]);
    const keys = server.requests.map((request) => request.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(3);
    expect(results).toHaveLength(1200);
    expect(results.map((result) => result.key)).toEqual(skus(1200).map((item) => item.reference));
    expect(server.requests.every((request) => request.method === 'PUT' && request.route === '/products')).toBe(true);
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
  });

  it('uses the caller key as is for one chunk, and <key>.<index> per chunk for several', async () => {
    server = await startTestServer(echoResults);
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });

    await client.categories.put([{ reference: 'CAT-1' }], { idempotencyKey: 'sync-42' });
    await client.customers.put(skus(700), { idempotencyKey: 'sync-43' });

    expect(server.requests.map((request) => request.headers['idempotency-key'])).toEqual([
      'sync-42',
      'sync-43.0',
      'sync-43.1',
    ]);
  });

  it('refuses an idempotency key that cannot travel in a header', async () => {
    server = await startTestServer(echoResults);
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });
    await expect(client.products.put(skus(1), { idempotencyKey: 'two\nlines' })).rejects.toBeInstanceOf(TypeError);
    expect(server.requests.length).toBe(0);
  });

  it('sends nothing for an empty batch', async () => {
    server = await startTestServer(echoResults);
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });
    await expect(client.stock.put([])).resolves.toEqual({ results: [] });
    expect(server.requests.length).toBe(0);
  });

  it('reports the applied chunks when a later chunk fails', async () => {
    server = await startTestServer((request, index) =>
      index === 1 ? validationProblem([{ path: 'items.3.name', message: 'Too long' }]) : echoResults(request),
    );
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });

    const error = await client.products.put(skus(1100)).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PasserelleBatchError);
    const batch = error as PasserelleBatchError;
    expect(batch.completed).toHaveLength(500);
    expect(batch.failedChunk).toBe(1);
    expect(batch.chunkCount).toBe(3);
    expect(batch.cause).toBeInstanceOf(PasserelleHttpError);
    expect((batch.cause as PasserelleHttpError).issues[0]?.path).toBe('items.3.name');
    // Chunks are sent one after the other: the third was never sent.
    expect(server.requests.length).toBe(2);
  });

  it('throws the error itself when the first chunk fails', async () => {
    server = await startTestServer(() => validationProblem([{ path: 'items.0.reference', message: 'Required' }]));
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });
    await expect(client.products.put(skus(2))).rejects.toBeInstanceOf(PasserelleHttpError);
  });

  it('refuses an answer whose results do not match the items sent', async () => {
    server = await startTestServer(() => ({ json: { results: [{ key: 'SKU-0', outcome: 'created' }] } }));
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });
    await expect(client.products.put(skus(2))).rejects.toBeInstanceOf(PasserelleProtocolError);
  });
});

describe('write routes', () => {
  type Call = (client: PasserelleClient) => Promise<WriteResult>;
  const cases: [string, string, string, Call][] = [
    ['categories.put', 'PUT', '/categories', (c) => c.categories.put([{ reference: 'R' }])],
    ['products.put', 'PUT', '/products', (c) => c.products.put([{ reference: 'R' }])],
    ['stock.put', 'PUT', '/stock', (c) => c.stock.put([{ reference: 'R', quantity: 3 }])],
    ['prices.put', 'PUT', '/prices', (c) => c.prices.put([{ reference: 'R' }])],
    ['customers.put', 'PUT', '/customers', (c) => c.customers.put([{ reference: 'R' }])],
    ['customerGroups.put', 'PUT', '/customer-groups', (c) => c.customerGroups.put([{ reference: 'R' }])],
    [
      'products.setActive',
      'POST',
      '/products/activation',
      (c) => c.products.setActive([{ reference: 'R', active: false }]),
    ],
    [
      'customers.setActive',
      'POST',
      '/customers/activation',
      (c) => c.customers.setActive([{ reference: 'R', active: true }]),
    ],
    [
      'orders.acknowledge',
      'POST',
      '/orders/acknowledge',
      (c) => c.orders.acknowledge([{ id: 'R', documentNumber: 'CO-1' }]),
    ],
    [
      'orders.setStatus',
      'POST',
      '/orders/status',
      (c) => c.orders.setStatus([{ id: 'R', status: 'shipped', trackingNumber: '1Z' }]),
    ],
    ['erp.putOrders', 'PUT', '/orders', (c) => c.erp.putOrders([{ reference: 'R' }])],
    ['erp.putInvoices', 'PUT', '/invoices', (c) => c.erp.putInvoices([{ reference: 'R' }])],
    ['erp.putPayments', 'PUT', '/payments', (c) => c.erp.putPayments([{ reference: 'R' }])],
  ];

  it.each(cases)('%s sends %s %s with { items } and a key', async (_name, method, route, call) => {
    server = await startTestServer(echoResults);
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });

    const { results } = await call(client);

    expect(results).toEqual([{ key: 'R', outcome: 'created' }]);
    const [request] = server.requests;
    expect(request?.method).toBe(method);
    expect(request?.route).toBe(route);
    expect(Object.keys(JSON.parse(request?.body ?? '{}') as object)).toEqual(['items']);
    expect(request?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('resets all orders in one request, and chunks a long list of ids', async () => {
    server = await startTestServer((request) => {
      const body = JSON.parse(request.body) as { ids?: string[] };
      return { json: body.ids === undefined ? { reset: 12 } : { reset: body.ids.length } };
    });
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });

    await expect(client.orders.reset({ all: true })).resolves.toEqual({ reset: 12 });
    const ids = Array.from({ length: 600 }, (_, index) => String(index));
    await expect(client.orders.reset({ ids })).resolves.toEqual({ reset: 600 });

    expect(server.requests.map((request) => request.route)).toEqual([
      '/orders/reset',
      '/orders/reset',
      '/orders/reset',
    ]);
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ all: true });
    expect(server.requests.every((request) => typeof request.headers['idempotency-key'] === 'string')).toBe(true);
  });
});
