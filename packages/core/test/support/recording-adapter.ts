import { readFileSync } from 'node:fs';
import {
  type Customer,
  type Order,
  orderSchema,
  type PlatformAdapter,
  type Product,
  type StockLevel,
  type WriteOutcome,
} from '@passerelle/core';

const fixture = (name: string): Order =>
  orderSchema.parse(JSON.parse(readFileSync(new URL(`../fixtures/contracts/${name}.json`, import.meta.url), 'utf8')));

/** Orders across statuses, made from the real-payload fixtures, in createdAt order. */
export function sampleOrders(count: number): Order[] {
  const base = [fixture('woocommerce-order-multi-tax'), fixture('prestashop-guest-order-multi-destination')];
  const statuses: Order['status']['status'][] = ['paid', 'pending', 'processing', 'cancelled', 'shipped', 'completed'];
  return Array.from({ length: count }, (_, index) => {
    const template = base[index % 2] as Order;
    const status = statuses[index % statuses.length] as Order['status']['status'];
    const at = new Date(Date.UTC(2026, 0, 1, 8, index)).toISOString();
    return {
      ...template,
      id: String(1000 + index),
      reference: `REF${1000 + index}`,
      createdAt: at,
      updatedAt: at,
      status: { status, rawStatus: status },
    };
  });
}

export interface RecordingAdapter extends PlatformAdapter {
  calls: { method: string; count: number }[];
  products: NonNullable<PlatformAdapter['products']>;
  data: {
    orders: Order[];
    products: Map<string, Product>;
    stock: Map<string, StockLevel>;
    customers: Map<string, Customer>;
  };
  failNextWrite: Error | null;
}

/**
 * A platform that holds its data in memory, records every write call and can be told to
 * fail: what endpoint tests need to see "applied once" and "nothing lost".
 */
export function createRecordingAdapter(orderCount = 12): RecordingAdapter {
  const data = {
    orders: sampleOrders(orderCount),
    products: new Map<string, Product>([
      ['MUG-1', { id: '1', reference: 'MUG-1', name: { en: 'Mug' }, price: '12.50', active: true }],
      ['TEE-1', { id: '2', reference: 'TEE-1', name: { en: 'T-shirt' }, price: '19.90', active: true }],
    ]),
    stock: new Map<string, StockLevel>([
      [
        'MUG-1',
        {
          reference: 'MUG-1',
          productId: '1',
          quantity: 5,
          quantityType: 'available',
          tracked: true,
          asOf: '2026-01-01T00:00:00.000Z',
        },
      ],
      [
        'TEE-1',
        {
          reference: 'TEE-1',
          productId: '2',
          quantity: 0,
          quantityType: 'available',
          tracked: true,
          asOf: '2026-01-01T00:00:00.000Z',
        },
      ],
    ]),
    customers: new Map<string, Customer>(),
  };
  let nextId = 100;
  const calls: { method: string; count: number }[] = [];
  const adapter: RecordingAdapter = {
    calls,
    data,
    failNextWrite: null,
    async describe() {
      return { platform: 'recording', platformVersion: '1.0', apiVersion: 'test/1' };
    },
    async configuration() {
      return {
        currencies: { default: 'EUR', items: [{ code: 'EUR' }, { code: 'CAD' }] },
        languages: [{ code: 'en', name: 'English', default: true }],
      };
    },
    orders: {
      async list({ cursor, limit }) {
        const start = cursor ? Number(cursor) : 0;
        const items = data.orders.slice(start, start + limit);
        const end = start + items.length;
        return { items, nextCursor: end < data.orders.length ? String(end) : null };
      },
      async get(id) {
        return data.orders.find((order) => order.id === id) ?? null;
      },
      async setStatus(plans) {
        calls.push({ method: 'orders.setStatus', count: plans.length });
        return plans.map((plan): WriteOutcome => {
          const order = data.orders.find((candidate) => candidate.id === plan.orderId);
          if (!order) return { key: plan.key, ok: false, error: 'gone' };
          order.status = { status: plan.status as Order['status']['status'], rawStatus: plan.rawStatus ?? plan.status };
          if (plan.trackingNumber) order.trackingNumbers = [...(order.trackingNumbers ?? []), plan.trackingNumber];
          return { key: plan.key, ok: true, id: order.id };
        });
      },
    },
    products: {
      async list({ cursor, limit }) {
        const all = [...data.products.values()];
        const start = cursor ? Number(cursor) : 0;
        const items = all.slice(start, start + limit);
        return { items, nextCursor: start + items.length < all.length ? String(start + items.length) : null };
      },
      async getByReferences(references) {
        return new Map(
          references.flatMap((reference) => {
            const product = data.products.get(reference);
            return product ? [[reference, product] as const] : [];
          }),
        );
      },
      async write(plans) {
        calls.push({ method: 'products.write', count: plans.length });
        if (adapter.failNextWrite) {
          const error = adapter.failNextWrite;
          adapter.failNextWrite = null;
          throw error;
        }
        return plans.map((plan): WriteOutcome => {
          if (plan.incoming.reference.startsWith('BAD'))
            return { key: plan.key, ok: false, error: 'the platform refused this product' };
          const current = data.products.get(plan.key);
          const id = current?.id ?? String(nextId++);
          data.products.set(plan.key, {
            ...(current ?? {}),
            ...(plan.data as Partial<Product>),
            id,
            reference: plan.key,
          } as Product);
          return { key: plan.key, ok: true, id };
        });
      },
      async setActive(items) {
        calls.push({ method: 'products.setActive', count: items.length });
        return items.map((item): WriteOutcome => {
          const product = data.products.get(item.key);
          if (product) product.active = item.active;
          return { key: item.key, ok: true, id: item.platformId };
        });
      },
    },
    stock: {
      async list({ cursor, limit }) {
        const all = [...data.stock.values()];
        const start = cursor ? Number(cursor) : 0;
        return {
          items: all.slice(start, start + limit),
          nextCursor: start + limit < all.length ? String(start + limit) : null,
        };
      },
      async getByReferences(references) {
        return new Map(
          references.flatMap((reference) => {
            const level = data.stock.get(reference);
            return level ? [[reference, level] as const] : [];
          }),
        );
      },
      async write(plans) {
        calls.push({ method: 'stock.write', count: plans.length });
        return plans.map((plan): WriteOutcome => {
          const level = data.stock.get(plan.reference);
          if (level) level.quantity = plan.quantity;
          return { key: plan.key, ok: true, id: level?.productId ?? plan.reference };
        });
      },
    },
  };
  return adapter;
}
