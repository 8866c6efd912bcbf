import { expect } from 'vitest';
import { capabilitiesOf } from '../adapter.js';
import { addDecimals, compareDecimals, type Product, type StockLevel } from '../contracts/index.js';
import {
  CONFORMANCE_PASSWORD,
  expectResults,
  type ModuleCheck,
  type ModuleCheckContext,
  readQueue,
} from './module-check-context.js';
import { walkPages } from './read-entities.js';
import type { CheckHooks } from './register-checks.js';

const UNKNOWN_ORDER_FALLBACK = '999999999';

function unknownOrderId(context: ModuleCheckContext): string {
  return context.fixtures.unknownIds?.orders ?? UNKNOWN_ORDER_FALLBACK;
}

function fixture(context: ModuleCheckContext, name: 'simpleProduct' | 'statusOrderId', key: string): string {
  const value = context.fixtures[name];
  if (!value) throw new Error(`conformance: fixtures.${name} is missing. Add it, or skip '${key}' with the reason.`);
  return value;
}

/** The queue needs order reads; without them the endpoint must say so and capabilities must agree. */
async function requireOrders(context: ModuleCheckContext, hooks: CheckHooks): Promise<boolean> {
  if (context.adapter.orders) return true;
  expect(capabilitiesOf(context.adapter).read.orders, 'capabilities.read.orders').toBe(false);
  const answer = await context.call('GET', '/orders');
  expect(answer.status, 'GET /orders without order reads').toBe(501);
  await hooks.note('the adapter does not read orders: the endpoint answers 501');
  return false;
}

/** Two orders of the queue, which the acknowledge and reset checks move in and out of it. */
async function twoQueued(context: ModuleCheckContext): Promise<[string, string]> {
  const queue = await readQueue(context);
  expect(queue.length, 'the fake needs at least two orders in a synchronised status').toBeGreaterThanOrEqual(2);
  return [queue[0] as string, queue[1] as string];
}

export const moduleChecks: ModuleCheck[] = [
  {
    title: 'access: the password is required, /info describes the adapter, no answer or journal line holds it',
    keys: ['access'],
    async run(context) {
      await context.module();
      const health = await context.call('GET', '/health', { authorization: null });
      expect(health.status, 'GET /health needs no password').toBe(200);
      const anonymous = await context.call('GET', '/info', { authorization: null });
      expect(anonymous.status, 'GET /info without a password').toBe(401);
      expect(anonymous.contentType, 'a refusal is problem+json').toMatch(/application\/problem\+json/);
      const wrong = await context.call('GET', '/info', { authorization: 'Bearer not-the-password-at-all' });
      expect(wrong.status, 'GET /info with a wrong password').toBe(401);

      const info = await context.call('GET', '/info');
      expect(info.status, 'GET /info with the password').toBe(200);
      const body = info.body as { platform: { platform: string }; capabilities: unknown };
      expect(body.platform.platform, '/info platform').toBe((await context.adapter.describe()).platform);
      expect(body.capabilities, '/info capabilities').toEqual(capabilitiesOf(context.adapter));
      const journal = await context.call('GET', '/journal');
      for (const answer of [anonymous, wrong, info, journal]) {
        expect(JSON.stringify(answer.body), 'an answer leaks the password').not.toContain(CONFORMANCE_PASSWORD);
      }
    },
  },
  {
    title: 'GET /orders: exactly the orders in a synchronised status that are not acknowledged',
    keys: ['queue'],
    async run(context, hooks) {
      const module = await context.module();
      if (!(await requireOrders(context, hooks))) return;
      const orders = context.adapter.orders as NonNullable<typeof context.adapter.orders>;
      const { settings } = await module.settings.current();
      const statuses: string[] = settings.orders.read.syncStatuses;
      const all = (await walkPages((options) => orders.list(options), { limit: 100 })).items;
      const expected = all.filter((order) => statuses.includes(order.status.status)).map((order) => order.id);
      expect(
        expected.length,
        `the fake needs orders in a synchronised status (${statuses.join(', ')})`,
      ).toBeGreaterThan(0);
      const queue = await readQueue(context);
      expect(new Set(queue).size, 'GET /orders served an order twice').toBe(queue.length);
      expect([...queue].sort(), 'GET /orders vs the adapter orders in a sync status').toEqual([...expected].sort());
    },
  },
  {
    title: 'POST /orders/acknowledge: idempotent, takes orders out of the queue, an unknown id fails alone',
    keys: ['acknowledge'],
    async run(context, hooks) {
      await context.module();
      if (!(await requireOrders(context, hooks))) return;
      const [first, second] = await twoQueued(context);
      const missing = unknownOrderId(context);
      const answer = await context.call('POST', '/orders/acknowledge', {
        body: { items: [{ id: first, documentNumber: 'CONF-DOC-1' }, { id: missing }] },
      });
      const [acknowledged, unknown] = expectResults(answer, [first, missing], 'acknowledge');
      expect(acknowledged?.outcome, 'a first acknowledgement').toBe('updated');
      expect(unknown?.outcome, 'an unknown order id').toBe('failed');

      const again = expectResults(
        await context.call('POST', '/orders/acknowledge', { body: { items: [{ id: first }] } }),
        [first],
        'acknowledge again',
      );
      expect(again[0]?.outcome, 'acknowledging twice').toBe('unchanged');
      const queue = await readQueue(context);
      expect(queue, 'an acknowledged order leaves the queue').not.toContain(first);
      expect(queue, 'an order not acknowledged stays').toContain(second);
    },
  },
  {
    title: 'POST /orders/reset: brings the named orders back, and only them',
    keys: ['reset'],
    async run(context, hooks) {
      await context.module();
      if (!(await requireOrders(context, hooks))) return;
      const [first, second] = await twoQueued(context);
      expectResults(
        await context.call('POST', '/orders/acknowledge', { body: { items: [{ id: first }, { id: second }] } }),
        [first, second],
        'acknowledge',
      );
      const reset = await context.call('POST', '/orders/reset', { body: { ids: [first] } });
      expect(reset.status, `reset (body ${JSON.stringify(reset.body)})`).toBe(200);
      expect((reset.body as { reset: string[] }).reset, 'reset answers the ids it brought back').toEqual([first]);
      const queue = await readQueue(context);
      expect(queue, 'a reset order is back in the queue').toContain(first);
      expect(queue, 'an order not reset stays acknowledged').not.toContain(second);
    },
  },
  {
    title: 'PUT /products: a price change with products.update.price off is withheld, not written',
    keys: ['withheld'],
    async run(context, hooks) {
      await context.module({ products: { update: { price: false } } });
      const products = context.adapter.products;
      if (!products?.write) {
        expect(capabilitiesOf(context.adapter).write.products, 'capabilities.write.products').toBe(false);
        const answer = await context.call('PUT', '/products', {
          body: { items: [{ reference: 'x', name: { en: 'x' } }] },
        });
        expect(answer.status, 'PUT /products without product writes').toBe(501);
        return hooks.note('the adapter does not write products: the endpoint answers 501');
      }
      expect(
        products.getByReferences,
        'products.getByReferences is missing: core could not tell an update from a create',
      ).toBeTypeOf('function');
      const reference = fixture(context, 'simpleProduct', 'withheld');
      const before = (await products.getByReferences?.([reference]))?.get(reference) as Product | undefined;
      expect(before, `no product "${reference}"`).toBeDefined();
      const price = addDecimals((before as Product).price ?? '0', '3.21');
      const answer = await context.call('PUT', '/products', {
        body: { items: [{ reference, name: (before as Product).name, price }] },
      });
      const [result] = expectResults(answer, [reference], 'PUT /products');
      expect(result?.withheld, 'the price is reported withheld').toContain('price');
      expect(result?.outcome, 'nothing else changed').toBe('unchanged');
      const after = (await products.getByReferences?.([reference]))?.get(reference) as Product | undefined;
      expect(
        compareDecimals(after?.price ?? '0', (before as Product).price ?? '0'),
        `the price on the platform (${String(after?.price)}) must not change`,
      ).toBe(0);
    },
  },
  {
    title: 'write batches: one bad item fails alone and every item has exactly one result',
    keys: ['batch'],
    async run(context, hooks) {
      await context.module();
      const { adapter } = context;
      let routes = 0;
      if (adapter.stock?.write) {
        routes++;
        const levels = (
          await walkPages((options) => (adapter.stock as NonNullable<typeof adapter.stock>).list(options), {
            limit: 100,
          })
        ).items;
        const wanted = context.fixtures.stockReference;
        const level = levels.find((entry) => (wanted ? entry.reference === wanted : entry.reference)) as
          | StockLevel
          | undefined;
        expect(level, `no stock level with reference ${wanted ?? '(any)'}: set fixtures.stockReference`).toBeDefined();
        const { reference, location, quantity } = level as StockLevel & { reference: string };
        // The endpoint keys a stock item by SKU, and by SKU@location when the item names a location.
        const key = location ? `${reference}@${location}` : reference;
        const missing = context.fixtures.unknownReference ?? 'conformance-unknown-reference';
        const results = expectResults(
          await context.call('PUT', '/stock', {
            body: {
              items: [
                { reference: missing, quantity: 1 },
                { reference, quantity: quantity + 3, ...(location ? { location } : {}) },
              ],
            },
          }),
          [missing, key],
          'PUT /stock',
        );
        expect(results[0]?.outcome, 'an unknown SKU').toBe('failed');
        expect(results[1]?.outcome, 'the known SKU next to it').toBe('updated');
      }
      if (adapter.orders?.setStatus) {
        routes++;
        const id = fixture(context, 'statusOrderId', 'batch');
        const missing = unknownOrderId(context);
        const results = expectResults(
          await context.call('POST', '/orders/status', {
            body: {
              items: [
                { id, status: 'shipped', trackingNumber: 'CONF-TRACK-0002' },
                { id: missing, status: 'shipped' },
              ],
            },
          }),
          [id, missing],
          'POST /orders/status',
        );
        expect(results[0]?.outcome, 'the known order').not.toBe('failed');
        expect(results[1]?.outcome, 'an unknown order').toBe('failed');
      }
      if (routes === 0) {
        expect(capabilitiesOf(adapter).write.stock || capabilitiesOf(adapter).write.orderStatus, 'capabilities').toBe(
          false,
        );
        return hooks.note('the adapter writes neither stock nor order statuses (acknowledge is covered above)');
      }
    },
  },
];
