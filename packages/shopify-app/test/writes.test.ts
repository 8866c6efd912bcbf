import type { CustomerWrite, PlannedWrite, PriceWrite, ProductWrite, StatusWritePlan } from '@passerelle/core';
import { describe, expect, it } from 'vitest';
import { PRODUCT_SET_MUTATION } from '../src/graphql/products.js';
import { shopifySettingsSchema } from '../src/settings.js';
import { adapterFor, useFakeShopify } from './support.js';

const { fake } = useFakeShopify();
const context = (shopify: Record<string, unknown> = {}) => ({
  shopId: 'x',
  settings: shopifySettingsSchema.parse({ platform: { shopify } }),
});

function plan<T>(
  key: string,
  action: 'create' | 'update',
  platformId: string | null,
  data: Partial<T>,
  directives: Record<string, unknown> = {},
): PlannedWrite<T> {
  return { key, action, platformId, data, incoming: { reference: key, ...data } as T, directives };
}

describe('product writes: productSet creates with every variant; updates never go through productSet', () => {
  it('creates a product with its variants in one productSet call, readable by reference', async () => {
    const { shop, adapter } = adapterFor(fake);
    const [outcome] = await adapter.products!.write!(
      [
        plan<ProductWrite>('TEE', 'create', null, {
          reference: 'TEE',
          name: { en: 'Organic tee' },
          manufacturer: 'Passerelle',
          active: true,
          variants: [
            { reference: 'TEE-S', options: [{ name: 'Size', value: 'S' }], price: '10.00' },
            { reference: 'TEE-M', options: [{ name: 'Size', value: 'M' }], price: '11.00' },
          ],
        }),
      ],
      context(),
    );
    expect(outcome).toMatchObject({ key: 'TEE', ok: true });
    expect(fake.count('productSet', shop.domain)).toBe(1);
    const found = (await adapter.products!.getByReferences!(['TEE'])).get('TEE');
    expect(found?.variants?.map((variant) => [variant.reference, variant.price])).toEqual([
      ['TEE-S', '10.00'],
      ['TEE-M', '11.00'],
    ]);
    expect(found?.manufacturer).toBe('Passerelle');
  });

  it('a one-variant update is productVariantsBulkUpdate on that variant: the others are untouched, productSet is not used', async () => {
    const { shop, adapter } = adapterFor(fake);
    const ipod = (await adapter.products!.getByReferences!(['ipod-nano'])).get('ipod-nano');
    const red = ipod?.variants?.find((variant) => variant.reference === 'IPOD2008RED');
    const before = fake.count('productSet', shop.domain);
    const [outcome] = await adapter.products!.write!(
      [
        plan<ProductWrite>(
          'ipod-nano',
          'update',
          ipod?.id as string,
          { variants: [{ reference: 'IPOD2008RED', price: '149.00' }] as ProductWrite['variants'] },
          {
            variants: [{ key: 'IPOD2008RED', action: 'update', platformId: red?.id, data: { price: '149.00' } }],
          },
        ),
      ],
      context(),
    );
    expect(outcome).toMatchObject({ ok: true });
    expect(fake.count('productSet', shop.domain)).toBe(before);
    expect(fake.count('productVariantsBulkUpdate', shop.domain)).toBe(1);
    const after = await adapter.products!.get!(ipod?.id as string);
    expect(after?.variants?.map((variant) => [variant.reference, variant.price])).toEqual([
      ['IPOD2008PINK', '199.00'],
      ['IPOD2008RED', '149.00'],
      ['IPOD2008GREEN', '199.00'],
    ]);
  });

  it('why: productSet deletes the variants its input omits (the fake does what Shopify documents)', async () => {
    const { shop, client } = adapterFor(fake);
    const ipod = [...shop.products.values()].find((product) => product.handle === 'ipod-nano');
    const pink = shop.variants.get(ipod?.variantIds[0] as string);
    await client.request(PRODUCT_SET_MUTATION, {
      identifier: { id: ipod?.id },
      input: {
        productOptions: [{ name: 'Color', values: [{ name: 'Pink' }] }],
        variants: [{ id: pink?.id, optionValues: [{ optionName: 'Color', name: 'Pink' }] }],
      },
    });
    expect(ipod?.variantIds).toHaveLength(1);
  });

  it('a new variant of an existing product is created, matched by SKU when core gives no platform id', async () => {
    const { shop, adapter } = adapterFor(fake);
    const ipod = (await adapter.products!.getByReferences!(['ipod-nano'])).get('ipod-nano');
    const [outcome] = await adapter.products!.write!(
      [
        plan<ProductWrite>('ipod-nano', 'update', ipod?.id as string, {
          variants: [
            { reference: 'IPOD2008RED', options: [{ name: 'Color', value: 'Red' }], price: '189.00' },
            { reference: 'IPOD2008BLUE', options: [{ name: 'Color', value: 'Blue' }], price: '199.00' },
          ],
        }),
      ],
      context(),
    );
    expect(outcome).toMatchObject({ ok: true });
    expect(fake.count('productVariantsBulkCreate', shop.domain)).toBe(1);
    const after = await adapter.products!.get!(ipod?.id as string);
    expect(after?.variants?.map((variant) => variant.reference)).toEqual([
      'IPOD2008PINK',
      'IPOD2008RED',
      'IPOD2008GREEN',
      'IPOD2008BLUE',
    ]);
    expect(after?.variants?.find((variant) => variant.reference === 'IPOD2008RED')?.price).toBe('189.00');
  });

  it('replaces images when the rules ask to delete them first; fields Shopify cannot hold are reported', async () => {
    const { shop, adapter } = adapterFor(fake);
    const ipod = [...shop.products.values()].find((product) => product.handle === 'ipod-nano');
    const [outcome] = await adapter.products!.write!(
      [
        plan<ProductWrite>(
          'ipod-nano',
          'update',
          ipod?.id as string,
          {
            images: [{ url: 'https://cdn.example.com/new.png', position: 0 }],
            isbn: '978-3-16-148410-0',
            features: [{ name: 'Color', value: 'x' }],
          },
          { deleteImagesFirst: true },
        ),
      ],
      context(),
    );
    expect(outcome).toMatchObject({ ok: true, note: 'not stored by Shopify: features' });
    expect(ipod?.media.map((media) => media.url)).toEqual(['https://cdn.example.com/new.png']);
  });

  it('activation writes the product status', async () => {
    const { shop, adapter } = adapterFor(fake);
    const mug = [...shop.products.values()].find((product) => product.handle === 'mug-blue');
    const [outcome] = await adapter.products!.setActive!(
      [{ key: 'MUG-BLUE', platformId: mug?.id as string, active: false }],
      context(),
    );
    expect(outcome).toMatchObject({ ok: true });
    expect(mug?.status).toBe('DRAFT');
  });
});

describe('prices and customers', () => {
  it('prices go to the variants, one call per product; another currency than the shop’s is refused', async () => {
    const { shop, adapter } = adapterFor(fake);
    const outcomes = await adapter.prices!.write(
      [
        plan<PriceWrite>('IPOD2008PINK', 'update', null, { price: '179.00' }),
        plan<PriceWrite>('IPOD2008GREEN', 'update', null, { price: '169.00' }),
        {
          ...plan<PriceWrite>('MUG-BLUE', 'update', null, { price: '1.00' }),
          incoming: { reference: 'MUG-BLUE', price: '1.00', currency: 'EUR' },
        },
      ].map((entry) => ({ ...entry, incoming: { ...entry.incoming, currency: entry.incoming.currency ?? 'USD' } })),
      context(),
    );
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, false]);
    expect(fake.count('productVariantsBulkUpdate', shop.domain)).toBe(1);
    const prices = await adapter.prices!.getByReferences!(['IPOD2008PINK', 'IPOD2008GREEN']);
    expect(prices.get('IPOD2008PINK')?.price).toBe('179.00');
    expect(prices.get('IPOD2008GREEN')?.price).toBe('169.00');
  });

  it('a tax-inclusive shop gets the tax-included price when the ERP gives one', async () => {
    const { shop, adapter } = adapterFor(fake, { taxesIncluded: true });
    const [outcome] = await adapter.prices!.write(
      [
        {
          ...plan<PriceWrite>('MUG-BLUE', 'update', null, { price: '10.00', priceIncl: '12.00' }),
          incoming: { reference: 'MUG-BLUE', price: '10.00', priceIncl: '12.00', currency: 'USD' },
        },
      ],
      context(),
    );
    expect(outcome).toMatchObject({ ok: true });
    expect([...shop.variants.values()].find((variant) => variant.sku === 'MUG-BLUE')?.price).toBe('12.00');
  });

  it('creates a customer with its group as a tag, its reference and its address; updates add or replace tags', async () => {
    const { shop, adapter } = adapterFor(fake);
    const [created] = await adapter.customers!.write!(
      [
        plan<CustomerWrite>('C-100', 'create', null, {
          reference: 'C-100',
          email: 'ada@example.com',
          firstName: 'Ada',
          lastName: 'Lovelace',
          groups: ['Wholesale'],
          siret: '12345678900010',
          addresses: [
            {
              type: 'both',
              firstName: 'Ada',
              lastName: 'Lovelace',
              address1: '1 Analytical St',
              postcode: '75001',
              city: 'Paris',
              country: 'FR',
            },
          ],
        }),
      ],
      context(),
    );
    expect(created).toMatchObject({ ok: true, note: 'not stored by Shopify: siret' });
    const id = created?.ok === true ? created.id : '';
    const read = await adapter.customers!.get!(id);
    expect(read).toMatchObject({
      reference: 'C-100',
      email: 'ada@example.com',
      groups: ['Wholesale'],
      defaultGroup: 'Wholesale',
    });
    expect(read?.addresses?.[0]).toMatchObject({ city: 'Paris', country: 'FR', type: 'both' });

    await adapter.customers!.write!([plan<CustomerWrite>('C-100', 'update', id, { groups: ['Retail'] })], context());
    expect(shop.customers.get(id)?.tags).toEqual(['Wholesale', 'Retail']);
    await adapter.customers!.write!(
      [plan<CustomerWrite>('C-100', 'update', id, { groups: ['VIP'] })],
      context({ replaceCustomerTags: true }),
    );
    expect(shop.customers.get(id)?.tags).toEqual(['VIP']);
    expect((await adapter.customers!.getByEmails!(['ada@example.com'])).get('ada@example.com')?.id).toBe(id);
  });
});

describe('order status writes', () => {
  const statusPlan = (orderId: string, status: string, extra: Partial<StatusWritePlan> = {}): StatusWritePlan => ({
    key: orderId,
    orderId,
    status,
    rawStatus: null,
    trackingNumber: null,
    carrier: null,
    replaceReferenceWith: null,
    documentNumber: null,
    notifyCustomer: false,
    at: null,
    ...extra,
  });

  it('shipped: a fulfillment with tracking and notifyCustomer; the ERP document number in a metafield', async () => {
    const { shop, adapter } = adapterFor(fake);
    const order = [...shop.orders.values()].find((entry) => entry.name === '#1002');
    const [outcome] = await adapter.orders!.setStatus!(
      [
        statusPlan(order?.id as string, 'shipped', {
          trackingNumber: 'TRACK-1',
          carrier: 'Colissimo',
          notifyCustomer: true,
          documentNumber: 'BL-2024-001',
        }),
      ],
      context(),
    );
    expect(outcome).toMatchObject({ ok: true });
    const after = await adapter.orders!.get(order?.id as string);
    expect(after).toMatchObject({
      status: { status: 'shipped' },
      documentNumber: 'BL-2024-001',
      trackingNumbers: ['TRACK-1'],
    });
    expect(order?.fulfillments[0]).toMatchObject({
      notifyCustomer: true,
      trackingInfo: [{ company: 'Colissimo', number: 'TRACK-1' }],
    });
  });

  it('delivered, completed, cancelled, paid and on hold go through their own mutations', async () => {
    const { shop, adapter } = adapterFor(fake);
    const byName = (name: string) => [...shop.orders.values()].find((entry) => entry.name === name)?.id as string;
    const outcomes = await adapter.orders!.setStatus!(
      [
        statusPlan(byName('#1002'), 'delivered'),
        statusPlan(byName('#1003'), 'cancelled'),
        statusPlan(byName('#1004'), 'on_hold'),
      ],
      context(),
    );
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, true]);
    expect((await adapter.orders!.get(byName('#1002')))?.status.status).toBe('delivered');
    expect((await adapter.orders!.get(byName('#1003')))?.status.status).toBe('cancelled');
    expect((await adapter.orders!.get(byName('#1004')))?.status.status).toBe('on_hold');
    await adapter.orders!.setStatus!([statusPlan(byName('#1002'), 'completed')], context());
    expect((await adapter.orders!.get(byName('#1002')))?.status.status).toBe('completed');
    expect(fake.count('orderClose', shop.domain)).toBe(1);
  });

  it('a status only Shopify sets is skipped with the reason; a replaced reference is kept as the document number', async () => {
    const { shop, adapter } = adapterFor(fake);
    const id = [...shop.orders.values()][0]?.id as string;
    const [refund, rename] = await adapter.orders!.setStatus!(
      [statusPlan(id, 'refunded'), { ...statusPlan(id, 'refunded'), key: 'r', replaceReferenceWith: 'FA-0042' }],
      context(),
    );
    expect(refund).toMatchObject({ ok: 'skipped' });
    expect(rename).toMatchObject({ ok: true });
    expect((await adapter.orders!.get(id))?.documentNumber).toBe('FA-0042');
  });

  it('every document validated against the schema', () => {
    expect(fake.calls.flatMap((call) => call.validationErrors)).toEqual([]);
  });
});
