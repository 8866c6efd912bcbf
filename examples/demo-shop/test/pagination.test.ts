import { InvalidCursorError, type ListOptions } from '@passerelle/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type DemoShop, openSeededShop } from './demo-shop-fixture.js';

let shop: DemoShop;
afterEach(() => shop.dispose());

type Listing = (options: ListOptions) => Promise<{ items: { id?: string }[]; nextCursor: string | null }>;

/** Reads page by page, calling `between` after each page (the back office editing meanwhile). */
async function readWithEdits(
  list: Listing,
  options: Omit<ListOptions, 'cursor'>,
  between: (page: number) => Promise<void> | void,
) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let page = 0;
  do {
    const result = await list({ ...options, cursor });
    ids.push(...result.items.map((item) => item.id ?? ''));
    cursor = result.nextCursor;
    await between(page++);
  } while (cursor);
  return ids;
}

const duplicates = (ids: string[]) => ids.filter((id, index) => ids.indexOf(id) !== index);

describe('keyset pagination', () => {
  it('products: inserts and updates between pages neither skip nor repeat a product', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    const before = (await adapter.products.listIds({ cursor: null, limit: 500 })).items;
    let created = 0;
    const ids = await readWithEdits(
      (options) => adapter.products.list(options),
      { limit: 5 },
      async (page) => {
        // Touch a product already read and one not read yet, and add a product.
        adapter.demo.touchProduct('TSH-ORGANIC');
        adapter.demo.touchProduct('GFT-COFFEE-BOX');
        const reference = `NEW-${page}`;
        const data = { reference, name: { en: `New ${page}` }, price: '1.00' };
        const [outcome] = await adapter.products.write(
          [{ key: reference, action: 'create', platformId: null, data, incoming: data, directives: {} }],
          { shopId: 'default', settings: {} },
        );
        if (outcome?.ok === true) created++;
      },
    );
    expect(created).toBeGreaterThan(5);
    expect(duplicates(ids)).toEqual([]);
    expect(before.filter((id) => !ids.includes(id))).toEqual([]);
  });

  it('updatedSince: a row updated after it was read comes again with its new date, nothing is skipped', async () => {
    let now = Date.parse('2030-01-01T00:00:00.000Z');
    shop = openSeededShop({ now: () => new Date(now) });
    const { adapter } = shop;
    for (const reference of ['MUG-STONE-350', 'ACC-BELT', 'ACC-BEANIE', 'DEC-VASE', 'BAG-POUCH', 'KIT-TOWEL']) {
      now += 1000;
      adapter.demo.touchProduct(reference);
    }
    const since = '2030-01-01T00:00:00.000Z';
    const seen: { id: string; at: string }[] = [];
    let cursor: string | null = null;
    let page = 0;
    do {
      const result = await adapter.products.list({ cursor, limit: 2, updatedSince: since });
      seen.push(...result.items.map((item) => ({ id: item.id ?? '', at: item.sourceUpdatedAt ?? '' })));
      cursor = result.nextCursor;
      if (page++ === 0) {
        // Edit the first product read (it must come again) and one not read yet (it must come once).
        now += 1000;
        adapter.demo.touchProduct('MUG-STONE-350');
        adapter.demo.touchProduct('BAG-POUCH');
      }
    } while (cursor);
    const mug = seen.filter((entry) => entry.id === '16');
    expect(mug).toHaveLength(2);
    expect(Date.parse(mug[1]?.at ?? '')).toBeGreaterThan(Date.parse(mug[0]?.at ?? ''));
    const ids = seen.map((entry) => entry.id);
    expect(new Set(ids)).toEqual(new Set(['16', '13', '14', '46', '49', '32']));
    expect(ids.filter((id) => id === '49')).toHaveLength(1);
  });

  it('orders: the queue order (createdAt, then id) holds while new orders arrive between pages', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    const statuses = ['paid', 'processing', 'shipped', 'delivered', 'completed'];
    const expected = (await adapter.orders.list({ cursor: null, limit: 500, statuses })).items.map((order) => order.id);
    const placed: string[] = [];
    const ids = await readWithEdits(
      (options) => adapter.orders.list({ ...options, statuses, sortBy: 'createdAt' }),
      { limit: 4 },
      () => {
        placed.push(adapter.demo.simulateOrder().id);
      },
    );
    expect(duplicates(ids)).toEqual([]);
    expect(expected.filter((id) => !ids.includes(id))).toEqual([]);
    // Orders placed while paging are newer than every page read, so they are read at the end.
    expect(ids.slice(0, expected.length)).toEqual(expected);
    expect(ids.slice(expected.length).every((id) => placed.includes(id))).toBe(true);
  });

  it('customers: deactivating and updating customers between pages keeps every customer once', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    const ids = await readWithEdits(
      (options) => adapter.customers.list(options),
      { limit: 3 },
      async (page) => {
        await adapter.customers.setActive([{ key: `c${page}`, platformId: String(page + 1), active: false }], {
          shopId: 'default',
          settings: {},
        });
      },
    );
    expect(ids).toEqual(Array.from({ length: 23 }, (_, index) => String(index + 1)));
  });

  it('cursors are opaque base64url JSON, and a foreign or forged cursor is refused', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    const first = await adapter.products.list({ cursor: null, limit: 2 });
    expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const decoded = JSON.parse(Buffer.from(first.nextCursor ?? '', 'base64url').toString('utf8'));
    expect(decoded).toMatchObject({ v: 1, s: 'id', i: 2 });
    await expect(adapter.products.list({ cursor: 'not a cursor!', limit: 2 })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
    // A cursor of the id sort does not position an updatedSince read.
    await expect(
      adapter.products.list({ cursor: first.nextCursor, limit: 2, updatedSince: '2020-01-01T00:00:00.000Z' }),
    ).rejects.toBeInstanceOf(InvalidCursorError);
    const orders = await adapter.orders.list({ cursor: null, limit: 2, sortBy: 'createdAt' });
    await expect(adapter.orders.list({ cursor: orders.nextCursor, limit: 2, sortBy: 'paidAt' })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });

  it('the last page says so: nextCursor is null exactly when nothing is left', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    const all = await adapter.categories.list({ cursor: null, limit: 19 });
    expect(all.items).toHaveLength(19);
    expect(all.nextCursor).toBeNull();
    const short = await adapter.categories.list({ cursor: null, limit: 18 });
    expect(short.nextCursor).not.toBeNull();
    const rest = await adapter.categories.list({ cursor: short.nextCursor, limit: 18 });
    expect(rest.items.map((category) => category.id)).toEqual(['19']);
    expect(rest.nextCursor).toBeNull();
  });
});
