import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Order, orderSchema, roundDecimal } from '../contracts/index.js';
import { defaultSettings, type Settings } from '../settings/index.js';
import { groupOrdersByDay } from './group-by-day.js';
import { planStatusUpdate } from './plan-status.js';
import { readOrder } from './read-order.js';

const fixture = (name: string): Order =>
  orderSchema.parse(
    JSON.parse(readFileSync(new URL(`../../test/fixtures/contracts/${name}.json`, import.meta.url), 'utf8')),
  );
const wooOrder = fixture('woocommerce-order-multi-tax');
const guestOrder = fixture('prestashop-guest-order-multi-destination');

function settingsWith(mutate: (settings: Settings) => void): Settings {
  const settings = structuredClone(defaultSettings());
  mutate(settings);
  return settings;
}

describe('roundDecimal', () => {
  it.each([
    ['51.7425', 2, '51.74'],
    ['51.745', 2, '51.75'],
    ['-0.005', 2, '-0.01'],
    ['-0.004', 2, '0.00'],
    ['19.9', 2, '19.90'],
    ['0.99999', 4, '1.0000'],
    ['12.5', 0, '13'],
  ])('%s to %i places is %s', (value, places, expected) => {
    expect(roundDecimal(value, places)).toBe(expected);
  });
});

describe('readOrder', () => {
  const withMessages: Order = {
    ...wooOrder,
    messages: [
      { author: 'customer', private: false, body: 'Leave it at the door', at: '2024-05-21T14:06:00Z' },
      { author: 'employee', private: true, body: 'Fraud check done', at: '2024-05-21T14:08:00Z' },
    ],
  };

  it('keeps no message by default, customer messages or all as set', () => {
    expect(readOrder(withMessages, defaultSettings()).messages).toEqual([]);
    const customer = readOrder(
      withMessages,
      settingsWith((s) => (s.orders.read.messages = 'customer')),
    );
    expect(customer.messages.map((m) => m.body)).toEqual(['Leave it at the door']);
    expect(
      readOrder(
        withMessages,
        settingsWith((s) => (s.orders.read.messages = 'all')),
      ).messages,
    ).toHaveLength(2);
  });

  it('rounds unit prices to the configured precision and never touches totals', () => {
    const order: Order = { ...wooOrder, lines: wooOrder.lines.map((line) => ({ ...line, unitPriceIncl: '51.7425' })) };
    const shaped = readOrder(
      order,
      settingsWith((s) => (s.orders.read.priceDecimals = 2)),
    );
    expect(shaped.lines[0]?.unitPriceIncl).toBe('51.74');
    expect(shaped.totals).toEqual(order.totals);
    expect(
      readOrder(
        order,
        settingsWith((s) => (s.orders.read.priceDecimals = 4)),
      ).lines[0]?.unitPriceIncl,
    ).toBe('51.7425');
  });

  it('puts guest orders on the guest account when one is set', () => {
    expect(guestOrder.guest).toBe(true);
    const shaped = readOrder(
      guestOrder,
      settingsWith((s) => (s.orders.read.guestAccount = 'CLGUEST')),
    );
    expect(shaped.customer.reference).toBe('CLGUEST');
    expect(
      readOrder(
        wooOrder,
        settingsWith((s) => (s.orders.read.guestAccount = 'CLGUEST')),
      ).customer.reference,
    ).toBe(wooOrder.customer.reference);
  });

  it('takes the payment mode from the configured source and maps marketplace modules', () => {
    const order: Order = { ...wooOrder, paymentMethod: { module: 'ps_marketplace', name: 'Ebay payment' } };
    expect(
      readOrder(
        order,
        settingsWith((s) => (s.orders.read.paymentModeSource = 'paymentName')),
      ).paymentMethod.module,
    ).toBe('Ebay payment');
    const custom = settingsWith((s) => (s.orders.read.customPaymentModules = ['EBAY', 'CDISCOUNT']));
    expect(readOrder(order, custom).paymentMethod.module).toBe('EBAY');
  });

  it('does not mutate the order it reads', () => {
    const copy = structuredClone(withMessages);
    readOrder(
      withMessages,
      settingsWith((s) => (s.orders.read.guestAccount = 'X')),
    );
    expect(withMessages).toEqual(copy);
  });
});

describe('planStatusUpdate', () => {
  it('maps the status, carries tracking and the notify default', () => {
    const settings = settingsWith((s) => {
      s.orders.statusUpdate.statusMap = { shipped: '4' };
      s.orders.statusUpdate.notifyCustomer = true;
    });
    const decision = planStatusUpdate({
      item: { id: wooOrder.id, status: 'shipped', trackingNumber: '6A123', carrier: 'Colissimo' },
      order: wooOrder,
      settings,
    });
    expect(decision.action).toBe('write');
    if (decision.action !== 'write') return;
    expect(decision.plan).toMatchObject({
      rawStatus: '4',
      trackingNumber: '6A123',
      carrier: 'Colissimo',
      notifyCustomer: true,
      replaceReferenceWith: null,
    });
    expect(decision.changed).toEqual(['status', 'trackingNumber']);
  });

  it('replaces the reference with the ERP document number only when asked', () => {
    const item = { id: wooOrder.id, status: 'processing' as const, documentNumber: 'BL-2024-0042' };
    const off = planStatusUpdate({ item, order: wooOrder, settings: defaultSettings() });
    expect(off.action === 'write' && off.plan.replaceReferenceWith).toBe(null);
    const on = planStatusUpdate({
      item,
      order: wooOrder,
      settings: settingsWith((s) => (s.orders.statusUpdate.replaceReference = true)),
    });
    expect(on.action === 'write' && on.plan.replaceReferenceWith).toBe('BL-2024-0042');
  });

  it('is unchanged when nothing differs', () => {
    const decision = planStatusUpdate({
      item: { id: wooOrder.id, status: wooOrder.status.status as 'processing' },
      order: wooOrder,
      settings: defaultSettings(),
    });
    expect(decision).toEqual({ action: 'unchanged' });
  });
});

describe('groupOrdersByDay', () => {
  const day = (id: string, createdAt: string, guest: boolean, module = 'cash'): Order => ({
    ...guestOrder,
    id,
    reference: `R${id}`,
    createdAt,
    guest,
    customer: { ...guestOrder.customer, isGuest: guest },
    paymentMethod: { module, name: module },
    payments: [
      {
        ...(guestOrder.payments[0] ?? wooOrder.payments[0]!),
        id: `p${id}`,
        orderId: id,
        module,
        amount: { amount: '10.00', currency: guestOrder.currency },
      },
    ],
  });
  const enabled = settingsWith((s) => {
    s.orders.groupByDay.enabled = true;
    s.orders.groupByDay.groupItems = true;
    s.orders.groupByDay.groupPayments = true;
    s.orders.groupByDay.account = 'CLPOS';
  });
  const orders = [
    day('1', '2026-03-01T09:00:00Z', true),
    day('2', '2026-03-01T15:00:00Z', true, 'card'),
    day('3', '2026-03-01T16:00:00Z', false),
    day('4', '2026-03-02T10:00:00Z', true),
  ];

  it('is off by default: orders pass through', () => {
    expect(groupOrdersByDay(orders, defaultSettings(), new Date('2026-03-03T10:00:00Z')).orders).toHaveLength(4);
  });

  it('merges the guest orders of a closed day, holds back today, passes account orders through', () => {
    const result = groupOrdersByDay(orders, enabled, new Date('2026-03-02T12:00:00Z'));
    expect(result.orders.map((o) => o.id)).toEqual(['3']);
    expect(result.heldBack).toEqual(['4']);
    expect(result.groups).toEqual([{ id: `day-2026-03-01-${guestOrder.currency}`, memberIds: ['1', '2'] }]);
    const [grouped] = result.grouped;
    expect(grouped?.customer.reference).toBe('CLPOS');
    expect(grouped?.groupedOrderIds).toEqual(['1', '2']);
    const lineQuantity = (list: Order['lines']) => list.reduce((sum, line) => sum + line.quantity, 0);
    expect(lineQuantity(grouped?.lines ?? [])).toBe(2 * lineQuantity(guestOrder.lines));
    expect(grouped?.lines.length).toBe(guestOrder.lines.length);
    expect(grouped?.payments.map((p) => [p.module, p.amount.amount])).toEqual([
      ['cash', '10.00'],
      ['card', '10.00'],
    ]);
  });

  it('waits for the cut-off time of the next day', () => {
    const late = settingsWith((s) => {
      Object.assign(s.orders.groupByDay, enabled.orders.groupByDay);
      s.orders.groupByDay.cutoffTime = '06:00';
    });
    expect(groupOrdersByDay(orders, late, new Date('2026-03-02T05:00:00Z')).grouped).toHaveLength(0);
    expect(groupOrdersByDay(orders, late, new Date('2026-03-02T07:00:00Z')).grouped).toHaveLength(1);
  });
});
