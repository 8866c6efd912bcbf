import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareDecimals, normaliseEmail, type Order, sumDecimals } from '@passerelle/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDolibarrToShop, type SyncState } from '../../dolibarr-to-shop/src/shop-sync.js';
import { ERP_PASSWORD, SHOP_PASSWORD, type Stage, stage } from './e2e-setup.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const worker = join(root, 'examples/shop-to-dolibarr/src/main.ts');
const ORDERS = 30;

function startWorker(context: Stage): {
  child: ChildProcess;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
} {
  const child = spawn(
    process.execPath,
    ['--conditions=passerelle-source', '--import', 'tsx', worker, '--once', '--batch-size=4'],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        SHOP_URL: context.demo.url,
        SHOP_PASSWORD,
        DOLIBARR_MODULE_URL: context.erpUrl,
        DOLIBARR_MODULE_PASSWORD: ERP_PASSWORD,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return { child, exit, output: () => output };
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 15));
  }
}

async function queueOf(context: Stage): Promise<Order[]> {
  const orders: Order[] = [];
  for await (const order of context.shop.orders.pending({ pageSize: 100 })) orders.push(order);
  return orders;
}

describe('shop → Dolibarr → shop, with the worker killed midway', () => {
  let context: Stage;
  let queued: Order[];

  beforeAll(async () => {
    // Each Dolibarr call takes a few milliseconds, as on a real host: the kill lands mid-transfer.
    context = await stage({ latencyMs: 8 });
    const seeded = (await queueOf(context)).length;
    for (let index = seeded; index < ORDERS; index++) context.demo.adapter.demo.simulateOrder();
    queued = await queueOf(context);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
  });

  it(`lands ${ORDERS} orders exactly once, with customers, invoices and payments, across a SIGKILL`, async () => {
    expect(queued).toHaveLength(ORDERS);
    const { fake } = context;
    const orderRows = () => [...fake.context.tables.orders.values()];

    const first = startWorker(context);
    await waitFor(
      () => orderRows().length >= 9 || first.child.exitCode !== null,
      90_000,
      'the first orders to reach Dolibarr',
    );
    first.child.kill('SIGKILL');
    const killed = await first.exit;
    expect(killed.signal, `the worker finished before the kill:\n${first.output()}`).toBe('SIGKILL');
    const landedBeforeKill = orderRows().length;
    expect(landedBeforeKill).toBeLessThan(ORDERS);
    expect((await queueOf(context)).length, 'orders still waiting after the kill').toBeGreaterThan(0);

    const second = startWorker(context);
    const finished = await second.exit;
    expect(finished.code, second.output()).toBe(0);
    expect(second.output()).toMatch(/\[round \d+\]/);
    expect(await queueOf(context), 'the shop queue is empty').toEqual([]);

    // Orders: one per shop order, validated, with the shop's total to the cent.
    const orders = orderRows();
    expect(orders).toHaveLength(ORDERS);
    const refExts = orders.map((row) => row.ref_ext);
    expect(new Set(refExts).size).toBe(ORDERS);
    const byShopId = new Map(queued.map((order) => [order.id, order]));
    for (const row of orders) {
      const shopId = /-o(.+)$/.exec(row.ref_ext ?? '')?.[1] ?? '';
      const source = byShopId.get(shopId);
      expect(source, `Dolibarr order ${row.ref} names shop order ${shopId}`).toBeDefined();
      expect(row.status).toBe(1);
      expect(row.ref_client).toBe(source?.reference);
      const total = sumDecimals(
        row.lines.map((line) => (row.multicurrency_code === 'EUR' ? line.total_ttc : line.multicurrency_total_ttc)),
      );
      expect(
        compareDecimals(total, source?.totals.totalIncl ?? '-1'),
        `order ${row.ref} total ${total} vs shop ${source?.totals.totalIncl}`,
      ).toBe(0);
      expect(row.multicurrency_code).toBe(source?.currency);
    }

    // Customers: one third party per customer email, none twice.
    const emails = [...fake.context.tables.thirdparties.values()].map((row) => normaliseEmail(row.email ?? ''));
    expect(new Set(emails).size).toBe(emails.length);
    expect(new Set(emails)).toEqual(new Set(queued.map((order) => normaliseEmail(order.customer.email))));

    // Invoices: one per order, made from it, validated and paid.
    const invoices = [...fake.context.tables.invoices.values()];
    expect(invoices).toHaveLength(ORDERS);
    expect(new Set(invoices.map((row) => row.fk_order)).size).toBe(ORDERS);
    for (const invoice of invoices) {
      expect(invoice.status, `invoice ${invoice.ref}`).toBe(2);
      expect(invoice.paye).toBe(1);
    }

    // Payments: every completed shop payment once, for its amount.
    const payments = [...fake.context.tables.payments.values()];
    const expected = queued.flatMap((order) => order.payments.filter((payment) => payment.status === 'completed'));
    expect(payments).toHaveLength(expected.length);
    expect(new Set(payments.map((row) => row.ref_ext)).size).toBe(payments.length);
    const paid = sumDecimals(
      payments.flatMap((row) => [
        ...(row.multicurrency_amounts.size ? row.multicurrency_amounts : row.amounts).values(),
      ]),
    );
    expect(compareDecimals(paid, sumDecimals(expected.map((payment) => payment.amount.amount)))).toBe(0);

    // Acknowledgements carry the Dolibarr order number.
    const acks = await context.demo.store.getAcknowledgements(
      context.demo.module.shopId,
      queued.map((order) => order.id),
    );
    expect(acks.size).toBe(ORDERS);
    const refs = new Map(orders.map((row) => [/-o(.+)$/.exec(row.ref_ext ?? '')?.[1], row.ref]));
    for (const [id, ack] of acks) expect(ack.documentNumber, `shop order ${id}`).toBe(refs.get(id));
  }, 240_000);

  it('flows stock, a tracking number and invoice numbers back to the shop', async () => {
    const { fake, shop, erp } = context;
    const target = queued.find((order) => order.status.status === 'paid') as Order;
    expect(target).toBeDefined();
    const dolibarrOrder = [...fake.context.tables.orders.values()].find((row) =>
      row.ref_ext?.endsWith(`-o${target.id}`),
    );
    expect(dolibarrOrder).toBeDefined();
    fake.backOffice.ship(String(dolibarrOrder?.id), 'TRACK-E2E-0001');
    const sku = target.lines[0]?.reference as string;
    const before = (await context.demo.adapter.stock.getByReferences([sku])).get(sku)?.quantity;
    const wanted = (before ?? 0) + 11;
    fake.backOffice.setStock(sku, wanted);

    let state: SyncState = {};
    const store = {
      load: async () => state,
      save: async (next: SyncState) => {
        state = next;
      },
    };
    const summary = await runDolibarrToShop(erp, shop, {
      state: store,
      refreshChanges: async () => void (await context.erpModule.detector.sweep()),
    });
    expect(summary.failures).toEqual([]);

    expect((await context.demo.adapter.stock.getByReferences([sku])).get(sku)?.quantity).toBe(wanted);
    const shipped = await shop.orders.get(target.id);
    expect(shipped.status.status).toBe('shipped');
    expect(shipped.trackingNumbers).toContain('TRACK-E2E-0001');
    const invoice = [...fake.context.tables.invoices.values()].find((row) => row.fk_order === dolibarrOrder?.id);
    expect(shipped.documentNumber).toBe(invoice?.ref);
    expect(summary.statuses.updated).toBe(ORDERS);
    expect(state.changesCursor).toBeTruthy();

    // A second run finds nothing new to say about orders.
    const again = await runDolibarrToShop(erp, shop, {
      state: store,
      push: { stock: false, prices: false },
      refreshChanges: async () => void (await context.erpModule.detector.sweep()),
    });
    expect(again.statuses.updated).toBe(0);
    expect(again.failures).toEqual([]);
  }, 120_000);
});
