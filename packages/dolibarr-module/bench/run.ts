/**
 * The Dolibarr row of the benchmark: Dolibarr API calls and time per unit of work, against the
 * stateful fake (in-process, so the times are the module's own cost, not a PHP host's).
 * Run with `npm run bench -w @passerelle/dolibarr-module`.
 */
import type { WriteContext } from '@passerelle/core';
import { setupServer } from 'msw/node';
import { createDolibarrAdapter } from '../src/adapter.js';
import { dolibarrModuleSettingsSchema } from '../src/settings.js';
import { createFakeDolibarr } from '../test/fake-dolibarr.js';
import { payment, shopOrder } from '../test/shop-orders.js';

const ORDERS = 50;
const PRODUCTS = 300;
const STOCK_WRITES = 100;

const fake = createFakeDolibarr();
for (let index = 0; index < PRODUCTS; index++) {
  fake.backOffice.addProduct({
    ref: `BENCH-${String(index).padStart(4, '0')}`,
    label: `Bench product ${index}`,
    price: '10.00',
    tvaTx: '20',
    stock: 10,
  });
}
const server = setupServer(...fake.handlers);
server.listen({ onUnhandledRequest: 'error' });
const settings = dolibarrModuleSettingsSchema.parse({});
const adapter = createDolibarrAdapter({ url: fake.url, apiKey: fake.apiKey, settings: () => settings });
const write: WriteContext = { shopId: 'bench', settings };
const erp = adapter.erp as Required<NonNullable<typeof adapter.erp>>;

async function measure(name: string, units: number, work: () => Promise<void>): Promise<string> {
  const calls = fake.calls.length;
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  const used = fake.calls.length - calls;
  return `${name}: ${units} in ${ms.toFixed(0)} ms, ${(used / units).toFixed(1)} Dolibarr calls each (${used} calls, ${(ms / units).toFixed(1)} ms each)`;
}

const orders = Array.from({ length: ORDERS }, (_, index) => shopOrder(String(10_000 + index)));
const rows = [
  await measure('orders in (order, invoice, payment)', ORDERS, async () => {
    for (const order of orders) {
      await erp.upsertOrders([order], write);
      await erp.upsertInvoices(
        [
          {
            id: order.id,
            number: `INV-${order.id}`,
            orderId: order.id,
            date: order.createdAt,
            totalExcl: order.totals.totalExcl,
            totalIncl: order.totals.totalIncl,
            currency: 'EUR',
            status: 'paid',
          },
        ],
        write,
      );
      await erp.upsertPayments([payment(`p${order.id}`, order.id, order.totals.totalIncl)], write);
    }
  }),
  await measure('orders re-sent (found, nothing created)', ORDERS, async () => {
    await erp.upsertOrders(orders, write);
  }),
  await measure('product pages of 100', Math.ceil((PRODUCTS + 10) / 100), async () => {
    let cursor: string | null = null;
    do {
      const page: { nextCursor: string | null } | undefined = await adapter.products?.list({ cursor, limit: 100 });
      cursor = page?.nextCursor ?? null;
    } while (cursor);
  }),
  await measure('absolute stock writes', STOCK_WRITES, async () => {
    const plans = Array.from({ length: STOCK_WRITES }, (_, index) => {
      const reference = `BENCH-${String(index).padStart(4, '0')}`;
      return { key: reference, reference, platformId: null, location: null, quantity: 3 };
    });
    await adapter.stock?.write?.(plans, write);
  }),
];
console.log('dolibarr (fake, in-process)');
for (const row of rows) console.log(`  ${row}`);
server.close();
