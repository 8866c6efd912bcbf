import {
  createMemoryStore,
  createModule,
  MAX_BATCH,
  MAX_BODY_BYTES,
  type PasserelleModule,
  PlatformError,
  type RunningServer,
  type Store,
} from '@passerelle/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecordingAdapter, type RecordingAdapter } from './support/recording-adapter.js';

const PASSWORD = 'correct-horse-battery-staple';
const auth = { authorization: `Bearer ${PASSWORD}` };
const json = { ...auth, 'content-type': 'application/json' };

let adapter: RecordingAdapter;
let store: Store;
let module: PasserelleModule;
let server: RunningServer;

async function boot(settings: unknown = {}, options: { password?: boolean } = {}) {
  adapter = createRecordingAdapter();
  store = createMemoryStore();
  module = await createModule({ adapter, store, settings });
  if (options.password !== false) await module.settings.setPassword(PASSWORD, 'test');
  server = await module.listen({ port: 0, host: '127.0.0.1' });
}

const call = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init);
const put = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  call(path, {
    method:
      path.includes('/acknowledge') ||
      path.includes('/reset') ||
      path.includes('/status') ||
      path.includes('/activation')
        ? 'POST'
        : 'PUT',
    headers: { ...json, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

afterEach(async () => {
  await module?.close();
  await store?.close();
});

describe('endpoint on a real listening server', () => {
  beforeEach(() => boot());

  it('answers /health without credentials and without details', async () => {
    const response = await call('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('describes the module in /info with capabilities and sync health', async () => {
    const response = await call('/info', { headers: auth });
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(body).toMatchObject({
      protocol: '1',
      platform: { platform: 'recording', apiVersion: 'test/1' },
      capabilities: { write: { products: true, customers: false } },
    });
    expect(body.health).toHaveProperty('lastChangeSeq', 0);
  });

  it('answers 501 not-supported with the capabilities for what the adapter cannot do', async () => {
    const response = await put('/customers', { items: [{ reference: 'C1', email: 'c@example.com' }] });
    expect(response.status).toBe(501);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect((await response.json()).capabilities.write.customers).toBe(false);
  });

  it('publishes an OpenAPI document generated from the schemas', async () => {
    const body = await (await call('/openapi.json', { headers: auth })).json();
    expect(body.openapi).toBe('3.0.3');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/orders', '/orders/acknowledge', '/products', '/stock', '/changes']),
    );
    expect(body.paths['/products'].put.requestBody.content['application/json'].schema.properties.items.maxItems).toBe(
      MAX_BATCH,
    );
  });
});

describe('access', () => {
  it('answers 503 not-configured until a password exists', async () => {
    await boot({}, { password: false });
    const response = await call('/orders', { headers: auth });
    expect(response.status).toBe(503);
    expect((await response.json()).type).toMatch(/not-configured$/);
  });

  it('refuses missing and wrong credentials, accepts Basic with any user name', async () => {
    await boot();
    expect((await call('/orders')).status).toBe(401);
    expect((await call('/orders', { headers: { authorization: 'Bearer wrong-password-here' } })).status).toBe(401);
    const basic = `Basic ${Buffer.from(`anyone:${PASSWORD}`).toString('base64')}`;
    expect((await call('/orders', { headers: { authorization: basic } })).status).toBe(200);
  });

  it('refuses a password in the query string even when right, and journals it without the secret', async () => {
    await boot();
    const response = await call(`/orders?password=${PASSWORD}`, { headers: auth });
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain(PASSWORD);
    const journal = await (await call('/journal?kind=auth', { headers: auth })).json();
    expect(journal.items.some((entry: { message: string }) => entry.message.includes('secret-in-query'))).toBe(true);
    expect(JSON.stringify(journal)).not.toContain(PASSWORD);
  });

  it('refuses an address outside the allow-list with 403', async () => {
    await boot({ access: { allowedIps: ['10.0.0.0/8', '2001:db8::/32'] } });
    const response = await call('/orders', { headers: auth });
    expect(response.status).toBe(403);
  });

  it('ignores X-Forwarded-For from an untrusted peer, honours it from a trusted proxy', async () => {
    await boot({ access: { allowedIps: ['203.0.113.7'] } });
    expect((await call('/orders', { headers: { ...auth, 'x-forwarded-for': '203.0.113.7' } })).status).toBe(403);
    await module.settings.update({ access: { trustedProxies: ['127.0.0.1'] } }, 'test');
    expect((await call('/orders', { headers: { ...auth, 'x-forwarded-for': '203.0.113.7' } })).status).toBe(200);
  });

  it('throttles repeated failures with 429 and Retry-After', async () => {
    await boot({ access: { throttle: { maxFailures: 3, windowSeconds: 60, blockSeconds: 120 } } });
    const bad = { authorization: 'Bearer not-the-password' };
    expect((await call('/orders', { headers: bad })).status).toBe(401);
    expect((await call('/orders', { headers: bad })).status).toBe(401);
    const third = await call('/orders', { headers: bad });
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    // Blocked now, even with the right password.
    expect((await call('/orders', { headers: auth })).status).toBe(429);
  });
});

describe('bad input: a clear problem, nothing applied', () => {
  beforeEach(() => boot());

  it.each([
    ['malformed JSON', '{"items": [', 422],
    ['an unknown field', { items: [{ reference: 'MUG-1', name: { en: 'Mug' }, colour: 'blue' }] }, 422],
    ['an empty batch', { items: [] }, 422],
  ])('%s is %i and writes nothing', async (_name, body, status) => {
    const response = await put('/products', body);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(adapter.calls).toEqual([]);
  });

  it('names the unknown field by its path', async () => {
    const response = await put('/products', {
      items: [
        { reference: 'MUG-1', name: { en: 'Mug' } },
        { reference: 'X', name: { en: 'X' }, colour: 'blue' },
      ],
    });
    const body = await response.json();
    expect(body.errors).toContainEqual({ path: 'items.1.colour', message: 'unknown field' });
  });

  it('refuses a wrong content type with 415', async () => {
    const response = await call('/products', {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(response.status).toBe(415);
  });

  it('refuses an oversized body with 413', async () => {
    const response = await put('/products', `{"items":[{"reference":"${'x'.repeat(MAX_BODY_BYTES)}"}]}`);
    expect(response.status).toBe(413);
    expect(adapter.calls).toEqual([]);
  });

  it('refuses a batch of 501 items, with the path', async () => {
    const items = Array.from({ length: MAX_BATCH + 1 }, (_, index) => ({ reference: `S${index}`, quantity: 1 }));
    const response = await put('/stock', { items });
    expect(response.status).toBe(422);
    expect((await response.json()).errors[0].path).toBe('items');
  });

  it('refuses a batch that names one item twice', async () => {
    const response = await put('/stock', {
      items: [
        { reference: 'MUG-1', quantity: 1 },
        { reference: 'MUG-1', quantity: 2 },
      ],
    });
    expect(response.status).toBe(422);
    expect((await response.json()).errors[0].path).toBe('items.1');
  });

  it.each(['0', '501', 'abc', '1.5'])('refuses limit=%s', async (limit) => {
    const response = await call(`/orders?limit=${limit}`, { headers: auth });
    expect(response.status).toBe(422);
    expect((await response.json()).errors[0].path).toBe('limit');
  });

  it('refuses a forged cursor and a cursor of another route with 400', async () => {
    expect((await call('/orders?cursor=eyJrIjoib3JkZXJzIn0', { headers: auth })).status).toBe(400);
    const page = await (await call('/orders?limit=1', { headers: auth })).json();
    expect(page.nextCursor).toEqual(expect.any(String));
    expect((await call(`/changes?cursor=${page.nextCursor}`, { headers: auth })).status).toBe(400);
  });
});

describe('the order queue', () => {
  beforeEach(() => boot());

  it('lists only orders in a sync status, page by page without duplicates', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const body: { items: { id: string; status: { status: string } }[]; nextCursor: string | null } = await (
        await call(`/orders?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { headers: auth })
      ).json();
      for (const order of body.items) {
        expect(['paid', 'processing', 'shipped', 'delivered', 'completed']).toContain(order.status.status);
        seen.push(order.id);
      }
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    const expected = adapter.data.orders
      .filter((order) => ['paid', 'processing', 'shipped', 'completed'].includes(order.status.status))
      .map((order) => order.id);
    expect(seen).toEqual(expected);
  });

  it('acknowledges idempotently: known applied, unknown failed alone, then out of the queue until reset', async () => {
    const queue = await (await call('/orders', { headers: auth })).json();
    const [first, second] = queue.items.map((order: { id: string }) => order.id);
    const ack = await put('/orders/acknowledge', {
      items: [{ id: first, documentNumber: 'CO-1' }, { id: 'nope' }, { id: second }],
    });
    expect(ack.status).toBe(200);
    const { results } = await ack.json();
    expect(results.map((result: { outcome: string }) => result.outcome)).toEqual(['updated', 'failed', 'updated']);
    expect(results[1].error).toMatch(/nope/);

    const again = await (await put('/orders/acknowledge', { items: [{ id: first }] })).json();
    expect(again.results[0].outcome).toBe('unchanged');

    const after = await (await call('/orders', { headers: auth })).json();
    expect(after.items.map((order: { id: string }) => order.id)).not.toContain(first);
    expect(after.items).toHaveLength(queue.items.length - 2);

    const reset = await (await put('/orders/reset', { ids: [first, 'nope'] })).json();
    expect(reset).toEqual({ reset: [first], count: 1 });
    const back = await (await call('/orders', { headers: auth })).json();
    expect(back.items.map((order: { id: string }) => order.id)).toContain(first);
  });

  it('writes a status with tracking and reports what changed', async () => {
    const id = adapter.data.orders[0]?.id as string;
    const { results } = await (
      await put('/orders/status', {
        items: [{ id, status: 'shipped', trackingNumber: '6A0001', carrier: 'Colissimo' }],
      })
    ).json();
    expect(results[0]).toMatchObject({ key: id, outcome: 'updated', changed: ['status', 'trackingNumber'] });
    expect(adapter.data.orders[0]?.trackingNumbers).toEqual(['6A0001']);
  });
});

describe('writes: rules, idempotency, one result per item', () => {
  beforeEach(() => boot());

  it('updates only toggled fields and lists the withheld ones', async () => {
    await module.settings.update({ products: { update: { price: false, name: true } } }, 'test');
    const { results } = await (
      await put('/products', { items: [{ reference: 'MUG-1', name: { en: 'Blue mug' }, price: '14.00' }] })
    ).json();
    expect(results[0]).toMatchObject({
      key: 'MUG-1',
      outcome: 'updated',
      id: '1',
      changed: ['name'],
      withheld: ['price'],
    });
    expect(adapter.data.products.get('MUG-1')).toMatchObject({ name: { en: 'Blue mug' }, price: '12.50' });
  });

  it('answers one result per item in order: created, unchanged, failed', async () => {
    const { results } = await (
      await put('/products', {
        items: [
          { reference: 'NEW-1', name: { en: 'New' }, price: '5.00' },
          { reference: 'MUG-1', name: { en: 'Mug' }, price: '12.5' },
          { reference: 'BAD-1', name: { en: 'Refused' } },
        ],
      })
    ).json();
    expect(results.map((result: { key: string; outcome: string }) => [result.key, result.outcome])).toEqual([
      ['NEW-1', 'created'],
      ['MUG-1', 'unchanged'],
      ['BAD-1', 'failed'],
    ]);
    expect(results[2].error).toBe('the platform refused this product');
  });

  it('reports every planned item failed when the platform write throws, and the request still answers 200', async () => {
    adapter.failNextWrite = new PlatformError('PrestaShop answered 500', 500);
    const response = await put('/products', {
      items: [
        { reference: 'NEW-2', name: { en: 'A' } },
        { reference: 'NEW-3', name: { en: 'B' } },
      ],
    });
    expect(response.status).toBe(200);
    const { results } = await response.json();
    expect(results).toEqual([
      { key: 'NEW-2', outcome: 'failed', error: 'PrestaShop answered 500', changed: expect.any(Array) },
      { key: 'NEW-3', outcome: 'failed', error: 'PrestaShop answered 500', changed: expect.any(Array) },
    ]);
  });

  it('applies a write once per Idempotency-Key and refuses the key with another body', async () => {
    const body = { items: [{ reference: 'NEW-9', name: { en: 'Once' } }] };
    const first = await put('/products', body, { 'idempotency-key': 'k-1' });
    const replay = await put('/products', body, { 'idempotency-key': 'k-1' });
    expect(await replay.text()).toBe(await first.text());
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(adapter.calls.filter((c) => c.method === 'products.write')).toHaveLength(1);
    const conflict = await put(
      '/products',
      { items: [{ reference: 'NEW-10', name: { en: 'Other' } }] },
      { 'idempotency-key': 'k-1' },
    );
    expect(conflict.status).toBe(409);
  });

  it('applies the stock policy and skips stale stock writes', async () => {
    const first = await (
      await put('/stock', { items: [{ reference: 'MUG-1', quantity: -4, asOf: '2026-02-01T10:00:00Z' }] })
    ).json();
    expect(first.results[0]).toMatchObject({ outcome: 'updated', changed: ['quantity'] });
    expect(adapter.data.stock.get('MUG-1')?.quantity).toBe(0);
    const stale = await (
      await put('/stock', { items: [{ reference: 'MUG-1', quantity: 9, asOf: '2026-02-01T09:00:00Z' }] })
    ).json();
    expect(stale.results[0]).toMatchObject({ outcome: 'skipped', reason: expect.stringMatching(/^stale/) });
    expect(adapter.data.stock.get('MUG-1')?.quantity).toBe(0);
    const unknown = await (await put('/stock', { items: [{ reference: 'GHOST', quantity: 1 }] })).json();
    expect(unknown.results[0]).toMatchObject({ outcome: 'failed' });
  });

  it('activates and deactivates products by reference', async () => {
    const { results } = await (
      await put('/products/activation', {
        items: [
          { reference: 'MUG-1', active: false },
          { reference: 'TEE-1', active: true },
          { reference: 'NONE', active: true },
        ],
      })
    ).json();
    expect(results.map((r: { outcome: string }) => r.outcome)).toEqual(['updated', 'unchanged', 'failed']);
    expect(adapter.data.products.get('MUG-1')?.active).toBe(false);
  });

  it('journals each write outcome in the activity log', async () => {
    await put('/products', { items: [{ reference: 'NEW-4', name: { en: 'Logged' } }] });
    const journal = await (await call('/journal?kind=write', { headers: auth })).json();
    expect(journal.items).toContainEqual(
      expect.objectContaining({ kind: 'write', entity: 'product', reference: 'NEW-4', outcome: 'created' }),
    );
  });
});

describe('the change journal', () => {
  beforeEach(() => boot());

  it('journals what the sweep sees once, and pages with a resume cursor', async () => {
    await module.jobs.run('sweep');
    const first = await (await call('/changes?limit=500', { headers: auth })).json();
    expect(first.items.length).toBeGreaterThan(10);
    expect(first.nextCursor).toBeNull();
    await module.jobs.run('sweep');
    const none = await (await call(`/changes?cursor=${first.resumeCursor}`, { headers: auth })).json();
    expect(none.items).toEqual([]);
    adapter.data.orders[0]!.status = { status: 'cancelled', rawStatus: 'cancelled' };
    adapter.data.orders[0]!.updatedAt = '2026-06-01T00:00:00.000Z';
    await module.jobs.run('sweep');
    const later = await (await call(`/changes?cursor=${first.resumeCursor}&entities=order`, { headers: auth })).json();
    expect(later.items).toEqual([
      expect.objectContaining({ entity: 'order', id: adapter.data.orders[0]!.id, op: 'updated' }),
    ]);
  });
});
