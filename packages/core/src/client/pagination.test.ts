import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { createClient, type DefaultClientTypes, type Order, PasserelleProtocolError } from './index.js';
import { type FakeResponse, type RecordedRequest, startTestServer, type TestServer } from './test-server.js';

const PASSWORD = 'pagination-test-password';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A queue of `total` orders served in pages of the requested size, with opaque cursors. */
function orderQueue(total: number): (request: RecordedRequest) => FakeResponse {
  return (request) => {
    const limit = Number(request.query.get('limit') ?? '100');
    const cursor = request.query.get('cursor');
    const start = cursor === null ? 0 : Number(Buffer.from(cursor, 'base64url').toString('utf8'));
    const items = Array.from({ length: Math.max(0, Math.min(limit, total - start)) }, (_, offset) => ({
      id: String(start + offset + 1),
      reference: `ORD-${start + offset + 1}`,
    }));
    const next = start + items.length;
    return { json: { items, nextCursor: next < total ? Buffer.from(String(next)).toString('base64url') : null } };
  };
}

describe('orders.pending', () => {
  it('iterates every order over 3 pages, following nextCursor, and stops', async () => {
    server = await startTestServer(orderQueue(7));
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });

    const seen: Order[] = [];
    for await (const order of client.orders.pending({ pageSize: 3 })) seen.push(order);

    expect(seen.map((order) => order.id)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(server.requests.length).toBe(3);
    expect(server.requests.map((request) => request.query.get('limit'))).toEqual(['3', '3', '3']);
    expect(server.requests[0]?.query.has('cursor')).toBe(false);
    expect(server.requests[1]?.query.get('cursor')).toBe(Buffer.from('3').toString('base64url'));
    expect(server.requests.every((request) => request.route === '/orders' && request.method === 'GET')).toBe(true);
  });

  it('sends no further request once the consumer stops iterating', async () => {
    server = await startTestServer(orderQueue(10));
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });

    for await (const order of client.orders.pending({ pageSize: 2 })) {
      if (order.id === '2') break;
    }
    expect(server.requests.length).toBe(1);
  });

  it('yields nothing from an empty queue after one request', async () => {
    server = await startTestServer(orderQueue(0));
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });
    const seen: Order[] = [];
    for await (const order of client.orders.pending()) seen.push(order);
    expect(seen).toEqual([]);
    expect(server.requests.length).toBe(1);
  });
});

describe('pages and lists', () => {
  it('orders.pages exposes each page with its cursor, so a caller can checkpoint', async () => {
    server = await startTestServer(orderQueue(5));
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });
    const cursors: (string | null)[] = [];
    for await (const page of client.orders.pages({ pageSize: 2 })) cursors.push(page.nextCursor);
    expect(cursors).toHaveLength(3);
    expect(cursors[2]).toBeNull();
    expect(typeof cursors[0]).toBe('string');
  });

  it('changes.iterate resumes from a cursor, filters entities and stops when nextCursor is null', async () => {
    server = await startTestServer((request) =>
      request.query.get('cursor') === 'seq-10'
        ? {
            json: {
              items: [
                { seq: 11, entity: 'order', id: '5', reference: null, op: 'updated', at: '2026-01-01T00:00:00.000Z' },
              ],
              nextCursor: 'seq-11',
            },
          }
        : {
            json: {
              items: [
                {
                  seq: 12,
                  entity: 'customer',
                  id: '9',
                  reference: null,
                  op: 'created',
                  at: '2026-01-01T00:00:00.000Z',
                },
              ],
              nextCursor: null,
            },
          },
    );
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });

    const sequences: number[] = [];
    for await (const change of client.changes.iterate({ cursor: 'seq-10', entities: ['order', 'customer'] })) {
      sequences.push(change.seq);
    }

    expect(sequences).toEqual([11, 12]);
    expect(server.requests.map((request) => request.query.get('cursor'))).toEqual(['seq-10', 'seq-11']);
    expect(server.requests.every((request) => request.query.get('entities') === 'order,customer')).toBe(true);
    expect(server.requests[0]?.route).toBe('/changes');
  });

  it('sends the customer filters and the journal filters as query parameters', async () => {
    server = await startTestServer(() => ({ json: { items: [], nextCursor: null } }));
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });

    await client.customers.list({ since: new Date('2025-01-02T03:04:05Z'), withoutOrders: true, limit: 50 });
    await client.journal.list({ level: 'error', kind: 'write', outcome: 'failed' });

    const [customers, journal] = server.requests;
    expect(customers?.route).toBe('/customers');
    expect(customers?.query.get('since')).toBe('2025-01-02T03:04:05.000Z');
    expect(customers?.query.get('withoutOrders')).toBe('true');
    expect(customers?.query.get('limit')).toBe('50');
    expect(journal?.route).toBe('/journal');
    expect(Object.fromEntries(journal?.query ?? [])).toEqual({ level: 'error', kind: 'write', outcome: 'failed' });
  });

  it.each([
    ['products', '/products'],
    ['stock', '/stock'],
    ['categories', '/categories'],
    ['invoices', '/invoices'],
    ['payments', '/payments'],
  ] as const)('%s.iterate reads %s to the end', async (resource, route) => {
    server = await startTestServer((request) =>
      request.query.has('cursor')
        ? { json: { items: [{ id: 'b' }], nextCursor: null } }
        : { json: { items: [{ id: 'a' }], nextCursor: 'next' } },
    );
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });
    const ids: unknown[] = [];
    for await (const item of client[resource].iterate()) ids.push(item.id);
    expect(ids).toEqual(['a', 'b']);
    expect(server.requests.map((request) => request.route)).toEqual([route, route]);
  });

  it('gets one order by id, encoding it in the path', async () => {
    server = await startTestServer((request) => ({
      json: { id: decodeURIComponent(request.route.split('/')[2] ?? '') },
    }));
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });
    await expect(client.orders.get('A/1 2')).resolves.toEqual({ id: 'A/1 2' });
    expect(server.requests[0]?.route).toBe('/orders/A%2F1%202');
  });

  it('refuses a page size outside 1..500 without sending a request', async () => {
    server = await startTestServer(() => ({ json: { items: [], nextCursor: null } }));
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });
    await expect(client.orders.list({ limit: 0 })).rejects.toBeInstanceOf(RangeError);
    await expect(client.orders.list({ limit: 501 })).rejects.toBeInstanceOf(RangeError);
    await expect(client.products.iterate({ pageSize: 2.5 }).next()).rejects.toBeInstanceOf(RangeError);
    expect(server.requests.length).toBe(0);
  });
});

describe('protocol checks', () => {
  it('stops with a protocol error when the cursor does not move', async () => {
    server = await startTestServer(() => ({ json: { items: [{ id: '1' }], nextCursor: 'same' } }));
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });
    const seen: unknown[] = [];
    const run = async () => {
      for await (const order of client.orders.pending({ cursor: 'start' })) seen.push(order);
    };
    await expect(run()).rejects.toBeInstanceOf(PasserelleProtocolError);
    expect(server.requests.length).toBe(2);
  });

  it('refuses an answer without an items array, and a 200 that is not JSON', async () => {
    server = await startTestServer((request) =>
      request.route === '/orders' ? { json: { orders: [] } } : { text: '<html>maintenance</html>' },
    );
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });
    await expect(client.orders.list()).rejects.toBeInstanceOf(PasserelleProtocolError);
    await expect(client.info()).rejects.toBeInstanceOf(PasserelleProtocolError);
  });
});

describe('typed entities', () => {
  it('takes the contract types as a type parameter', async () => {
    interface ContractOrder {
      id: string;
      reference: string;
      totalIncl: string;
    }
    type Types = Omit<DefaultClientTypes, 'order'> & { order: ContractOrder };
    server = await startTestServer(() => ({
      json: { items: [{ id: '1', reference: 'R1', totalIncl: '19.90' }], nextCursor: null },
    }));
    const client = createClient<Types>({ baseUrl: server.baseUrl, password: PASSWORD });

    const totals: string[] = [];
    for await (const order of client.orders.pending()) {
      expectTypeOf(order).toEqualTypeOf<ContractOrder>();
      totals.push(order.totalIncl);
    }
    expect(totals).toEqual(['19.90']);
  });
});
