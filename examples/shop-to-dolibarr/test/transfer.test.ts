import { createMemoryStore, createModule, type Order } from '@passerelle/core';
import { createClient } from '@passerelle/core/client';
import { createMemoryAdapter, demoSeed } from '@passerelle/core/testing';
import { createDolibarrModule } from '@passerelle/dolibarr-module';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeDolibarr } from '../../../packages/dolibarr-module/test/fake-dolibarr.js';
import { shopOrder } from '../../../packages/dolibarr-module/test/shop-orders.js';
import { customerFromOrder, invoiceFromOrder, paymentsFromOrder } from '../src/documents-from-order.js';
import type { FlowTypes } from '../src/flow-types.js';
import { runTransfer } from '../src/transfer.js';
import { readWorkerOptions } from '../src/worker-options.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => server.close());

describe('documents from a shop order', () => {
  it('codes a customer by the shop code, else the customer id, else the guest order', () => {
    const order = shopOrder('7');
    expect(customerFromOrder(order, 'WEB-').reference).toBe('WEB-501');
    expect(customerFromOrder({ ...order, customer: { ...order.customer, reference: 'C0042' } }, 'WEB-').reference).toBe(
      'C0042',
    );
    const guest = customerFromOrder(
      { ...order, customer: { email: ' Guest@Example.org ', firstName: 'G', lastName: 'U', isGuest: true } },
      'SHOP-',
    );
    expect(guest).toMatchObject({ reference: 'SHOP-G7', email: 'guest@example.org' });
  });

  it('makes one invoice per order and records completed payments of the trigger statuses only', () => {
    const order = shopOrder('8', {
      payments: [
        {
          id: 'a',
          orderId: '8',
          module: 'paypal',
          name: 'PayPal',
          amount: { amount: '10.00', currency: 'EUR' },
          paidAt: '2025-06-01T10:00:00Z',
          status: 'completed',
        },
        {
          id: 'b',
          orderId: '8',
          module: 'paypal',
          name: 'PayPal',
          amount: { amount: '3.00', currency: 'EUR' },
          paidAt: '2025-06-01T10:00:00Z',
          status: 'failed',
        },
      ],
    });
    expect(invoiceFromOrder(order)).toMatchObject({ id: '8', number: 'INV-8', orderId: '8', status: 'paid' });
    expect(invoiceFromOrder({ ...order, invoiceNumber: null }).number).toBe('REF8');
    expect(paymentsFromOrder(order, ['paid']).map((payment) => payment.id)).toEqual(['a']);
    expect(paymentsFromOrder(order, ['shipped'])).toEqual([]);
  });
});

describe('worker options', () => {
  it('reads flags and variables, and names a bad one', () => {
    expect(readWorkerOptions({}, ['--once', '--batch-size=5'])).toMatchObject({
      once: true,
      batchSize: 5,
      cron: '*/5 * * * *',
      customerCodePrefix: 'WEB-',
    });
    expect(() => readWorkerOptions({ BATCH_SIZE: '0' }, [])).toThrow(/^BATCH_SIZE:/);
    expect(() => readWorkerOptions({ SYNC_CRON: 'often' }, [])).toThrow(/^SYNC_CRON:/);
    expect(() => readWorkerOptions({ PAYMENT_STATUSES: 'paid,settled' }, [])).toThrow(
      /^PAYMENT_STATUSES: unknown status\(es\) settled/,
    );
  });
});

describe('runTransfer', () => {
  it('leaves an order whose customer Dolibarr refuses in the queue, and sends the others', async () => {
    const fake = createFakeDolibarr();
    server.use(...fake.handlers);
    const seed = demoSeed();
    const shopModule = await createModule({ adapter: createMemoryAdapter(seed), store: createMemoryStore() });
    await shopModule.settings.setPassword('shop-password-123456', 'test');
    const shopServer = await shopModule.listen({ port: 0 });
    const erpModule = await createDolibarrModule({
      store: createMemoryStore(),
      dolibarr: { url: fake.url, apiKey: fake.apiKey, retry: 0 },
    });
    await erpModule.settings.setPassword('erp-password-1234567', 'test');
    const erpServer = await erpModule.listen({ port: 0 });
    const shop = createClient<FlowTypes>({ baseUrl: shopServer.url, password: 'shop-password-123456' });
    const erp = createClient<FlowTypes>({ baseUrl: erpServer.url, password: 'erp-password-1234567', retry: 0 });

    const queued: Order[] = [];
    for await (const order of shop.orders.pending()) queued.push(order);
    expect(queued.length).toBeGreaterThanOrEqual(2);
    // Dolibarr refuses the first customer's third party once (a 500 on its creation).
    fake.failNext({ status: 500, match: /POST \/thirdparties/ });
    const progress: number[] = [];
    const summary = await runTransfer(shop, erp, { batchSize: 50, onProgress: (entry) => progress.push(entry.read) });
    expect(summary.failures.length).toBeGreaterThan(0);
    expect(summary.failures.every((failure) => failure.step === 'customer' || failure.step === 'order')).toBe(true);
    expect(summary.acknowledged).toBe(queued.length - summary.failures.length);
    expect(progress.at(-1)).toBe(queued.length);
    const left: Order[] = [];
    for await (const order of shop.orders.pending()) left.push(order);
    expect(left.map((order) => order.id).sort()).toEqual(summary.failures.map((failure) => failure.orderId).sort());

    // The next run sends what was left, and nothing twice.
    const orders = fake.context.tables.orders.size;
    const again = await runTransfer(shop, erp, { batchSize: 50 });
    expect(again.failures).toEqual([]);
    expect(again.acknowledged).toBe(left.length);
    expect(fake.context.tables.orders.size).toBe(orders + left.length);

    await shopServer.close();
    await erpServer.close();
    await shopModule.close();
    await erpModule.close();
  });
});
