import type { CustomerWrite, PlannedWrite, StockWritePlan, WriteContext } from '@passerelle/core';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDolibarrAdapter } from '../src/adapter.js';
import { dolibarrModuleSettingsSchema } from '../src/settings.js';
import { dolibarrSubject } from './conformance-subject.js';
import type { CreateFakeOptions } from './fake-dolibarr.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

function setup(dolibarr: Record<string, unknown> = {}, fakeOptions: CreateFakeOptions = {}) {
  const settings = dolibarrModuleSettingsSchema.parse({ platform: { dolibarr } });
  const subject = dolibarrSubject(server, fakeOptions, settings);
  const write: WriteContext = { shopId: 'default', settings };
  return { ...subject, settings, write, tables: subject.fake.context.tables };
}

function createPlan(data: CustomerWrite): PlannedWrite<CustomerWrite> {
  return { key: data.reference, action: 'create', platformId: null, data, incoming: data, directives: {} };
}

const lea: CustomerWrite = {
  reference: 'WEB-42',
  email: 'lea.dubois@example.fr',
  firstName: 'Léa',
  lastName: 'Dubois',
  language: 'fr',
  addresses: [
    {
      type: 'billing',
      firstName: 'Léa',
      lastName: 'Dubois',
      address1: '3 quai Perrache',
      postcode: '69002',
      city: 'Lyon',
      country: 'FR',
    },
    {
      type: 'shipping',
      firstName: 'Léa',
      lastName: 'Dubois',
      address1: '8 rue du Bât d’Argent',
      postcode: '69001',
      city: 'Lyon',
      country: 'FR',
    },
  ],
};

describe('customers.write', () => {
  it('creates a third party (code, upper-case name, language, main address) and a contact for the other address', async () => {
    const { adapter, write, tables } = setup({ uppercaseNames: true });
    const [outcome] = (await adapter.customers?.write?.([createPlan(lea)], write)) ?? [];
    expect(outcome).toMatchObject({ ok: true });
    const row = tables.thirdparties.get(Number(outcome?.ok === true ? outcome.id : -1));
    expect(row).toMatchObject({
      name: 'LÉA DUBOIS',
      firstname: 'Léa',
      lastname: 'Dubois',
      code_client: 'WEB-42',
      default_lang: 'fr_FR',
      address: '3 quai Perrache',
      country_id: 1,
      client: 1,
    });
    const contacts = [...tables.contacts.values()].filter((contact) => contact.socid === row?.id);
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ address: '8 rue du Bât d’Argent', zip: '69001' });

    // The same write again (a retried request) finds the third party and does not duplicate the contact.
    const [again] = (await adapter.customers?.write?.([createPlan(lea)], write)) ?? [];
    expect(again).toMatchObject({ ok: true, id: String(row?.id) });
    expect([...tables.thirdparties.values()].filter((entry) => entry.code_client === 'WEB-42')).toHaveLength(1);
    expect([...tables.contacts.values()].filter((contact) => contact.socid === row?.id)).toHaveLength(1);
  });

  it('finds an existing third party by email on create rather than making a second one', async () => {
    const { adapter, write, tables } = setup();
    const count = tables.thirdparties.size;
    const [outcome] =
      (await adapter.customers?.write?.(
        [
          createPlan({
            reference: 'WEB-77',
            email: 'Marie.Durand@example.org',
            firstName: 'Marie',
            lastName: 'Durand',
          }),
        ],
        write,
      )) ?? [];
    expect(outcome).toMatchObject({ ok: true, id: '1' });
    expect(tables.thirdparties.size).toBe(count);
  });

  it('matches by code and by normalised email', async () => {
    const { adapter } = setup();
    expect([...((await adapter.customers?.getByReferences?.(['CU2401-00002', 'nope'])) ?? new Map()).keys()]).toEqual([
      'CU2401-00002',
    ]);
    const byEmail = await adapter.customers?.getByEmails?.(['MARIE.DURAND@example.org']);
    expect(byEmail?.get('marie.durand@example.org')?.reference).toBe('CU2401-00001');
  });
});

describe('stock', () => {
  it('reads physical or virtual stock, of one warehouse or of all', async () => {
    const physical = setup({}, { stockDecrementOn: 'shipment' });
    const level = (await physical.adapter.stock?.getByReferences?.(['MUG-STONE']))?.get('MUG-STONE');
    expect(level).toMatchObject({ quantity: 45, quantityType: 'onHand', productId: '1' });
    expect(level?.location).toBeUndefined();

    const oneWarehouse = setup({ stockWarehouse: '2' }, { stockDecrementOn: 'shipment' });
    expect((await oneWarehouse.adapter.stock?.getByReferences?.(['MUG-STONE']))?.get('MUG-STONE')).toMatchObject({
      quantity: 5,
      location: '2',
    });

    // Virtual stock takes off what validated orders have not shipped yet: the seeded order 1 holds 2 mugs, shipped.
    const virtual = setup({ stockType: 'virtual' }, { stockDecrementOn: 'shipment' });
    await virtual.fake.backOffice.placeOrder();
    expect((await virtual.adapter.stock?.getByReferences?.(['MUG-STONE']))?.get('MUG-STONE')).toMatchObject({
      quantity: 44,
      quantityType: 'available',
    });
  });

  it('writes an absolute quantity as one movement of the difference, on the write warehouse', async () => {
    const { adapter, write, tables } = setup({ warehouse: '2' });
    const plan: StockWritePlan = {
      key: 'MUG-STONE',
      reference: 'MUG-STONE',
      platformId: '1',
      location: null,
      quantity: 50,
    };
    const [outcome] = (await adapter.stock?.write?.([plan], write)) ?? [];
    expect(outcome).toMatchObject({ ok: true, id: '1' });
    const movement = [...tables.movements.values()].at(-1);
    expect(movement).toMatchObject({
      product_id: 1,
      warehouse_id: 2,
      qty: 5,
      label: 'Passerelle stock synchronisation',
    });
    const [same] = (await adapter.stock?.write?.([plan], write)) ?? [];
    expect(same).toMatchObject({ ok: true, note: 'already at that quantity' });
  });

  it('refuses to move stock into a closed warehouse, saying which', async () => {
    const { adapter, write } = setup({ warehouse: '3' });
    const [outcome] =
      (await adapter.stock?.write?.(
        [{ key: 'MUG-STONE', reference: 'MUG-STONE', platformId: '1', location: null, quantity: 1 }],
        write,
      )) ?? [];
    expect(outcome).toMatchObject({ ok: false, error: expect.stringMatching(/warehouse 3 \(WH-ARCHIVE\) is closed/) });
  });
});

describe('products.write', () => {
  it('creates a product with variants through the variants API, attributes and values made on demand', async () => {
    const { adapter, write, tables } = setup();
    const data = {
      reference: 'SOCKS',
      name: { fr: 'Chaussettes' },
      price: '9.00',
      taxRate: '20',
      categories: ['CAT-CLOTH', 'Unknown category'],
      variants: [
        { reference: 'SOCKS-39', options: [{ name: 'Shoe size', value: '39-42' }], priceImpact: '0' },
        { reference: 'SOCKS-43', options: [{ name: 'Shoe size', value: '43-46' }], priceImpact: '1.00' },
      ],
    };
    const [outcome] =
      (await adapter.products?.write?.(
        [{ key: 'SOCKS', action: 'create', platformId: null, data, incoming: data, directives: {} }],
        write,
      )) ?? [];
    expect(outcome).toMatchObject({ ok: true, note: 'categories not found in Dolibarr: Unknown category' });
    const product = (await adapter.products?.getByReferences?.(['SOCKS']))?.get('SOCKS');
    expect(
      product?.variants?.map((variant) => [variant.reference, variant.priceImpact, variant.options[0]?.value]),
    ).toEqual([
      ['SOCKS-39', '0.00', '39-42'],
      ['SOCKS-43', '1.00', '43-46'],
    ]);
    expect([...tables.attributes.values()].some((attribute) => attribute.label === 'Shoe size')).toBe(true);
    expect(tables.categories.get(4)?.products.has(Number(product?.id))).toBe(true);
  });

  it('reports a price Dolibarr keeps because it runs price levels', async () => {
    const { adapter, write } = setup({}, { multiprices: true });
    const data = { reference: 'MUG-STONE', name: { fr: 'Stoneware mug' }, price: '14.00' };
    const [outcome] =
      (await adapter.products?.write?.(
        [
          {
            key: 'MUG-STONE',
            action: 'update',
            platformId: '1',
            data: { price: '14.00' },
            incoming: data,
            directives: {},
          },
        ],
        write,
      )) ?? [];
    expect(outcome).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/price levels/) });
  });
});

describe('multicompany', () => {
  it('sends DOLAPIENTITY so every read and write stays in that entity', async () => {
    const { fake } = setup();
    const settings = dolibarrModuleSettingsSchema.parse({});
    const sister = createDolibarrAdapter({
      url: fake.url,
      apiKey: fake.apiKey,
      entity: '2',
      settings: () => settings,
      retry: 0,
    });
    expect((await sister.products?.list({ cursor: null, limit: 10 }))?.items).toEqual([]);
    await sister.customers?.write?.(
      [createPlan({ reference: 'SIS-1', email: 'sister@example.org', firstName: 'S', lastName: 'Two' })],
      { shopId: 'default', settings },
    );
    const created = [...fake.context.tables.thirdparties.values()].find((row) => row.code_client === 'SIS-1');
    expect(created?.entity).toBe(2);
    expect(fake.calls.filter((call) => call.method === 'POST').every((call) => call.entity === 2)).toBe(true);
  });
});
