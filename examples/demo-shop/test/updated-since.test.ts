import type { WriteContext } from '@passerelle/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type DemoShop, openSeededShop } from './demo-shop-fixture.js';

const write: WriteContext = { shopId: 'default', settings: {} };
let shop: DemoShop;
afterEach(() => shop.dispose());

/** A shop whose clock stands still unless the test moves it. */
function frozenShop(at: string) {
  let now = Date.parse(at);
  shop = openSeededShop({ now: () => new Date(now) });
  return {
    adapter: shop.adapter,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('updated_at and updatedSince', () => {
  it('two writes in the same millisecond still date the row strictly later each time', async () => {
    const { adapter } = frozenShop('2030-05-01T10:00:00.000Z');
    const dates: string[] = [];
    for (let round = 0; round < 3; round++) {
      const before = (await adapter.products.getByReferences(['ACC-BELT'])).get('ACC-BELT');
      const [outcome] = await adapter.products.write(
        [
          {
            key: 'ACC-BELT',
            action: 'update',
            platformId: before?.id ?? null,
            data: { price: `5${round}.00` },
            incoming: { reference: 'ACC-BELT', name: { en: 'Belt' } },
            directives: {},
          },
        ],
        write,
      );
      expect(outcome?.ok).toBe(true);
      dates.push((await adapter.products.get(before?.id ?? ''))?.sourceUpdatedAt ?? '');
    }
    expect(dates).toEqual(['2030-05-01T10:00:00.000Z', '2030-05-01T10:00:00.001Z', '2030-05-01T10:00:00.002Z']);
  });

  it('is inclusive: a row dated exactly at updatedSince is returned, one a millisecond earlier is not', async () => {
    const { adapter, advance } = frozenShop('2030-05-01T10:00:00.000Z');
    adapter.demo.touchProduct('ACC-BELT');
    advance(1);
    adapter.demo.touchProduct('ACC-SCARF');
    const exact = await adapter.products.list({ cursor: null, limit: 100, updatedSince: '2030-05-01T10:00:00.001Z' });
    expect(exact.items.map((product) => product.reference)).toEqual(['ACC-SCARF']);
    const earlier = await adapter.products.list({ cursor: null, limit: 100, updatedSince: '2030-05-01T10:00:00.000Z' });
    expect(earlier.items.map((product) => product.reference)).toEqual(['ACC-BELT', 'ACC-SCARF']);
  });

  it('accepts offsets and orders the feed by date then id', async () => {
    const { adapter, advance } = frozenShop('2030-05-01T10:00:00.000Z');
    adapter.demo.touchProduct('KIT-TOWEL');
    adapter.demo.touchProduct('ACC-BELT');
    advance(5);
    adapter.demo.touchProduct('ACC-SOCKS-3');
    const feed = await adapter.products.list({ cursor: null, limit: 100, updatedSince: '2030-05-01T12:00:00+02:00' });
    // KIT-TOWEL (32) and ACC-BELT (13) share a date: the id breaks the tie.
    expect(feed.items.map((product) => product.reference)).toEqual(['ACC-BELT', 'KIT-TOWEL', 'ACC-SOCKS-3']);
  });

  it('a stock write dates the stock level and its product (the product read shows the new quantity)', async () => {
    const { adapter } = frozenShop('2030-05-01T10:00:00.000Z');
    const [outcome] = await adapter.stock.write(
      [
        {
          key: 'TSH-ORGANIC-WHT-M',
          reference: 'TSH-ORGANIC-WHT-M',
          platformId: null,
          location: 'geneva',
          quantity: 42,
        },
      ],
      write,
    );
    expect(outcome?.ok).toBe(true);
    const since = '2030-05-01T10:00:00.000Z';
    const levels = await adapter.stock.list({ cursor: null, limit: 100, updatedSince: since });
    expect(levels.items.map((level) => `${level.reference}@${level.location}=${level.quantity}`)).toEqual([
      'TSH-ORGANIC-WHT-M@geneva=42',
    ]);
    const products = await adapter.products.list({ cursor: null, limit: 100, updatedSince: since });
    expect(products.items.map((product) => product.reference)).toEqual(['TSH-ORGANIC']);
  });

  it('a status change dates the order, and only that order', async () => {
    const { adapter } = frozenShop('2030-05-01T10:00:00.000Z');
    const [outcome] = await adapter.orders.setStatus(
      [
        {
          key: '24',
          orderId: '24',
          status: 'processing',
          rawStatus: null,
          trackingNumber: null,
          carrier: null,
          replaceReferenceWith: null,
          documentNumber: null,
          notifyCustomer: false,
          at: null,
        },
      ],
      write,
    );
    expect(outcome?.ok).toBe(true);
    const changed = await adapter.orders.list({ cursor: null, limit: 100, updatedSince: '2030-05-01T10:00:00.000Z' });
    expect(changed.items.map((order) => [order.id, order.updatedAt])).toEqual([['24', '2030-05-01T10:00:00.000Z']]);
  });

  it('customer, category and group writes move their dates too', async () => {
    const { adapter } = frozenShop('2030-05-01T10:00:00.000Z');
    await adapter.customers.write(
      [
        {
          key: 'C000104',
          action: 'update',
          platformId: '4',
          data: { note: 'Prefers email' },
          incoming: { reference: 'C000104' },
          directives: {},
        },
      ],
      write,
    );
    await adapter.categories.write(
      [
        {
          key: 'CAT-DECO',
          action: 'update',
          platformId: '7',
          data: { description: { en: 'Deco' } },
          incoming: { reference: 'CAT-DECO', name: { en: 'Decoration' } },
          directives: {},
        },
      ],
      write,
    );
    await adapter.customerGroups.write(
      [
        {
          key: 'PRO',
          action: 'update',
          platformId: '3',
          data: { reduction: '6' },
          incoming: { reference: 'PRO', name: { en: 'Professionals' } },
          directives: {},
        },
      ],
      write,
    );
    const since = '2030-05-01T10:00:00.000Z';
    expect(
      (await adapter.customers.list({ cursor: null, limit: 50, updatedSince: since })).items.map((item) => item.id),
    ).toEqual(['4']);
    expect(
      (await adapter.categories.list({ cursor: null, limit: 50, updatedSince: since })).items.map((item) => item.id),
    ).toEqual(['7']);
    expect(
      (await adapter.customerGroups.list({ cursor: null, limit: 50, updatedSince: since })).items.map(
        (item) => item.id,
      ),
    ).toEqual(['3']);
  });
});
