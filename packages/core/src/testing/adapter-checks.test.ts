import { describe, expect, it } from 'vitest';
import type { PlatformAdapter } from '../adapter.js';
import type { Order, Product } from '../contracts/index.js';
import { adapterChecks, openAdapterContext } from './adapter-conformance.js';
import type { AdapterCheckKey, ConformanceFixtures } from './conformance.types.js';
import { createMemoryAdapter, type MemoryAdapter } from './memory-adapter.js';
import { demoFixtures } from './memory-seed.js';
import { CheckSkipped, runCheck } from './register-checks.js';

function checkFor(key: AdapterCheckKey) {
  const check = adapterChecks().find((candidate) => candidate.keys.includes(key));
  if (!check) throw new Error(`no check with key ${key}`);
  return check;
}

/** Runs one check against a memory shop that `breakIt` damages in one place. */
async function runAgainst(
  key: AdapterCheckKey,
  breakIt: (adapter: MemoryAdapter) => PlatformAdapter,
  fixtures: ConformanceFixtures = demoFixtures,
): Promise<void> {
  const memory = createMemoryAdapter();
  const adapter = breakIt(memory);
  await runCheck(checkFor(key), await openAdapterContext(() => ({ adapter, fixtures, mutate: memory.backOffice })));
}

describe('adapter checks catch broken adapters', () => {
  it('every check passes against the memory adapter (the baseline the failures below differ from)', async () => {
    for (const check of adapterChecks()) {
      const memory = createMemoryAdapter();
      const opened = await openAdapterContext(() => ({
        adapter: memory,
        fixtures: demoFixtures,
        mutate: memory.backOffice,
      }));
      await expect(runCheck(check, opened), check.title).resolves.toBeUndefined();
    }
  });

  it('offset pagination over an update-date order fails cursor stability', async () => {
    const failure = runAgainst('products.cursorStability', (memory) => ({
      ...memory,
      products: {
        ...memory.products,
        async list({ cursor, limit }) {
          const all = (await memory.products.list({ cursor: null, limit: 1000 })).items.sort(
            (a, b) => (a.sourceUpdatedAt ?? '').localeCompare(b.sourceUpdatedAt ?? '') || Number(a.id) - Number(b.id),
          );
          const offset = cursor ? Number(cursor) : 0;
          return {
            items: all.slice(offset, offset + limit),
            nextCursor: offset + limit < all.length ? String(offset + limit) : null,
          };
        },
      },
    }));
    await expect(failure).rejects.toThrow(/read twice|skipped/);
  });

  it('a page larger than the limit fails the paged read', async () => {
    const failure = runAgainst('products.read', (memory) => ({
      ...memory,
      products: { ...memory.products, list: (options) => memory.products.list({ ...options, limit: 1000 }) },
    }));
    await expect(failure).rejects.toThrow(/more than limit=2/);
  });

  it('an item breaking its contract fails the paged read and names the field', async () => {
    const failure = runAgainst('products.read', (memory) => ({
      ...memory,
      products: {
        ...memory.products,
        async list(options) {
          const page = await memory.products.list(options);
          return { ...page, items: page.items.map((item) => ({ ...item, price: 10 as unknown as string })) };
        },
      },
    }));
    await expect(failure).rejects.toThrow(/products\[0\] \(id 1\) breaks the products contract: price: /);
  });

  it('ignoring updatedSince fails the updatedSince check', async () => {
    const failure = runAgainst('products.updatedSince', (memory) => ({
      ...memory,
      products: { ...memory.products, list: ({ updatedSince: _ignored, ...options }) => memory.products.list(options) },
    }));
    await expect(failure).rejects.toThrow(/updatedSince is ignored/);
  });

  it('a get that differs from the list fails the get check', async () => {
    const failure = runAgainst('products.get', (memory) => ({
      ...memory,
      products: {
        ...memory.products,
        async get(id) {
          const product = await memory.products.get?.(id);
          return product ? { ...product, description: undefined } : null;
        },
      },
    }));
    await expect(failure).rejects.toThrow(/differs from the listed item/);
  });

  it('getByReferences answering unknown references fails its check', async () => {
    const failure = runAgainst('products.getByReferences', (memory) => ({
      ...memory,
      products: {
        ...memory.products,
        async getByReferences(references) {
          const found = (await memory.products.getByReferences?.(references)) ?? new Map<string, Product>();
          for (const reference of references)
            if (!found.has(reference)) found.set(reference, { name: { en: '?' }, reference });
          return found;
        },
      },
    }));
    await expect(failure).rejects.toThrow(/getByReferences keys/);
  });

  it('a batch write that drops the outcome of a refused plan fails the batch check', async () => {
    const failure = runAgainst('products.write', (memory) => ({
      ...memory,
      products: {
        ...memory.products,
        write: async (plans, context) =>
          ((await memory.products.write?.(plans, context)) ?? []).filter((outcome) => outcome.ok === true),
      },
    }));
    await expect(failure).rejects.toThrow(/one outcome per plan/);
  });

  it('a write that sends more than the plan fails the partial-update check', async () => {
    const failure = runAgainst('products.partialUpdate', (memory) => ({
      ...memory,
      products: {
        ...memory.products,
        write: (plans, context) =>
          memory.products.write?.(
            plans.map((plan) => ({ ...plan, data: { ...plan.data, description: { en: '' } } })),
            context,
          ) ?? Promise.resolve([]),
      },
    }));
    await expect(failure).rejects.toThrow(/fields outside the plan must not change/);
  });

  it('a stock write applied as a delta fails the absolute stock check', async () => {
    const failure = runAgainst('stock.stockWrite', (memory) => ({
      ...memory,
      stock: {
        ...memory.stock,
        async write(plans, context) {
          const levels = (await memory.stock.getByReferences?.(plans.map((plan) => plan.reference))) ?? new Map();
          const deltas = plans.map((plan) => ({
            ...plan,
            quantity: (levels.get(plan.reference)?.quantity ?? 0) + plan.quantity,
          }));
          return memory.stock.write?.(deltas, context) ?? [];
        },
      },
    }));
    await expect(failure).rejects.toThrow(/read back after writing \d+: expected \d+ to be/);
  });

  it('a status write that loses the tracking number fails the status check', async () => {
    const failure = runAgainst('orders.orderStatus', (memory) => ({
      ...memory,
      orders: {
        ...memory.orders,
        setStatus: (plans, context) =>
          memory.orders.setStatus?.(
            plans.map((plan) => ({ ...plan, trackingNumber: null })),
            context,
          ) ?? Promise.resolve([]),
      },
    }));
    await expect(failure).rejects.toThrow(/tracking numbers read back/);
  });

  function ordersPatched(patch: (order: Order) => Order) {
    return (memory: MemoryAdapter): PlatformAdapter => ({
      ...memory,
      orders: {
        ...memory.orders,
        get: async (id) => {
          const order = await memory.orders.get(id);
          return order ? patch(order) : null;
        },
      },
    });
  }

  it('a recomputed (zero) rounding delta fails the multi-tax check', async () => {
    const failure = runAgainst(
      'orders.multiTax',
      ordersPatched((order) => ({ ...order, roundingDelta: '0.00' })),
    );
    await expect(failure).rejects.toThrow(/roundingDelta 0.00, parts say -0.01/);
  });

  it('a guest order read as a registered one fails the guest check', async () => {
    const failure = runAgainst(
      'orders.guestOrder',
      ordersPatched((order) => ({ ...order, guest: false })),
    );
    await expect(failure).rejects.toThrow(/order.guest/);
  });

  it('order lines without variant ids fail the variants check', async () => {
    const failure = runAgainst('products.variants', (memory) => ({
      ...memory,
      orders: {
        ...memory.orders,
        async list(options) {
          const page = await memory.orders.list(options);
          return {
            ...page,
            items: page.items.map((order) => ({
              ...order,
              lines: order.lines.map((line) => ({ ...line, variantId: null })),
            })),
          };
        },
      },
    }));
    await expect(failure).rejects.toThrow(/no order line names a variant of "TSHIRT"/);
  });

  it('a missing fixture fails and says which one and how to skip', async () => {
    await expect(runAgainst('orders.guestOrder', (memory) => memory, {})).rejects.toThrow(
      /fixtures.guestOrderId is missing.*skip 'guestOrder'/,
    );
  });

  it('an adapter reading nothing passes or visibly skips every check', async () => {
    const minimal: PlatformAdapter = {
      describe: async () => ({ platform: 'nothing', platformVersion: null, apiVersion: 'v0' }),
      configuration: async () => ({}),
    };
    const outcomes: string[] = [];
    for (const check of adapterChecks()) {
      const opened = await openAdapterContext(() => ({ adapter: minimal, fixtures: {} }));
      outcomes.push(
        await runCheck(check, opened).then(
          () => 'passed',
          (error) => (error instanceof CheckSkipped ? 'skipped' : String(error)),
        ),
      );
    }
    expect(outcomes.filter((outcome) => outcome !== 'passed' && outcome !== 'skipped')).toEqual([]);
  });

  it('an adapter without orders passes the order read; one listing no orders fails it', async () => {
    const memory = createMemoryAdapter();
    const withoutOrders = { ...memory, orders: undefined } as PlatformAdapter;
    await expect(
      runCheck(
        checkFor('orders.read'),
        await openAdapterContext(() => ({ adapter: withoutOrders, fixtures: demoFixtures })),
      ),
    ).resolves.toBeUndefined();
    await expect(
      runAgainst('orders.read', (adapter) => ({
        ...adapter,
        orders: { ...adapter.orders, list: async () => ({ items: [], nextCursor: null }) },
      })),
    ).rejects.toThrow(/the fake holds no orders/);
  });

  it('a cursor that comes back twice fails instead of looping', async () => {
    const failure = runAgainst('categories.read', (memory) => ({
      ...memory,
      categories: { ...memory.categories, list: async () => ({ items: [], nextCursor: 'again' }) },
    }));
    await expect(failure).rejects.toThrow(/cursor came back twice/);
  });
});
