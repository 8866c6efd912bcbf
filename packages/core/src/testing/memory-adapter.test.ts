import { describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../errors/index.js';
import { createMemoryAdapter } from './memory-adapter.js';

const context = { shopId: 'default', settings: {} };

describe('createMemoryAdapter', () => {
  it('refuses a cursor it did not issue', async () => {
    const adapter = createMemoryAdapter();
    await expect(adapter.products.list({ cursor: 'not-a-cursor', limit: 2 })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });

  it('lists orders by the chosen date, from `since`, in the asked statuses', async () => {
    const adapter = createMemoryAdapter();
    const page = await adapter.orders.list({
      cursor: null,
      limit: 10,
      sortBy: 'createdAt',
      since: '2025-02-02T00:00:00.000Z',
      statuses: ['processing', 'completed', 'pending'],
    });
    expect(page.items.map((order) => order.id)).toEqual(['1002', '1003', '1004']);
    // No seeded order has a payment: none is found by payment date.
    expect((await adapter.orders.list({ cursor: null, limit: 10, sortBy: 'paidAt' })).items).toEqual([]);
  });

  it('finds customers by email whatever the case, and prospects without orders', async () => {
    const adapter = createMemoryAdapter();
    const found = await adapter.customers.getByEmails?.(['BOB@example.com']);
    expect([...(found?.keys() ?? [])]).toEqual(['bob@example.com']);
    const prospects = await adapter.customers.list({ cursor: null, limit: 10, withoutOrders: true });
    expect(prospects.items.map((customer) => customer.reference)).toEqual(['C0002']);
  });

  it('refuses a second product with a reference already used, and adds a new variant with its own id', async () => {
    const adapter = createMemoryAdapter();
    const outcomes = await adapter.products.write?.(
      [
        {
          key: 'MUG',
          action: 'create',
          platformId: null,
          data: { reference: 'MUG', name: { en: 'Mug' } },
          incoming: { reference: 'MUG', name: { en: 'Mug' } },
          directives: {},
        },
        {
          key: 'TSHIRT',
          action: 'update',
          platformId: '1',
          data: { variants: [{ reference: 'TSHIRT-L', options: [{ name: 'Size', value: 'L' }], price: '17.00' }] },
          incoming: { reference: 'TSHIRT', name: { en: 'T-shirt' } },
          directives: {},
        },
      ],
      context,
    );
    expect(outcomes?.[0]).toMatchObject({ ok: false, error: 'reference "MUG" is already used' });
    expect(outcomes?.[1]).toMatchObject({ ok: true, id: '1' });
    const tshirt = await adapter.products.get?.('1');
    expect(tshirt?.variants?.map((variant) => [variant.reference, variant.id])).toEqual([
      ['TSHIRT-S', '2'],
      ['TSHIRT-M', '3'],
      ['TSHIRT-L', '8'],
    ]);
  });

  it('dates back-office edits with its clock and keeps each adapter its own copy of the seed', async () => {
    const adapter = createMemoryAdapter(undefined, { now: () => new Date('2030-01-01T00:00:00.000Z') });
    await adapter.backOffice.touchProduct('TSHIRT-M');
    expect((await adapter.products.get?.('1'))?.sourceUpdatedAt).toBe('2030-01-01T00:00:00.000Z');
    const other = createMemoryAdapter();
    expect((await other.products.get?.('1'))?.sourceUpdatedAt).toBe('2025-01-10T09:00:00.000Z');
  });

  it('returns copies: changing a read never changes the shop', async () => {
    const adapter = createMemoryAdapter();
    const mug = await adapter.products.get?.('4');
    if (mug) mug.price = '0.01';
    expect((await adapter.products.get?.('4'))?.price).toBe('10.00');
  });
});
