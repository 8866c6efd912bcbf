import type { StatusWritePlan, WriteContext } from '@passerelle/core';
import { orderSchema } from '@passerelle/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type DemoShop, openSeededShop } from './demo-shop-fixture.js';

const write: WriteContext = { shopId: 'default', settings: {} };
let shop: DemoShop;
afterEach(() => shop.dispose());

function statusPlan(orderId: string, overrides: Partial<StatusWritePlan> = {}): StatusWritePlan {
  return {
    key: orderId,
    orderId,
    status: 'shipped',
    rawStatus: null,
    trackingNumber: null,
    carrier: null,
    replaceReferenceWith: null,
    documentNumber: null,
    notifyCustomer: false,
    at: null,
    ...overrides,
  };
}

describe('orders.list', () => {
  it('filters by contract status and sorts by the chosen date, then id', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    const paid = await adapter.orders.list({ cursor: null, limit: 100, statuses: ['paid', 'processing'] });
    expect(paid.items.every((order) => ['paid', 'processing'].includes(order.status.status))).toBe(true);
    expect(paid.items).toHaveLength(7);
    const created = paid.items.map((order) => order.createdAt);
    expect(created).toEqual([...created].sort());

    const byPaidAt = await adapter.orders.list({ cursor: null, limit: 100, sortBy: 'paidAt' });
    const paidDates = byPaidAt.items.map(
      (order) => order.payments.find((payment) => payment.status === 'completed')?.paidAt,
    );
    expect(paidDates.every(Boolean)).toBe(true);
    expect(paidDates).toEqual([...paidDates].sort());
    // Orders never paid have no payment date: a queue by payment date does not list them.
    expect(byPaidAt.items.some((order) => order.status.status === 'awaiting_payment')).toBe(false);

    const byInvoice = await adapter.orders.list({
      cursor: null,
      limit: 100,
      sortBy: 'invoiceDate',
      since: '2025-05-20T00:00:00Z',
    });
    expect(byInvoice.items.length).toBeGreaterThan(0);
    expect(byInvoice.items.every((order) => (order.invoiceDate ?? '') >= '2025-05-20T00:00:00.000Z')).toBe(true);
  });
});

describe('orders.setStatus', () => {
  it('appends history, records the tracking number as a shipment, keeps the document number', async () => {
    let now = Date.parse('2030-02-01T08:00:00.000Z');
    shop = openSeededShop({ now: () => new Date(now) });
    const { adapter } = shop;
    const before = await adapter.orders.get('21');
    now += 60_000;
    const [outcome] = await adapter.orders.setStatus(
      [
        statusPlan('21', {
          trackingNumber: '6A99999999999',
          carrier: 'Chronopost',
          documentNumber: 'BL2502-0042',
          notifyCustomer: true,
          at: '2030-02-01T07:30:00Z',
        }),
      ],
      write,
    );
    expect(outcome).toMatchObject({ ok: true, id: '21' });
    const after = await adapter.orders.get('21');
    expect(orderSchema.safeParse(after).success).toBe(true);
    expect(after?.status).toEqual({ status: 'shipped', rawStatus: 'shipped' });
    expect(after?.statusHistory).toEqual([
      ...(before?.statusHistory ?? []),
      { status: 'shipped', rawStatus: 'shipped', at: '2030-02-01T07:30:00.000Z' },
    ]);
    expect(after?.trackingNumbers).toEqual(['6A99999999999']);
    expect(after?.documentNumber).toBe('BL2502-0042');
    expect(after?.messages.at(-1)).toMatchObject({ author: 'system', private: true });
    const shipments = (await adapter.shipments.list({ cursor: null, limit: 100 })).items.filter(
      (shipment) => shipment.orderId === '21',
    );
    expect(shipments).toEqual([
      expect.objectContaining({
        trackingNumber: '6A99999999999',
        carrier: { id: '3', name: 'Chronopost' },
        trackingUrl: 'https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT=6A99999999999',
      }),
    ]);
  });

  it('a named platform state is used, and one that means another status is refused', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    const outcomes = await adapter.orders.setStatus(
      [
        statusPlan('21', { status: 'processing', rawStatus: 'Ready for pick-up in store' }),
        statusPlan('24', { status: 'processing', rawStatus: 'shipped' }),
        statusPlan('25', { status: 'processing', rawStatus: 'no-such-state' }),
      ],
      write,
    );
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, false]);
    expect((await adapter.orders.get('21'))?.status).toEqual({ status: 'processing', rawStatus: 'ready_for_pickup' });
  });

  it('reaching a paid state records the payment and issues the invoice, as the back office does', async () => {
    shop = openSeededShop({ now: () => new Date('2030-03-01T12:00:00.000Z') });
    const { adapter } = shop;
    const awaiting = (await adapter.orders.list({ cursor: null, limit: 100, statuses: ['awaiting_payment'] })).items[0];
    expect(awaiting?.payments).toEqual([]);
    const [outcome] = await adapter.orders.setStatus([statusPlan(awaiting?.id ?? '', { status: 'paid' })], write);
    expect(outcome).toMatchObject({ ok: true, note: 'invoice INV-2030-00001 issued' });
    const paid = await adapter.orders.get(awaiting?.id ?? '');
    expect(paid?.payments).toEqual([
      expect.objectContaining({
        status: 'completed',
        amount: { amount: paid?.totals.totalIncl, currency: paid?.currency },
        paidAt: '2030-03-01T12:00:00.000Z',
      }),
    ]);
    expect(paid?.totals.paid).toBe(paid?.totals.totalIncl);
    expect(paid?.invoiceNumber).toBe('INV-2030-00001');
    expect(paid?.invoiceDate).toBe('2030-03-01T12:00:00.000Z');
    const byPaidAt = await adapter.orders.list({
      cursor: null,
      limit: 100,
      sortBy: 'paidAt',
      since: '2030-01-01T00:00:00Z',
    });
    expect(byPaidAt.items.map((order) => order.id)).toEqual([awaiting?.id]);
  });
});

describe('demo controls', () => {
  it('simulateOrder places a contract-valid paid order and takes its items out of stock', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    const before = await adapter.stock.getByReferences(['ACC-BELT']);
    const order = adapter.demo.simulateOrder({ customerId: '2', lines: [{ reference: 'ACC-BELT', quantity: 2 }] });
    expect(orderSchema.safeParse(order).success).toBe(true);
    expect(order).toMatchObject({
      id: '35',
      status: { status: 'paid', rawStatus: 'payment_accepted' },
      customer: { id: '2', isGuest: false },
    });
    expect(order.lines).toEqual([
      expect.objectContaining({ reference: 'ACC-BELT', quantity: 2, unitPriceExcl: '49.17', totalIncl: '118.01' }),
    ]);
    const after = await adapter.stock.getByReferences(['ACC-BELT']);
    expect(after.get('ACC-BELT')?.quantity).toBe((before.get('ACC-BELT')?.quantity ?? 0) - 2);
  });

  it('simulateOrder without options is reproducible and always valid', async () => {
    shop = openSeededShop();
    const first = [
      shop.adapter.demo.simulateOrder(),
      shop.adapter.demo.simulateOrder(),
      shop.adapter.demo.simulateOrder(),
    ];
    await shop.dispose();
    shop = openSeededShop();
    const second = [
      shop.adapter.demo.simulateOrder(),
      shop.adapter.demo.simulateOrder(),
      shop.adapter.demo.simulateOrder(),
    ];
    expect(second.map((order) => [order.reference, order.totals.totalIncl])).toEqual(
      first.map((order) => [order.reference, order.totals.totalIncl]),
    );
    for (const order of second) expect(orderSchema.safeParse(order).success).toBe(true);
  });

  it('touchProduct moves only the update date, through a variant SKU too', async () => {
    shop = openSeededShop({ now: () => new Date('2031-01-01T00:00:00.000Z') });
    const { adapter } = shop;
    const before = await adapter.products.get('1');
    const touched = adapter.demo.touchProduct('TSH-ORGANIC-WHT-L');
    expect(touched?.sourceUpdatedAt).toBe('2031-01-01T00:00:00.000Z');
    expect({ ...touched, sourceUpdatedAt: undefined }).toEqual({ ...before, sourceUpdatedAt: undefined });
    expect(adapter.demo.touchProduct('NOPE')).toBeNull();
  });
});

describe('configuration', () => {
  it('describes the shop and its lookups', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    expect(await adapter.describe()).toMatchObject({
      platform: 'demo-shop',
      platformVersion: '1.0.0',
      apiVersion: 'demo/1',
    });
    const configuration = await adapter.configuration();
    expect(configuration.currencies).toMatchObject({ default: 'EUR', items: [{ code: 'EUR' }, { code: 'CHF' }] });
    expect(configuration.countries?.map((country) => country.code)).toEqual(['FR', 'BE', 'CH', 'US', 'CA']);
    expect(configuration.countries?.find((country) => country.code === 'US')?.states?.length).toBeGreaterThanOrEqual(3);
    expect(configuration.languages?.map((language) => language.code)).toEqual(['en', 'fr']);
    expect(configuration.attributes?.map((attribute) => attribute.name)).toEqual(['Size', 'Colour']);
    expect(configuration.customerGroups?.map((group) => group.reference)).toEqual([
      'CUSTOMER',
      'GUEST',
      'PRO',
      'WHOLESALE',
      'VIP',
    ]);
    expect(new Set(configuration.orderStates?.map((state) => state.status))).toEqual(
      new Set([
        'pending',
        'awaiting_payment',
        'paid',
        'processing',
        'shipped',
        'delivered',
        'completed',
        'on_hold',
        'cancelled',
        'refunded',
        'partially_refunded',
        'failed',
      ]),
    );
    expect(configuration.paymentModules?.find((module) => module.module === 'twint')?.currencies).toEqual(['CHF']);
    expect(configuration.taxes?.find((tax) => tax.id === 'CA-QC-QST')?.rate).toBe('9.975');
    expect(configuration.warehouses?.map((warehouse) => warehouse.id)).toEqual(['paris', 'geneva']);
  });
});
