/**
 * The protocol examples in `packages/core/docs/protocol.md` are these exchanges, run against
 * a real listening module over the reference in-memory adapter. The test asserts each answer,
 * then checks the document still shows exactly what the endpoint answers; run it with
 * `UPDATE_PROTOCOL_DOC=1` to rewrite the document after a deliberate protocol change.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  createMemoryAdapter,
  createMemoryStore,
  createModule,
  type PasserelleModule,
  type RunningServer,
  type Store,
} from '@passerelle/core';
import { createManualClock } from '@passerelle/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DOC = new URL('../docs/protocol.md', import.meta.url);
const PASSWORD = 'example-password-2026';

interface Exchange {
  title: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  status: number;
  response: unknown;
}

const exchanges: Exchange[] = [];
let module: PasserelleModule;
let store: Store;
let server: RunningServer;

function scrub(value: unknown): unknown {
  // Cursors are sealed with a per-store secret: shown as a placeholder.
  return JSON.parse(JSON.stringify(value), (key, inner) =>
    ['nextCursor', 'resumeCursor'].includes(key) && typeof inner === 'string' ? '<cursor>' : inner,
  );
}

function trimItems(value: unknown, keep: number): unknown {
  if (!value || typeof value !== 'object' || !Array.isArray((value as { items?: unknown }).items)) return value;
  const items = (value as { items: unknown[] }).items;
  return {
    ...(value as object),
    items: items.slice(0, keep),
    ...(items.length > keep ? { '…': `${items.length - keep} more items` } : {}),
  };
}

async function exchange(
  title: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; auth?: boolean; keep?: number } = {},
) {
  const headers: Record<string, string> = {
    ...(options.auth === false ? {} : { authorization: `Bearer ${PASSWORD}` }),
    ...(options.body ? { 'content-type': 'application/json' } : {}),
    ...(options.headers ?? {}),
  };
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    ...(options.body ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : null;
  exchanges.push({
    title,
    method,
    path: `/passerelle/v1${path}`,
    headers: Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name, name === 'authorization' ? 'Bearer <password>' : value]),
    ),
    ...(options.body ? { body: options.body } : {}),
    status: response.status,
    response: scrub(trimItems(parsed, options.keep ?? 2)),
  });
  return { status: response.status, body: parsed };
}

function render(): string {
  const lines = [
    '# The endpoint protocol (v1), by example',
    '',
    'Every exchange below was made by `test/protocol-examples.test.ts` against a real module over the reference in-memory adapter, and is checked on every test run. Long lists are cut after two items; cursors are opaque and shown as `<cursor>`.',
    '',
  ];
  for (const item of exchanges) {
    lines.push(`## ${item.title}`, '', '```http', `${item.method} ${item.path}`);
    for (const [name, value] of Object.entries(item.headers ?? {})) lines.push(`${name}: ${value}`);
    if (item.body) lines.push('', JSON.stringify(item.body, null, 2));
    lines.push(
      '```',
      '',
      `Answer \`${item.status}\`:`,
      '',
      '```json',
      JSON.stringify(item.response, null, 2),
      '```',
      '',
    );
  }
  return lines.join('\n');
}

beforeAll(async () => {
  const clock = createManualClock('2026-03-02T10:00:00.000Z');
  store = createMemoryStore({ clock });
  module = await createModule({ adapter: createMemoryAdapter(undefined, { now: () => clock.now() }), store, clock });
  await module.settings.setPassword(PASSWORD, 'docs');
  server = await module.listen({ port: 0 });
});

afterAll(async () => {
  await module.close();
  await store.close();
});

describe('protocol examples', () => {
  it('walks every kind of route', async () => {
    expect((await exchange('Liveness: `GET /health` (no credentials)', 'GET', '/health', { auth: false })).status).toBe(
      200,
    );
    expect((await exchange('Refused: no credentials', 'GET', '/orders', { auth: false })).status).toBe(401);
    expect((await exchange('Refused: a secret in the query string', 'GET', '/orders?password=hunter2')).status).toBe(
      401,
    );
    const info = await exchange('Module information: `GET /info`', 'GET', '/info');
    expect(info.body.platform.platform).toBeTruthy();
    expect((await exchange('Lookups: `GET /configuration`', 'GET', '/configuration')).status).toBe(200);
    const queue = await exchange('The order queue: `GET /orders`', 'GET', '/orders?limit=2', { keep: 1 });
    expect(queue.body.items.length).toBeGreaterThan(0);
    const id = queue.body.items[0].id as string;
    expect((await exchange('One order: `GET /orders/{id}`', 'GET', `/orders/${id}`)).status).toBe(200);
    const ack = await exchange('Acknowledge: `POST /orders/acknowledge`', 'POST', '/orders/acknowledge', {
      body: { items: [{ id, documentNumber: 'CO2026-0001' }, { id: '999999' }] },
      headers: { 'idempotency-key': 'ack-2026-03-02-001' },
    });
    expect(ack.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['updated', 'failed']);
    expect(
      (
        await exchange('Put orders back in the queue: `POST /orders/reset`', 'POST', '/orders/reset', {
          body: { ids: [id] },
        })
      ).body.count,
    ).toBe(1);
    const status = await exchange(
      'Status, tracking and document number: `POST /orders/status`',
      'POST',
      '/orders/status',
      {
        body: {
          items: [
            {
              id,
              status: 'shipped',
              trackingNumber: '6A12345678901',
              carrier: 'Colissimo',
              documentNumber: 'BL2026-0001',
            },
          ],
        },
      },
    );
    expect(status.body.results[0].outcome).toBe('updated');
    await module.jobs.run('sweep');
    expect(
      (await exchange('The change journal: `GET /changes`', 'GET', '/changes?limit=2&entities=order')).body.items,
    ).toHaveLength(2);
    expect(
      (await exchange('Customers: `GET /customers`', 'GET', '/customers?withoutOrders=false&limit=1', { keep: 1 }))
        .status,
    ).toBe(200);
    expect((await exchange('Products: `GET /products`', 'GET', '/products?limit=1', { keep: 1 })).status).toBe(200);
    expect((await exchange('Stock: `GET /stock`', 'GET', '/stock?limit=2')).status).toBe(200);
    await module.settings.update({ products: { update: { price: false, name: true } } }, 'docs');
    const products = await exchange('Products batch with the price toggle off: `PUT /products`', 'PUT', '/products', {
      body: {
        items: [
          { reference: 'MUG', name: { en: 'Stoneware mug' }, price: '11.00' },
          { reference: 'NEW-1', name: { en: 'Travel mug' }, price: '14.90' },
        ],
      },
      headers: { 'idempotency-key': 'products-2026-03-02-001' },
    });
    expect(products.body.results[0].withheld).toEqual(['price']);
    const stock = await exchange('Stock batch: `PUT /stock`', 'PUT', '/stock', {
      body: {
        items: [
          { reference: 'MUG', quantity: 40, asOf: '2026-03-02T09:59:00Z' },
          { reference: 'TSHIRT-S', quantity: -2 },
          { reference: 'UNKNOWN', quantity: 1 },
        ],
      },
    });
    expect(stock.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['updated', 'updated', 'failed']);
    expect(
      (
        await exchange('Invalid batch: nothing applied', 'PUT', '/stock', {
          body: { items: [{ reference: 'MUG', quantity: 1.5, colour: 'red' }] },
        })
      ).status,
    ).toBe(422);
    expect(
      (await exchange('Not served by this platform: `501`', 'PUT', '/orders', { body: { items: [] } })).status,
    ).toBe(501);
    expect((await exchange('The activity log: `GET /journal`', 'GET', '/journal?kind=write&limit=2')).status).toBe(200);
  });

  it('is what docs/protocol.md shows', () => {
    const rendered = render();
    if (process.env.UPDATE_PROTOCOL_DOC === '1' || (!process.env.CI && !existsSync(DOC))) writeFileSync(DOC, rendered);
    expect(readFileSync(DOC, 'utf8')).toBe(rendered);
  });
});
