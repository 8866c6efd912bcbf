import type { PlannedWrite, ProductWrite, StatusWritePlan, WriteContext } from '@passerelle/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type DemoShop, openSeededShop } from './demo-shop-fixture.js';

const write: WriteContext = { shopId: 'default', settings: {} };
let shop: DemoShop;
afterEach(() => shop.dispose());

function create(reference: string, extra: Partial<ProductWrite> = {}): PlannedWrite<ProductWrite> {
  const data = { reference, name: { en: reference }, price: '1.00', ...extra };
  return { key: reference, action: 'create', platformId: null, data, incoming: data as ProductWrite, directives: {} };
}

describe('one outcome per plan, never a throw for one bad item', () => {
  it('products: a duplicate SKU (of a product or of a variant) fails alone; the rest is written', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    const plans = [create('NEW-1'), create('MUG-STONE-350'), create('TSH-ORGANIC-BLK-M'), create('NEW-2')];
    const outcomes = await adapter.products.write(plans, write);
    expect(outcomes.map((outcome) => [outcome.key, outcome.ok])).toEqual([
      ['NEW-1', true],
      ['MUG-STONE-350', false],
      ['TSH-ORGANIC-BLK-M', false],
      ['NEW-2', true],
    ]);
    expect(outcomes[1]).toMatchObject({
      ok: false,
      error: 'duplicate: the reference is already used by another product or variant',
    });
    expect((await adapter.products.getByReferences(['NEW-1', 'NEW-2'])).size).toBe(2);
  });

  it('a failing item leaves nothing half-written (its variants roll back with it)', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    const plan = create('PACK-NEW', {
      variants: [
        { reference: 'PACK-NEW-A', options: [{ name: 'Colour', value: 'Black' }] },
        { reference: 'MUG-ENAMEL', options: [{ name: 'Colour', value: 'White' }] },
      ],
    });
    const [outcome] = await adapter.products.write([plan], write);
    expect(outcome?.ok).toBe(false);
    expect((await adapter.products.getByReferences(['PACK-NEW'])).size).toBe(0);
    expect((await adapter.stock.getByReferences(['PACK-NEW-A'])).size).toBe(0);
  });

  it('customers: a duplicate email (in another case), an unknown group and an unknown id fail alone', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    const plans = [
      {
        key: 'NEWC-1',
        action: 'create' as const,
        platformId: null,
        data: { reference: 'NEWC-1', email: 'new.one@example.fr', firstName: 'New' },
        incoming: { reference: 'NEWC-1' },
        directives: {},
      },
      {
        key: 'NEWC-2',
        action: 'create' as const,
        platformId: null,
        data: { reference: 'NEWC-2', email: 'CAMILLE.MARTIN@example.fr' },
        incoming: { reference: 'NEWC-2' },
        directives: {},
      },
      {
        key: 'NEWC-3',
        action: 'create' as const,
        platformId: null,
        data: { reference: 'NEWC-3', email: 'x@example.fr', groups: ['NOPE'] },
        incoming: { reference: 'NEWC-3' },
        directives: {},
      },
      {
        key: 'NEWC-4',
        action: 'update' as const,
        platformId: '999999',
        data: { note: 'x' },
        incoming: { reference: 'NEWC-4' },
        directives: {},
      },
    ];
    const outcomes = await adapter.customers.write(plans, write);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, false, false]);
    expect(outcomes[1]).toMatchObject({
      error: 'duplicate: the email address is already used by another customer account',
    });
    expect(outcomes[2]).toMatchObject({ error: 'no customer group with reference "NOPE"' });
    const created = (await adapter.customers.getByReferences(['NEWC-1'])).get('NEWC-1');
    expect(created).toMatchObject({ groups: ['CUSTOMER'], defaultGroup: 'CUSTOMER', hasOrders: false, active: true });
  });

  it('customers: found by email, an account without a code adopts the ERP code', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    const found = await adapter.customers.getByEmails(['LUCAS.BERNARD@EXAMPLE.FR']);
    expect(found.get('LUCAS.BERNARD@EXAMPLE.FR')?.id).toBe('2');
    await adapter.customers.write(
      [
        {
          key: 'ERP-77',
          action: 'update',
          platformId: '2',
          data: { note: 'from ERP' },
          incoming: { reference: 'ERP-77' },
          directives: {},
        },
      ],
      write,
    );
    expect((await adapter.customers.getByReferences(['ERP-77'])).get('ERP-77')?.id).toBe('2');
  });

  it('stock: an unknown SKU, a parent with variants and an unknown warehouse fail alone', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    const outcomes = await adapter.stock.write(
      [
        { key: 'NOPE', reference: 'NOPE', platformId: null, location: null, quantity: 1 },
        { key: 'TSH-ORGANIC', reference: 'TSH-ORGANIC', platformId: null, location: null, quantity: 1 },
        { key: 'ACC-BELT@lyon', reference: 'ACC-BELT', platformId: null, location: 'lyon', quantity: 1 },
        { key: 'ACC-BELT', reference: 'ACC-BELT', platformId: null, location: null, quantity: 5 },
      ],
      write,
    );
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([false, false, false, true]);
    expect(outcomes[1]).toMatchObject({
      error: 'product "TSH-ORGANIC" has variants: its stock is held per variant SKU',
    });
  });

  it('orders: replacing a reference by one already used fails that order alone, unchanged', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    const taken = (await adapter.orders.get('1'))?.reference ?? '';
    const plan = (orderId: string, replaceReferenceWith: string | null): StatusWritePlan => ({
      key: orderId,
      orderId,
      status: 'shipped',
      rawStatus: null,
      trackingNumber: 'TRK-1',
      carrier: null,
      replaceReferenceWith,
      documentNumber: 'BL-1',
      notifyCustomer: false,
      at: null,
    });
    const before = await adapter.orders.get('24');
    const outcomes = await adapter.orders.setStatus(
      [plan('24', taken), plan('25', 'SO-2025-0001'), plan('999', null)],
      write,
    );
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([false, true, false]);
    expect(outcomes[0]).toMatchObject({ error: 'duplicate: the order reference is already used by another order' });
    expect(await adapter.orders.get('24')).toEqual(before);
    expect((await adapter.orders.get('25'))?.reference).toBe('SO-2025-0001');
  });

  it('activation: an unknown id fails alone', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    const outcomes = await adapter.products.setActive(
      [
        { key: 'ACC-BELT', platformId: '13', active: false },
        { key: 'GHOST', platformId: '999999', active: false },
      ],
      write,
    );
    expect(outcomes).toEqual([
      { key: 'ACC-BELT', ok: true, id: '13' },
      { key: 'GHOST', ok: false, error: 'no product with id "999999"' },
    ]);
  });
});
