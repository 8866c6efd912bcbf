/**
 * The module process is killed with SIGKILL at the worst moments, then restarted over the same
 * files: after the cloud read orders but before it acknowledged them; after an acknowledgement was
 * committed but before the answer left; after the platform applied a write but before the module
 * answered. The cloud then does what it does after a lost answer: it retries with the same
 * Idempotency-Key. The platform stand-in logs every write it applies, so "applied once" is counted,
 * not assumed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { type ModuleProcess, startModuleProcess } from './fault-process.js';
import { countOutcomes, createFaultReport } from './fault-report.js';

const PASSWORD = 'sigkill-password-0123456789';
const report = createFaultReport('sigkill');
const dir = mkdtempSync(join(tmpdir(), 'passerelle-sigkill-'));
const files = {
  PASSERELLE_STORE: join(dir, 'store.db'),
  PASSERELLE_PLATFORM: join(dir, 'platform.db'),
  PASSERELLE_PASSWORD: PASSWORD,
};
let running: ModuleProcess | undefined;

afterAll(async () => {
  await running?.kill();
  rmSync(dir, { recursive: true, force: true });
});

async function start(pause: string[] = []): Promise<ModuleProcess> {
  running = await startModuleProcess({ ...files, FAULT_PAUSE: pause.join(',') });
  return running;
}

const headers = (key?: string) => ({
  authorization: `Bearer ${PASSWORD}`,
  'content-type': 'application/json',
  ...(key ? { 'idempotency-key': key } : {}),
});

async function queue(module: ModuleProcess): Promise<string[]> {
  const response = await fetch(`${module.url}/orders?limit=500`, { headers: headers() });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: { id: string }[] }).items.map((order) => order.id);
}

interface Sent {
  status: number;
  body: { results: { key: string; outcome: string }[] };
  replayed: boolean;
}

async function send(module: ModuleProcess, method: string, path: string, body: unknown, key: string): Promise<Sent> {
  const response = await fetch(`${module.url}${path}`, { method, headers: headers(key), body: JSON.stringify(body) });
  return {
    status: response.status,
    body: (await response.json()) as Sent['body'],
    replayed: response.headers.get('idempotent-replayed') === 'true',
  };
}

/** Sends a request the process will die in the middle of: resolves once it has paused, then kills it. */
async function sendAndKill(
  module: ModuleProcess,
  method: string,
  path: string,
  body: unknown,
  key: string,
  point: string,
) {
  const answer = fetch(`${module.url}${path}`, { method, headers: headers(key), body: JSON.stringify(body) }).then(
    (response) => response.status,
    (error: unknown) => (error instanceof Error ? error.name : 'error'),
  );
  await module.waitFor(`PAUSED ${point}`);
  await module.kill();
  // The cloud never got an answer: the connection died with the process.
  expect(typeof (await answer)).toBe('string');
}

function platformLog(): { operation: string; key: string; detail: string | null }[] {
  const db = new Database(files.PASSERELLE_PLATFORM, { readonly: true });
  try {
    return db.prepare('SELECT operation, key, detail FROM write_log ORDER BY seq').all() as {
      operation: string;
      key: string;
      detail: string | null;
    }[];
  } finally {
    db.close();
  }
}

function platformProducts(): { reference: string; quantity: number }[] {
  const db = new Database(files.PASSERELLE_PLATFORM, { readonly: true });
  try {
    return db.prepare('SELECT reference, quantity FROM products ORDER BY id').all() as {
      reference: string;
      quantity: number;
    }[];
  } finally {
    db.close();
  }
}

function platformOrder(id: string): { statusHistory: { status: string }[]; trackingNumbers?: string[] } {
  const db = new Database(files.PASSERELLE_PLATFORM, { readonly: true });
  try {
    const row = db.prepare('SELECT data FROM orders WHERE id = ?').get(id) as { data: string };
    return JSON.parse(row.data) as { statusHistory: { status: string }[]; trackingNumbers?: string[] };
  } finally {
    db.close();
  }
}

function acknowledged(): string[] {
  const db = new Database(files.PASSERELLE_STORE, { readonly: true });
  try {
    return (db.prepare('SELECT order_id FROM acknowledgements ORDER BY order_id').all() as { order_id: string }[]).map(
      (row) => row.order_id,
    );
  } finally {
    db.close();
  }
}

describe('SIGKILL between a platform write and its acknowledgement, then a restart', () => {
  // One story across restarts, each step relying on the files the previous process left.
  let all: string[] = [];

  it('an order read but not acknowledged is read again after the crash', async () => {
    const first = await start(['ack']);
    all = await queue(first);
    expect(all).toHaveLength(6);
    await first.kill();
    const second = await start(['ack']);
    expect(await queue(second)).toEqual(all);
    report.record({
      fault: 'SIGKILL after the cloud read orders, before it acknowledged them',
      injected: 'GET /orders answered 6 orders, then kill -9 of the module process, restart over the same SQLite files',
      observed: 'the restarted module serves the same 6 orders, in the same order: nothing lost',
      items: { sent: 6, outcomes: { 'read again': 6 }, lost: 0, duplicated: 0 },
    });
  });

  it('an acknowledgement committed but never answered: the retry with the same key finds it done, the queue is right', async () => {
    const module = running as ModuleProcess;
    const items = all.slice(0, 2).map((id) => ({ id, documentNumber: `CO-${id}` }));
    await sendAndKill(module, 'POST', '/orders/acknowledge', { items }, 'ack-1', 'ack');
    expect(acknowledged()).toEqual(all.slice(0, 2));

    const restarted = await start(['products.write']);
    const retry = await send(restarted, 'POST', '/orders/acknowledge', { items }, 'ack-1');
    expect(retry.status).toBe(200);
    expect(retry.body.results.map((result) => [result.key, result.outcome])).toEqual(
      all.slice(0, 2).map((id) => [id, 'unchanged']),
    );
    expect(await queue(restarted)).toEqual(all.slice(2));
    expect(acknowledged()).toEqual(all.slice(0, 2));
    report.record({
      fault: 'SIGKILL after an acknowledgement was committed, before the answer',
      injected:
        'POST /orders/acknowledge (2 orders, Idempotency-Key ack-1): the process stops once the store committed, kill -9, restart',
      observed:
        'the acknowledgements survived (committed before answering); the retry with ack-1 answers 200 unchanged x2; GET /orders serves the other 4 only',
      items: { sent: 2, outcomes: countOutcomes(retry.body.results), lost: 0, duplicated: 0 },
    });
  });

  it('a product write applied by the platform but not answered: the retry with the same key creates nothing twice', async () => {
    const module = running as ModuleProcess;
    const items = ['NEW-A', 'NEW-B', 'NEW-C'].map((reference) => ({
      reference,
      name: { en: reference },
      price: '4.20',
    }));
    await sendAndKill(module, 'PUT', '/products', { items }, 'products-1', 'products.write');
    expect(
      platformLog()
        .filter((entry) => entry.operation === 'products.create')
        .map((entry) => entry.key),
    ).toEqual(['NEW-A', 'NEW-B', 'NEW-C']);

    const restarted = await start(['orders.setStatus']);
    const retry = await send(restarted, 'PUT', '/products', { items }, 'products-1');
    expect(retry.status).toBe(200);
    expect(retry.body.results.map((result) => result.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    const replay = await send(restarted, 'PUT', '/products', { items }, 'products-1');
    expect(replay.replayed).toBe(true);
    expect(replay.body).toEqual(retry.body);

    const creates = platformLog().filter((entry) => entry.operation.startsWith('products.'));
    expect(creates.map((entry) => entry.key)).toEqual(['NEW-A', 'NEW-B', 'NEW-C']);
    const references = platformProducts().map((product) => product.reference);
    for (const item of items) expect(references.filter((reference) => reference === item.reference)).toHaveLength(1);
    report.record({
      fault: 'SIGKILL after the platform created products, before the module answered',
      injected:
        'PUT /products (3 new, Idempotency-Key products-1): the platform commits, the process stops, kill -9, restart',
      observed:
        'the retry with products-1 finds the 3 products by reference: 200 unchanged x3, no platform write; a second replay is served from the stored answer; 3 creates in the platform log, one row per reference',
      items: { sent: 3, outcomes: countOutcomes(retry.body.results), lost: 0, duplicated: 0 },
    });
  });

  it('a status write applied but not answered: the retry adds no second history entry or tracking number', async () => {
    const module = running as ModuleProcess;
    const id = all[3] as string;
    const items = [{ id, status: 'shipped', trackingNumber: '6A12345', carrier: 'Colissimo' }];
    await sendAndKill(module, 'POST', '/orders/status', { items }, 'status-1', 'orders.setStatus');

    const restarted = await start(['stock.write']);
    const retry = await send(restarted, 'POST', '/orders/status', { items }, 'status-1');
    expect(retry.status).toBe(200);
    expect(retry.body.results).toEqual([expect.objectContaining({ key: id, outcome: 'unchanged' })]);
    const order = platformOrder(id);
    expect(order.statusHistory.filter((entry) => entry.status === 'shipped')).toHaveLength(1);
    expect(order.trackingNumbers).toEqual(['6A12345']);
    expect(platformLog().filter((entry) => entry.operation === 'orders.setStatus')).toHaveLength(1);
    report.record({
      fault: 'SIGKILL after the platform changed an order status, before the module answered',
      injected:
        'POST /orders/status (shipped + tracking, Idempotency-Key status-1): the platform commits, kill -9, restart',
      observed:
        'the retry with status-1 answers unchanged; the order has one "shipped" history entry and one tracking number; 1 status write in the platform log',
      items: { sent: 1, outcomes: countOutcomes(retry.body.results), lost: 0, duplicated: 0 },
    });
  });

  it('a stock write applied but not answered: the retry leaves the quantities as sent, written once', async () => {
    const module = running as ModuleProcess;
    const items = [
      { reference: 'SEED-00001', quantity: 3 },
      { reference: 'NEW-A', quantity: 17 },
    ];
    await sendAndKill(module, 'PUT', '/stock', { items }, 'stock-1', 'stock.write');

    const restarted = await start();
    const retry = await send(restarted, 'PUT', '/stock', { items }, 'stock-1');
    expect(retry.status).toBe(200);
    expect(retry.body.results.map((result) => result.outcome)).toEqual(['unchanged', 'unchanged']);
    const quantities = new Map(platformProducts().map((product) => [product.reference, product.quantity]));
    expect(quantities.get('SEED-00001')).toBe(3);
    expect(quantities.get('NEW-A')).toBe(17);
    expect(platformLog().filter((entry) => entry.operation === 'stock.write')).toHaveLength(2);

    // Every key replays its stored answer now, and nothing more reaches the platform.
    const before = platformLog().length;
    for (const [method, path, body, key] of [
      [
        'POST',
        '/orders/acknowledge',
        { items: all.slice(0, 2).map((id) => ({ id, documentNumber: `CO-${id}` })) },
        'ack-1',
      ],
      ['PUT', '/stock', { items }, 'stock-1'],
    ] as const) {
      expect((await send(restarted, method, path, body, key)).replayed).toBe(true);
    }
    expect(platformLog()).toHaveLength(before);
    expect(await queue(restarted)).toEqual(all.slice(2));
    await restarted.stop();
    report.record({
      fault: 'SIGKILL after the platform applied stock levels, before the module answered',
      injected: 'PUT /stock (2 absolute quantities, Idempotency-Key stock-1): the platform commits, kill -9, restart',
      observed:
        'the retry with stock-1 answers unchanged x2 (the quantities are already there); 2 stock writes in the platform log; every key then replays with Idempotent-Replayed: true and 0 platform writes',
      items: { sent: 2, outcomes: countOutcomes(retry.body.results), lost: 0, duplicated: 0 },
    });
  });
});
