import { afterEach, describe, expect, it } from 'vitest';
import { type DemoShop, openSeededShop } from './demo-shop-fixture.js';

let shop: DemoShop;
afterEach(() => shop.dispose());

describe('customers', () => {
  it('withoutOrders lists the prospects only, and a first order takes a customer out of it', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    const prospects = await adapter.customers.list({ cursor: null, limit: 100, withoutOrders: true });
    expect(prospects.items.map((customer) => `${customer.firstName} ${customer.lastName}`)).toEqual([
      'Gabriel Moreau',
      'Sarah Laurent',
      'Léo Rochat',
      'Claire Fontaine',
    ]);
    expect(prospects.items.every((customer) => customer.hasOrders === false)).toBe(true);

    adapter.demo.simulateOrder({ customerId: '11', lines: [{ reference: 'ACC-BELT', quantity: 1 }] });
    const after = await adapter.customers.list({ cursor: null, limit: 100, withoutOrders: true });
    expect(after.items.map((customer) => customer.id)).toEqual(['10', '16', '20']);
    expect((await adapter.customers.get('11'))?.hasOrders).toBe(true);
  });

  it('withoutOrders pages with a cursor like any list', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    const first = await adapter.customers.list({ cursor: null, limit: 3, withoutOrders: true });
    const second = await adapter.customers.list({ cursor: first.nextCursor, limit: 3, withoutOrders: true });
    expect([...first.items, ...second.items].map((customer) => customer.id)).toEqual(['10', '11', '16', '20']);
    expect(second.nextCursor).toBeNull();
  });

  it('getByEmails matches whatever the case, keyed by the email as asked', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    const found = await adapter.customers.getByEmails([
      'lea.dubois@example.fr',
      'Camille.Martin@EXAMPLE.fr',
      'nobody@example.fr',
    ]);
    expect([...found.keys()]).toEqual(['lea.dubois@example.fr', 'Camille.Martin@EXAMPLE.fr']);
    expect(found.get('lea.dubois@example.fr')?.email).toBe('Lea.Dubois@Example.fr');
  });
});
