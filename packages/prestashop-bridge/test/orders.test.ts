import { orderSchema } from '@passerelle/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type ModuleShop, mergeSettings, moduleShop, settingAt } from './module-harness.js';
import { type TestShop, testShop } from './subject.js';

let shop: TestShop | undefined;
let module: ModuleShop | undefined;
afterEach(async () => {
  shop?.fake.stop();
  await module?.close();
  shop = undefined;
  module = undefined;
});

describe('reading orders', () => {
  it('maps the documented sample order: totals, the line of a combination, the payment found by reference', async () => {
    shop = await testShop();
    const order = orderSchema.parse(await shop.adapter.orders.get('1'));
    expect(order).toMatchObject({
      id: '1',
      reference: 'XKBKNABJK',
      createdAt: '2024-03-02T08:10:00Z',
      invoiceDate: '2024-03-02T08:20:00Z',
      status: { status: 'paid', rawStatus: '2' },
      currency: 'EUR',
      invoiceNumber: '#IN000001',
      paymentMethod: { module: 'ps_wirepayment', name: 'Bank wire' },
      guest: false,
      roundingDelta: '0.00',
      taxInclusive: false,
    });
    expect(order.lines).toEqual([
      {
        id: '1',
        productId: '1',
        variantId: '1',
        reference: 'demo_1_s_white',
        name: 'Hummingbird printed t-shirt (Size: S - Color: White)',
        quantity: 1,
        unitPriceExcl: '23.90',
        unitPriceIncl: '28.68',
        taxLines: [{ name: 'TVA FR 20%', rate: '20', amount: '4.78' }],
        discounts: [],
        totalExcl: '23.90',
        totalIncl: '28.68',
        weight: '0.3',
      },
    ]);
    expect(order.shipping).toEqual([
      {
        name: 'My carrier',
        carrier: { id: '2', name: 'My carrier' },
        totalExcl: '6.00',
        totalIncl: '7.00',
        taxLines: [{ name: 'Shipping tax', rate: '20', amount: '1.00' }],
      },
    ]);
    expect(order.payments).toEqual([
      expect.objectContaining({
        id: '1',
        orderId: '1',
        module: 'ps_wirepayment',
        name: 'Bank wire',
        amount: { amount: '35.68', currency: 'EUR' },
        paidAt: '2024-03-02T08:20:00Z',
      }),
    ]);
    expect(order.statusHistory.map((entry) => [entry.status, entry.rawStatus])).toEqual([
      ['awaiting_payment', '10'],
      ['paid', '2'],
    ]);
    expect(order.messages.map((message) => [message.author, message.body])).toEqual([
      ['customer', 'Could you gift wrap it, please?'],
      ['employee', 'Of course, it will be wrapped.'],
    ]);
    expect(order.billingAddress).toMatchObject({
      type: 'billing',
      city: 'Paris',
      country: 'FR',
      address2: '2nd floor',
    });
  });

  it('splits a line’s GST and QST and reports the cent the shop’s totals do not add up to', async () => {
    shop = await testShop();
    const order = orderSchema.parse(await shop.adapter.orders.get('3'));
    expect(order.lines[0]?.taxLines).toEqual([
      { name: 'GST 5%', rate: '5', amount: '1.90' },
      { name: 'QST 9.975%', rate: '9.975', amount: '3.78' },
    ]);
    expect(order.currency).toBe('CAD');
    expect(order.conversionRate).toBe('1.47');
    expect(order.roundingDelta).toBe('-0.01');
    expect(order.language).toBe('fr');
    expect(order.trackingNumbers).toEqual(['CA123456789']);
    expect(order.shippingDestinations[0]?.address).toMatchObject({ state: 'CA-QC', country: 'CA' });
  });

  it('reads a guest order with its discount, gift wrapping and private note', async () => {
    shop = await testShop();
    const order = orderSchema.parse(await shop.adapter.orders.get('2'));
    expect(order.guest).toBe(true);
    expect(order.customer).toMatchObject({ isGuest: true, email: 'guest.buyer@example.com' });
    expect(order.discounts).toEqual([{ name: 'Welcome -5 €', code: 'WELCOME5', totalExcl: '5.00', totalIncl: '6.00' }]);
    expect(order.wrapping).toEqual({
      totalExcl: '2.00',
      totalIncl: '2.40',
      taxLines: [{ name: 'Gift wrapping tax', rate: '20', amount: '0.40' }],
    });
    expect(order.messages).toEqual([
      { author: 'employee', private: true, body: 'Customer called: leave at reception.', at: '2024-03-05T15:40:00Z' },
    ]);
    expect(order.roundingDelta).toBe('0.00');
  });

  it('reports a line’s own reduction as a discount', async () => {
    shop = await testShop();
    const order = await shop.adapter.orders.get('5');
    expect(order?.lines[0]?.discounts).toEqual([{ name: 'Reduction 10 %', amount: '3.78' }]);
  });

  it('serves the queue by date then id, in the asked statuses, across pages', async () => {
    shop = await testShop();
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const result = await shop.adapter.orders.list({
        cursor,
        limit: 1,
        statuses: ['paid', 'processing', 'shipped'],
        sortBy: 'createdAt',
      });
      ids.push(...result.items.map((order) => order.id));
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    expect(ids).toEqual(['1', '2', '3', '5']);
    const since = await shop.adapter.orders.list({
      cursor: null,
      limit: 10,
      statuses: ['paid'],
      since: '2024-03-09T00:00:00Z',
    });
    expect(since.items.map((order) => order.id)).toEqual(['5']);
    const byInvoice = await shop.adapter.orders.list({ cursor: null, limit: 10, sortBy: 'invoiceDate' });
    expect(byInvoice.items.map((order) => order.id)).toEqual(['1', '2', '3', '5']);
  });

  it('reads a custom state as unknown until platform.prestashop.orderStates maps it', async () => {
    shop = await testShop();
    expect((await shop.adapter.orders.get('4'))?.status).toEqual({ status: 'unknown', rawStatus: '14' });
    shop.adapter.configure({ orderStates: { '14': 'processing' } });
    expect((await shop.adapter.orders.get('4'))?.status).toEqual({ status: 'processing', rawStatus: '14' });
  });

  it('lists invoices, payments and shipments with their orders', async () => {
    shop = await testShop();
    const invoices = await shop.adapter.invoices.list({ cursor: null, limit: 10 });
    expect(invoices.items.map((invoice) => [invoice.number, invoice.orderId, invoice.currency])).toEqual([
      ['#IN000001', '1', 'EUR'],
      ['#IN000002', '3', 'CAD'],
      ['#IN000003', '2', 'EUR'],
      ['#IN000004', '5', 'EUR'],
    ]);
    const payments = await shop.adapter.payments.list({ cursor: null, limit: 10 });
    expect(
      payments.items.map((payment) => [payment.orderId, payment.amount.amount, payment.transactionId ?? null]),
    ).toEqual([
      ['1', '35.68', null],
      ['2', '68.04', 'pi_3OqGuEst'],
      ['3', '55.09', 'pi_3OqQc'],
      ['5', '47.82', 'pi_3OqJane'],
    ]);
    const shipments = await shop.adapter.shipments.list({ cursor: null, limit: 10 });
    expect(shipments.items).toEqual([
      expect.objectContaining({
        id: '3',
        orderId: '3',
        trackingNumber: 'CA123456789',
        trackingUrl: 'https://tracking.example/?number=CA123456789',
        carrier: { id: '2', name: 'My carrier' },
      }),
    ]);
  });
});

describe('status updates (POST /orders/status)', () => {
  it('changes the status through order_histories, never by writing orders.current_state', async () => {
    module = await moduleShop();
    const result = await module.writeOne('POST', '/orders/status', { id: '5', status: 'shipped' });
    expect(result.outcome).toBe('updated');
    expect(module.fake.field('orders', 5, 'current_state')).toBe('4');
    expect(module.fake.count('POST', 'order_histories')).toBe(1);
    const orderWrites = module.fake.calls.filter((call) => call.resource === 'orders' && call.method !== 'GET');
    expect(orderWrites).toEqual([]);
    expect(module.fake.emails).toEqual([]);
  });

  it('writes the tracking number on the order carrier, and emails the customer when notifyCustomer is on', async () => {
    module = await moduleShop(settingAt('orders.statusUpdate.notifyCustomer', true));
    const result = await module.writeOne('POST', '/orders/status', {
      id: '1',
      status: 'shipped',
      trackingNumber: '6A12345678901',
      carrier: 'My carrier',
    });
    expect(result.outcome).toBe('updated');
    expect(module.fake.field('order_carriers', 1, 'tracking_number')).toBe('6A12345678901');
    expect(module.fake.emails.map((email) => email.resource)).toEqual(['order_histories', 'order_carriers']);
    expect(
      module.fake.calls
        .find((call) => call.resource === 'order_histories' && call.method === 'POST')
        ?.query.get('sendemail'),
    ).toBe('1');
  });

  it('replaceReference on: the ERP number becomes the order reference and the payments follow it', async () => {
    module = await moduleShop(settingAt('orders.statusUpdate.replaceReference', true));
    const result = await module.writeOne('POST', '/orders/status', {
      id: '5',
      status: 'shipped',
      documentNumber: 'BL00042',
    });
    expect(result.outcome).toBe('updated');
    expect(module.fake.field('orders', 5, 'reference')).toBe('BL00042');
    expect(module.fake.field('order_payments', 4, 'order_reference')).toBe('BL00042');
    const order = await module.module.adapter.orders.get('5');
    expect(order?.payments.map((payment) => payment.id)).toEqual(['4']);
    expect(order?.documentNumber).toBe('BL00042');
  });

  it('replaceReference off: the reference stays and the document number is kept as a private order message', async () => {
    module = await moduleShop();
    await module.writeOne('POST', '/orders/status', { id: '5', status: 'shipped', documentNumber: 'BL00042' });
    expect(module.fake.field('orders', 5, 'reference')).toBe('JANEORDER');
    expect(
      module.fake.store.all('messages').map((row) => [row.fields.id_order, row.fields.message, row.fields.private]),
    ).toContainEqual(['5', 'ERP document number: BL00042', '1']);
  });

  it('a reference longer than PrestaShop’s 9 characters is not replaced, and the item says so', async () => {
    module = await moduleShop(settingAt('orders.statusUpdate.replaceReference', true));
    const result = await module.writeOne('POST', '/orders/status', {
      id: '5',
      status: 'shipped',
      documentNumber: 'BL-2024-000042',
    });
    expect(result.reason).toContain("longer than PrestaShop's 9 characters: not replaced");
    expect(module.fake.field('orders', 5, 'reference')).toBe('JANEORDER');
    expect(module.fake.field('orders', 5, 'current_state')).toBe('4');
  });

  it('statusMap: a shop state named by the admin is used (by name or id)', async () => {
    module = await moduleShop(settingAt('orders.statusUpdate.statusMap', { processing: 'Ready for pickup' }));
    const result = await module.writeOne('POST', '/orders/status', { id: '5', status: 'processing' });
    expect(result.outcome).toBe('updated');
    expect(module.fake.field('orders', 5, 'current_state')).toBe('14');
  });

  it('a status with no PrestaShop state fails with what to set', async () => {
    module = await moduleShop();
    const result = await module.writeOne('POST', '/orders/status', { id: '5', status: 'on_hold' });
    expect(result.outcome).toBe('failed');
    expect(result.error).toContain('no PrestaShop state stands for "on_hold": map it in orders.statusUpdate.statusMap');
  });

  it('platform.prestashop.orderStates: a custom state reads as its status and joins the queue', async () => {
    module = await moduleShop(mergeSettings(settingAt('platform.prestashop.orderStates', { '14': 'processing' })));
    const answer = await module.call('GET', '/orders?limit=50');
    expect((answer.body as { items: { id: string }[] }).items.map((order) => order.id)).toContain('4');
  });
});
