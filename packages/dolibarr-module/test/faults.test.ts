import type { Invoice, PlannedWrite, ProductWrite, StockWritePlan, WriteContext, WriteOutcome } from '@passerelle/core';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDolibarrAdapter } from '../src/adapter.js';
import { dolibarrModuleSettingsSchema } from '../src/settings.js';
import { createFakeDolibarr, type FaultSpec } from './fake-dolibarr.js';
import { payment, shopOrder } from './shop-orders.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const settings = dolibarrModuleSettingsSchema.parse({});
const write: WriteContext = { shopId: 'shop1', settings };

function setup() {
  const fake = createFakeDolibarr();
  server.resetHandlers(...fake.handlers);
  const notices: string[] = [];
  const adapter = createDolibarrAdapter({
    url: fake.url,
    apiKey: fake.apiKey,
    settings: () => settings,
    timeoutMs: 150,
    retry: { limit: 2, delay: () => 1, jitter: false },
    onNotice: (notice) => notices.push(notice),
  });
  const erp = adapter.erp as Required<NonNullable<typeof adapter.erp>>;
  const stock = adapter.stock as Required<NonNullable<typeof adapter.stock>>;
  const products = adapter.products as Required<NonNullable<typeof adapter.products>>;
  return { fake, adapter, erp, stock, products, notices, tables: fake.context.tables };
}

/** A fault, and what the item it spoils must end as: written, or failed with a reason and `retryable`. */
interface Case {
  name: string;
  fault: Omit<FaultSpec, 'method' | 'path' | 'skip'>;
  expect: { ok: true } | { ok: false; error: RegExp; retryable: boolean };
}

const cases: Case[] = [
  {
    name: '429 with Retry-After (waited for, then sent again: Dolibarr did nothing)',
    fault: { kind: 'status', status: 429, retryAfter: 0 },
    expect: { ok: true },
  },
  {
    name: '500 (not replayed: a POST that failed may have half-applied)',
    fault: { kind: 'status', status: 500 },
    expect: { ok: false, error: /answered 500: Internal Server Error/, retryable: true },
  },
  {
    name: '503 maintenance HTML page',
    fault: { kind: 'maintenance', retryAfter: 0 },
    expect: { ok: false, error: /answered 503: an HTML page \("503 Service Unavailable"\)/, retryable: true },
  },
  {
    name: 'a timeout after Dolibarr applied the write',
    fault: { kind: 'timeout', hangMs: 400 },
    expect: { ok: false, error: /timed out: it may have been applied/, retryable: true },
  },
  {
    name: 'JSON cut short after Dolibarr applied the write',
    fault: { kind: 'truncated' },
    expect: { ok: false, error: /answered 200 with JSON cut short .*may have been applied/, retryable: true },
  },
  {
    name: 'a PHP warning printed before the JSON (display_errors), answered 200',
    fault: { kind: 'php-warning' },
    expect: { ok: true },
  },
  {
    name: 'a PHP fatal error page answered 200 after the write',
    fault: { kind: 'php-fatal' },
    expect: { ok: false, error: /printed a PHP error instead of JSON \(Fatal error: Uncaught Error/, retryable: false },
  },
  {
    name: 'Dolibarr’s own Restler error for one item',
    fault: { kind: 'status', status: 400, message: 'Bad Request: ErrorBadValueForParameter' },
    expect: { ok: false, error: /answered 400: Bad Request: ErrorBadValueForParameter/, retryable: false },
  },
];

/** Every item has an outcome; the spoiled one ends as the case says, the others are written. */
function checkOutcomes(outcomes: WriteOutcome[], keys: string[], expected: Case['expect']) {
  expect(outcomes.map((outcome) => outcome.key)).toEqual(keys);
  const failed = outcomes.filter((outcome) => outcome.ok === false);
  for (const outcome of failed) {
    if (outcome.ok !== false) continue;
    expect(expected.ok).toBe(false);
    if (expected.ok === false) {
      expect(outcome.error).toMatch(expected.error);
      expect(outcome.retryable).toBe(expected.retryable);
    }
  }
  if (expected.ok === false) expect(failed.length).toBeGreaterThanOrEqual(1);
  expect(failed.length).toBeLessThanOrEqual(1);
  return failed.map((outcome) => outcome.key);
}

describe('a fault in the middle of a stock batch', () => {
  it.each(cases)('$name: every item has an outcome, re-sent items land once', async ({ fault, expect: wanted }) => {
    const { stock, fake, tables } = setup();
    const refs = ['MUG-STONE', 'TEA-SENCHA', 'CANDLE-FIG', 'NTB-A5'];
    const targets: Record<string, number> = { 'MUG-STONE': 33, 'TEA-SENCHA': 90, 'CANDLE-FIG': 20, 'NTB-A5': 7 };
    const plans: StockWritePlan[] = refs.map((reference) => ({
      key: reference,
      reference,
      platformId: null,
      location: null,
      quantity: targets[reference] as number,
    }));
    fake.fault({ ...fault, method: 'POST', path: /^\/stockmovements$/, skip: 1 });
    const outcomes = await stock.write(plans, write);
    const failed = checkOutcomes(outcomes, refs, wanted);
    expect(fake.pendingFaults()).toBe(0);

    const again = await stock.write(
      plans.filter((plan) => failed.includes(plan.key)),
      write,
    );
    expect(again.every((outcome) => outcome.ok === true)).toBe(true);
    const stockOf = (ref: string) => {
      const row = [...tables.products.values()].find((product) => product.ref === ref);
      return [...(row?.stock.values() ?? [])].reduce((sum, quantity) => sum + quantity, 0);
    };
    for (const ref of refs) expect(stockOf(ref), ref).toBe(targets[ref]);
    // Once each: one movement per product, none replayed.
    const movedProducts = [...tables.movements.values()].filter((movement) => movement.label.startsWith('Passerelle'));
    expect(movedProducts).toHaveLength(refs.length);
  });
});

function createPlan(reference: string, quantity: number): PlannedWrite<ProductWrite> {
  const data: ProductWrite = { reference, name: { en: `New ${reference}` }, price: '9.50', quantity, active: true };
  return { key: reference, action: 'create', platformId: null, data, incoming: data, directives: {} };
}

describe('a fault in the middle of a product write batch', () => {
  it.each(cases)('$name: one product per reference after re-sending', async ({ fault, expect: wanted }) => {
    const { products, fake, tables } = setup();
    const refs = ['NEW-1', 'NEW-2', 'NEW-3'];
    const plans = refs.map((ref, index) => createPlan(ref, 5 + index));
    fake.fault({ ...fault, method: 'POST', path: /^\/products$/, skip: 1 });
    const outcomes = await products.write(plans, write);
    const failed = checkOutcomes(outcomes, refs, wanted);
    expect(fake.pendingFaults()).toBe(0);

    const again = await products.write(
      plans.filter((plan) => failed.includes(plan.key)),
      write,
    );
    expect(again.every((outcome) => outcome.ok === true)).toBe(true);
    refs.forEach((ref, index) => {
      const rows = [...tables.products.values()].filter((product) => product.ref === ref);
      expect(rows, ref).toHaveLength(1);
      expect(rows[0]?.price).toBe('9.50');
      expect([...(rows[0]?.stock.values() ?? [])].reduce((sum, quantity) => sum + quantity, 0)).toBe(5 + index);
    });
  });
});

const totalOf = (lines: { total_ttc: string }[]) =>
  Math.round(lines.reduce((sum, entry) => sum + Number(entry.total_ttc), 0) * 100) / 100;

function invoiceOf(id: string, totalIncl: string): Invoice {
  return {
    id,
    number: `INV-${id}`,
    orderId: id,
    date: '2025-06-02T10:00:00Z',
    totalExcl: '0',
    totalIncl,
    currency: 'EUR',
    status: 'paid',
  } as Invoice;
}

describe('a fault in the middle of the orders-in flow (order, invoice, payment)', () => {
  it.each(cases)('$name: one order, one invoice, one payment per shop order', async ({ fault, expect: wanted }) => {
    const { erp, fake, tables } = setup();
    const ids = ['3001', '3002', '3003'];
    const orders = ids.map((id) => shopOrder(id));
    const invoices = orders.map((order) => invoiceOf(order.id, order.totals.totalIncl));
    const payments = orders.map((order) => payment(`p${order.id}`, order.id, order.totals.totalIncl));

    // Each stage meets its fault in the middle of its batch; what failed is re-sent before the next stage.
    const stage = async <T extends { id: string }>(
      items: T[],
      path: RegExp,
      send: (batch: T[]) => Promise<WriteOutcome[]>,
    ) => {
      fake.fault({ ...fault, method: 'POST', path, skip: 1 });
      const failed = checkOutcomes(
        await send(items),
        items.map((item) => item.id),
        wanted,
      );
      expect(fake.pendingFaults()).toBe(0);
      const resent = await send(items.filter((item) => failed.includes(item.id)));
      for (const outcome of resent) expect(outcome.ok, JSON.stringify(outcome)).not.toBe(false);
    };
    await stage(orders, /^\/orders$/, (batch) => erp.upsertOrders(batch, write));
    await stage(invoices, /^\/invoices\/createfromorder\/\d+$/, (batch) => erp.upsertInvoices(batch, write));
    await stage(payments, /^\/invoices\/paymentsdistributed$/, (batch) => erp.upsertPayments(batch, write));

    for (const [index, id] of ids.entries()) {
      const order = [...tables.orders.values()].filter((row) => row.ref_ext === `pas-shop1-o${id}`);
      expect(order, id).toHaveLength(1);
      expect(order[0]?.status).toBe(1);
      expect(totalOf(order[0]?.lines ?? [])).toBe(Number(orders[index]?.totals.totalIncl));
      const contacts = (order[0]?.contacts ?? []).map(([contact, type]) => `${contact}/${type}`);
      expect(new Set(contacts).size).toBe(contacts.length);
      const invoicesOfOrder = [...tables.invoices.values()].filter((row) => row.fk_order === order[0]?.id);
      expect(invoicesOfOrder, id).toHaveLength(1);
      expect(invoicesOfOrder[0]).toMatchObject({ ref_ext: `pas-shop1-i${id}`, status: 2, paye: 1 });
      const paid = [...tables.payments.values()].filter((row) => row.ref_ext === `pas-shop1-pp${id}`);
      expect(paid, id).toHaveLength(1);
    }
  });

  it('an order whose answer was lost is completed on re-send (rounding line, validation), not left a draft', async () => {
    const { erp, fake, tables } = setup();
    const order = shopOrder('3101');
    const odd = { ...order, totals: { ...order.totals, totalIncl: '40.08' } };
    fake.fault({ kind: 'timeout', hangMs: 400, method: 'POST', path: /^\/orders$/ });
    const [first] = await erp.upsertOrders([odd], write);
    expect(first).toMatchObject({ ok: false, retryable: true });
    const [second] = await erp.upsertOrders([odd], write);
    expect(second).toMatchObject({ ok: true, note: expect.stringMatching(/completed the order/) });
    const rows = [...tables.orders.values()].filter((row) => row.ref_ext === 'pas-shop1-o3101');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.status).toBe(1);
    expect(totalOf(rows[0]?.lines ?? [])).toBe(40.08);
  });
});

describe('reads and notices', () => {
  it('a PHP warning before the JSON is read through and reported to onNotice', async () => {
    const { products, fake, notices } = setup();
    fake.fault({ kind: 'php-warning', method: 'GET', path: /^\/products$/ });
    const page = await products.list({ cursor: null, limit: 2 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(notices[0]).toMatch(/printed PHP output before its JSON: Warning: Undefined array key/);
  });

  it('a read cut short is asked for again and succeeds', async () => {
    const { products, fake } = setup();
    fake.fault({ kind: 'truncated', method: 'GET', path: /^\/products$/ });
    const page = await products.list({ cursor: null, limit: 2 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(fake.count({ method: 'GET', path: /^\/products$/ })).toBeGreaterThanOrEqual(2);
  });
});
