import { compareDecimals, sumDecimals, type WriteContext } from '@passerelle/core';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dolibarrModuleSettingsSchema } from '../src/settings.js';
import { dolibarrSubject } from './conformance-subject.js';
import type { CreateFakeOptions } from './fake-dolibarr.js';
import { line, payment, shopOrder } from './shop-orders.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

function setup(patch: Record<string, unknown> = {}, fakeOptions: CreateFakeOptions = {}) {
  const settings = dolibarrModuleSettingsSchema.parse(patch);
  const subject = dolibarrSubject(server, fakeOptions, settings);
  const write: WriteContext = { shopId: 'shop1', settings };
  const erp = subject.adapter.erp as Required<NonNullable<typeof subject.adapter.erp>>;
  const tables = subject.fake.context.tables;
  const orderByRefExt = (refExt: string) => [...tables.orders.values()].find((row) => row.ref_ext === refExt);
  return { ...subject, settings, write, erp, tables, orderByRefExt };
}

describe('upsertOrders', () => {
  it('creates a validated order: product lines by SKU, shipping on a service made once, the shop reference in ref_client', async () => {
    const { erp, write, tables, orderByRefExt } = setup();
    const [first] = await erp.upsertOrders([shopOrder('1001')], write);
    expect(first).toMatchObject({ key: '1001', ok: true });
    const row = orderByRefExt('pas-shop1-o1001');
    expect(row).toMatchObject({ status: 1, ref_client: 'REF1001', socid: 1 });
    expect(row?.ref).toMatch(/^CO\d{4}-\d{4}$/);
    const refs = row?.lines.map((entry) => tables.products.get(entry.fk_product ?? -1)?.ref);
    expect(refs).toEqual(['MUG-STONE', 'TEA-SENCHA', 'SHIPPING']);
    expect(row?.lines[2]?.label).toBe('Colissimo');

    await erp.upsertOrders(
      [shopOrder('1002', { discounts: [{ name: 'Spring', code: 'SPRING5', totalExcl: '4.17', totalIncl: '5.00' }] })],
      write,
    );
    const services = [...tables.products.values()]
      .filter((product) => product.type === 1)
      .map((product) => product.ref);
    expect(services.sort()).toEqual(['DISCOUNT', 'ROUNDING', 'SHIPPING']);
  });

  it('lands on the shop total to the cent: what Dolibarr rounds differently goes on one rounding line', async () => {
    const { erp, write, orderByRefExt, tables } = setup();
    // 3 × 3.333 rounds per line in Dolibarr; the shop computed on the total.
    const order = shopOrder('1003', { lines: [line('a', 'NTB-A5', 3, '3.333')], shipping: [] });
    const shop = { ...order, totals: { ...order.totals, totalIncl: '12.01' }, roundingDelta: '0.01' };
    await erp.upsertOrders([shop], write);
    const row = orderByRefExt('pas-shop1-o1003');
    expect(compareDecimals(sumDecimals(row?.lines.map((entry) => entry.total_ttc) ?? []), '12.01')).toBe(0);
    const rounding = row?.lines.find((entry) => tables.products.get(entry.fk_product ?? -1)?.ref === 'ROUNDING');
    expect(rounding?.tva_tx).toBe('0');
  });

  it('puts the shop reference into the order number when set so, and keeps the currency and rate', async () => {
    const { erp, tables } = setup({ orders: { lines: { shopReferenceTarget: 'both' } } });
    const write: WriteContext = {
      shopId: 'shop1',
      settings: dolibarrModuleSettingsSchema.parse({ orders: { lines: { shopReferenceTarget: 'both' } } }),
    };
    const order = shopOrder('1004', { currency: 'CHF', conversionRate: '0.9412' });
    await erp.upsertOrders([order], write);
    const row = [...tables.orders.values()].find((entry) => entry.ref_ext === 'pas-shop1-o1004');
    expect(row).toMatchObject({
      ref: 'REF1004',
      ref_client: 'REF1004',
      multicurrency_code: 'CHF',
      multicurrency_tx: '0.9412',
    });
    expect(
      compareDecimals(
        sumDecimals(row?.lines.map((entry) => entry.multicurrency_total_ttc) ?? []),
        order.totals.totalIncl,
      ),
    ).toBe(0);
  });

  it('takes the stock from the warehouse mapped to the carrier', async () => {
    const { erp, tables, fake } = setup();
    const settings = dolibarrModuleSettingsSchema.parse({
      platform: { dolibarr: { carrierWarehouses: { Colissimo: '2' } } },
    });
    const mug = fake.backOffice.productByRef('MUG-STONE');
    const before = mug?.stock.get(2);
    await erp.upsertOrders([shopOrder('1005')], { shopId: 'shop1', settings });
    expect(mug?.stock.get(2)).toBe((before ?? 0) - 2);
    expect([...tables.movements.values()].at(-1)?.warehouse_id).toBe(2);
  });

  it('leaves the order a draft when validation is off', async () => {
    const { erp, orderByRefExt } = setup();
    const settings = dolibarrModuleSettingsSchema.parse({ platform: { dolibarr: { validateOrders: false } } });
    await erp.upsertOrders([shopOrder('1006')], { shopId: 'shop1', settings });
    expect(orderByRefExt('pas-shop1-o1006')).toMatchObject({ status: 0, ref: expect.stringMatching(/^\(PROV/) });
  });

  it('creates nothing twice: a re-send is skipped with the id, and two sends at once make one order', async () => {
    const { erp, write, tables } = setup();
    const [created] = await erp.upsertOrders([shopOrder('1007')], write);
    const [again] = await erp.upsertOrders([shopOrder('1007')], write);
    expect(again).toMatchObject({
      ok: 'skipped',
      id: created?.ok === true ? created.id : 'x',
      reason: expect.stringMatching(/already in Dolibarr as CO/),
    });
    await Promise.all([erp.upsertOrders([shopOrder('1008')], write), erp.upsertOrders([shopOrder('1008')], write)]);
    expect([...tables.orders.values()].filter((row) => row.ref_ext === 'pas-shop1-o1008')).toHaveLength(1);
  });

  it('refuses an order whose customer Dolibarr does not hold, saying what to send first', async () => {
    const { erp, write, tables } = setup();
    const count = tables.orders.size;
    const [outcome] = await erp.upsertOrders(
      [
        shopOrder('1009', {
          customer: { email: 'nobody@example.org', firstName: 'No', lastName: 'Body', isGuest: false },
        }),
      ],
      write,
    );
    expect(outcome).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/PUT \/customers/) });
    expect(tables.orders.size).toBe(count);
  });

  it('finds the customer by email first, then by customer code', async () => {
    const { erp, write, orderByRefExt } = setup();
    await erp.upsertOrders(
      [shopOrder('1010', { customer: { email: 'GUESTS@shop.example', firstName: 'A', lastName: 'B', isGuest: true } })],
      write,
    );
    expect(orderByRefExt('pas-shop1-o1010')?.socid).toBe(3);
    await erp.upsertOrders(
      [
        shopOrder('1011', {
          customer: {
            email: 'new@example.org',
            reference: 'CU2401-00002',
            firstName: 'A',
            lastName: 'B',
            isGuest: false,
          },
        }),
      ],
      write,
    );
    expect(orderByRefExt('pas-shop1-o1011')?.socid).toBe(2);
  });
});

describe('upsertInvoices and upsertPayments', () => {
  it('makes the invoice from the order, validates it, and records payments once on the right bank account', async () => {
    const { erp, tables } = setup();
    const settings = dolibarrModuleSettingsSchema.parse({
      platform: { dolibarr: { bankAccounts: { stripe_official: '2' }, paymentModes: { stripe_official: 'CB' } } },
    });
    const write: WriteContext = { shopId: 'shop1', settings };
    const order = shopOrder('2001');
    await erp.upsertOrders([order], write);
    const [invoice] = await erp.upsertInvoices(
      [
        {
          id: '2001',
          number: 'INV-2001',
          orderId: '2001',
          date: '2025-06-02T10:00:00Z',
          totalExcl: '0',
          totalIncl: order.totals.totalIncl,
          currency: 'EUR',
          status: 'paid',
        },
      ],
      write,
    );
    expect(invoice).toMatchObject({ ok: true });
    const row = [...tables.invoices.values()].find((entry) => entry.ref_ext === 'pas-shop1-i2001');
    expect(row).toMatchObject({ status: 1, ref: expect.stringMatching(/^FA/) });
    expect(row?.fk_order).toBe([...tables.orders.values()].find((entry) => entry.ref_ext === 'pas-shop1-o2001')?.id);

    const paid = payment('p1', '2001', order.totals.totalIncl);
    const [recorded] = await erp.upsertPayments([paid], write);
    expect(recorded).toMatchObject({ ok: true });
    const [again] = await erp.upsertPayments([paid], write);
    expect(again).toMatchObject({ ok: 'skipped' });
    const payments = [...tables.payments.values()].filter((entry) => entry.ref_ext === 'pas-shop1-pp1');
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ accountid: 2, fk_paiement: 6, num_payment: 'ch_p1' });
    expect(row).toMatchObject({ status: 2, paye: 1 });
  });

  it('gives the Dolibarr invoice the shop number when numbers are identical', async () => {
    const { erp, tables } = setup();
    const write: WriteContext = {
      shopId: 'shop1',
      settings: dolibarrModuleSettingsSchema.parse({ platform: { dolibarr: { identicalInvoiceNumbers: true } } }),
    };
    await erp.upsertOrders([shopOrder('2002')], write);
    await erp.upsertInvoices(
      [
        {
          id: '2002',
          number: 'FA2506-0042',
          orderId: '2002',
          date: '2025-06-02T10:00:00Z',
          totalExcl: '0',
          totalIncl: '0',
          currency: 'EUR',
          status: 'issued',
        },
      ],
      write,
    );
    expect([...tables.invoices.values()].find((entry) => entry.ref_ext === 'pas-shop1-i2002')?.ref).toBe('FA2506-0042');
  });

  it('adopts an invoice an interrupted attempt made from the order instead of making a second one', async () => {
    const { erp, write, tables, fake } = setup();
    await erp.upsertOrders([shopOrder('2003')], write);
    const order = [...tables.orders.values()].find((entry) => entry.ref_ext === 'pas-shop1-o2003');
    // The earlier attempt stopped between createfromorder and tagging the invoice.
    await fake.handle(
      new Request(`${fake.url}/api/index.php/invoices/createfromorder/${order?.id}`, {
        method: 'POST',
        headers: { DOLAPIKEY: fake.apiKey },
      }),
    );
    await erp.upsertInvoices(
      [
        {
          id: '2003',
          number: 'INV-2003',
          orderId: '2003',
          date: '2025-06-02T10:00:00Z',
          totalExcl: '0',
          totalIncl: '0',
          currency: 'EUR',
          status: 'issued',
        },
      ],
      write,
    );
    expect([...tables.invoices.values()].filter((entry) => entry.fk_order === order?.id)).toHaveLength(1);
  });

  it('asks for the order, then the invoice, before a payment; skips payments that are not money received', async () => {
    const { erp, write } = setup();
    const [noOrder] = await erp.upsertInvoices(
      [
        {
          id: '9',
          number: 'X',
          orderId: '404',
          date: '2025-06-02T10:00:00Z',
          totalExcl: '0',
          totalIncl: '0',
          currency: 'EUR',
          status: 'issued',
        },
      ],
      write,
    );
    expect(noOrder).toMatchObject({ ok: false, retryable: true, error: expect.stringMatching(/PUT \/orders/) });
    await erp.upsertOrders([shopOrder('2004')], write);
    const [noInvoice] = await erp.upsertPayments([payment('p4', '2004', '10.00')], write);
    expect(noInvoice).toMatchObject({ ok: false, retryable: true, error: expect.stringMatching(/PUT \/invoices/) });
    const [pending] = await erp.upsertPayments([payment('p5', '2004', '10.00', { status: 'pending' })], write);
    expect(pending).toMatchObject({ ok: 'skipped' });
  });

  it('fails a payment Dolibarr refuses alone, with its message', async () => {
    const { erp, write } = setup();
    const order = shopOrder('2005');
    await erp.upsertOrders([order], write);
    await erp.upsertInvoices(
      [
        {
          id: '2005',
          number: 'INV',
          orderId: '2005',
          date: '2025-06-02T10:00:00Z',
          totalExcl: '0',
          totalIncl: '0',
          currency: 'EUR',
          status: 'issued',
        },
      ],
      write,
    );
    const outcomes = await erp.upsertPayments([payment('p6', '2005', '9999.00'), payment('p7', '2005', '1.00')], write);
    expect(outcomes[0]).toMatchObject({ ok: false, error: expect.stringMatching(/higher than remain to pay/) });
    expect(outcomes[1]).toMatchObject({ ok: true });
  });
});
