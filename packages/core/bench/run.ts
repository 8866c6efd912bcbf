/**
 * `npm run bench -w @passerelle/core`: what the endpoint costs, as ratios measured in one run.
 *  1. Authenticated `GET /orders?limit=100` through the whole module (access guard, settings,
 *     queue, acknowledgement filter, order reading rules) against a bare hono handler that
 *     serves the very same JSON bytes: the price of everything Passerelle adds.
 *  2. Durable acknowledgements per second on the SQLite store (synchronous=FULL for acks),
 *     one order per request and 100 per request.
 * Both servers listen on 127.0.0.1; the load generator runs in this process with a fixed
 * number of workers and a fixed duration, so the loops are bounded in count and time.
 * The last output line is `BENCH_JSON {...}`, the row format of the root `bench/README.md`, which
 * `npm run bench` (root) collects into `bench/results.json` and `docs/performance.md`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createMemoryAdapter, createModule, createSqliteStore, demoSeed, type Order } from '@passerelle/core';
import { Hono } from 'hono';

const PASSWORD = 'benchmark-password-0123456789';
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 4000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 8);

function manyOrders(count: number): Order[] {
  const template = (demoSeed().orders ?? [])[0] as Order;
  return Array.from({ length: count }, (_, index) => {
    const at = new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString();
    return {
      ...structuredClone(template),
      id: String(10_000 + index),
      reference: `B${10_000 + index}`,
      createdAt: at,
      updatedAt: at,
      status: { status: 'paid', rawStatus: 'paid' },
    };
  });
}

async function load(
  label: string,
  makeRequest: (worker: number, n: number) => Request,
): Promise<{ label: string; requests: number; perSecond: number; errors: number }> {
  let requests = 0;
  let errors = 0;
  const end = Date.now() + DURATION_MS;
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, worker) => {
      for (let n = 0; Date.now() < end && n < 1_000_000; n++) {
        const response = await fetch(makeRequest(worker, n));
        await response.arrayBuffer();
        if (response.ok) requests++;
        else errors++;
      }
    }),
  );
  return { label, requests, perSecond: (requests / DURATION_MS) * 1000, errors };
}

const dir = mkdtempSync(join(tmpdir(), 'passerelle-bench-'));
const store = createSqliteStore({ path: join(dir, 'bench.db') });
const orders = manyOrders(400);
const module = await createModule({ adapter: createMemoryAdapter({ ...demoSeed(), orders }), store });
await module.settings.setPassword(PASSWORD, 'bench');
const server = await module.listen({ port: 0 });
const auth = { authorization: `Bearer ${PASSWORD}` };

const sample = await fetch(`${server.url}/orders?limit=100`, { headers: auth });
const body = await sample.text();
if (!sample.ok || (JSON.parse(body) as { items: unknown[] }).items.length !== 100)
  throw new Error(`unexpected /orders answer: ${sample.status}`);

const bare = new Hono();
bare.get('/orders', (c) => c.body(body, 200, { 'content-type': 'application/json' }));
const bareServer = serve({ fetch: bare.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise<void>((resolve) =>
  bareServer.listening ? resolve() : bareServer.once('listening', () => resolve()),
);
const barePort = (bareServer.address() as AddressInfo).port;

const results = [];
results.push(await load('bare hono, same JSON', () => new Request(`http://127.0.0.1:${barePort}/orders`)));
results.push(
  await load('module GET /orders?limit=100', () => new Request(`${server.url}/orders?limit=100`, { headers: auth })),
);

const ackOne = await load('ack, 1 order per request', (worker, n) => {
  const order = orders[(worker * 50 + n) % orders.length] as Order;
  return new Request(`${server.url}/orders/acknowledge`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ items: [{ id: order.id, documentNumber: `D${n}` }] }),
  });
});
results.push(ackOne);
const ackHundred = await load('ack, 100 orders per request', (worker, n) => {
  const start = ((worker * 3 + n) * 100) % orders.length;
  const items = orders.slice(start, start + 100).map((order) => ({ id: order.id }));
  return new Request(`${server.url}/orders/acknowledge`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ items }),
  });
});
results.push({ ...ackHundred, label: 'ack, 100 orders per request (acks/s)', perSecond: ackHundred.perSecond * 100 });

const [bareRow, moduleRow] = results;
console.log(
  `\nPasserelle core benchmark (${WORKERS} concurrent workers, ${DURATION_MS} ms per row, Node ${process.version})\n`,
);
console.log('| measure | requests | per second | errors |');
console.log('| --- | ---: | ---: | ---: |');
for (const row of results)
  console.log(`| ${row.label} | ${row.requests} | ${row.perSecond.toFixed(0)} | ${row.errors} |`);
if (bareRow && moduleRow) {
  console.log(`\nmodule / bare hono throughput ratio: ${(moduleRow.perSecond / bareRow.perSecond).toFixed(2)}`);
}
console.log(
  `durable acknowledgements per second: ${ackOne.perSecond.toFixed(0)} (1 per request), ${(ackHundred.perSecond * 100).toFixed(0)} (100 per request)`,
);

bareServer.close();
await module.close();
await store.close();
rmSync(dir, { recursive: true, force: true });

// The machine-readable result, last line of the output, as bench/README.md (root) agrees with every package.
const ackRows = [
  { label: '1 order per request', row: ackOne, factor: 1 },
  { label: '100 orders per request', row: ackHundred, factor: 100 },
];
const benchJson = {
  package: '@passerelle/core',
  rows: [
    ...(bareRow && moduleRow
      ? [
          {
            name: 'GET /orders?limit=100 vs bare hono, same JSON',
            measured: Math.round(moduleRow.perSecond),
            floor: Math.round(bareRow.perSecond),
            ratio: moduleRow.perSecond / bareRow.perSecond,
            unit: 'req/s',
            better: 'higher',
            notes: `authenticated module route (guard, settings, queue, ack filter, order rules) against a bare hono handler serving the same bytes; ${WORKERS} workers, ${DURATION_MS} ms each, 127.0.0.1; errors ${moduleRow.errors}/${bareRow.errors}`,
          },
        ]
      : []),
    ...ackRows.map(({ label, row, factor }) => ({
      name: `durable acks (SQLite, FULL sync), ${label}`,
      measured: Math.round(row.perSecond * factor),
      unit: 'acks/s',
      better: 'higher',
      notes: `${row.requests} requests, ${row.errors} errors`,
    })),
  ],
};
console.log(`BENCH_JSON ${JSON.stringify(benchJson)}`);
