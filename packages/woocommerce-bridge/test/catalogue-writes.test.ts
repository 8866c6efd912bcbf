import { defaultSettings, type PlannedWrite, type ProductWrite } from '@passerelle/core';
import { describe, expect, it } from 'vitest';
import { SEED_SKUS } from './fake/seed.js';
import { adapterFor, lastBatch, moduleFor, startFake } from './harness.js';

interface Result {
  key: string;
  outcome: string;
  id?: string;
  reason?: string;
  error?: string;
}
const results = (body: unknown) => (body as { results: Result[] }).results;
const context = { shopId: 'default', settings: defaultSettings() };

describe('category writes', () => {
  it('a new tree in one request: parents are created first, children under them, the reference is the slug', async () => {
    const fake = startFake();
    const module = await moduleFor(fake);
    const answer = await module.call('PUT', '/categories', {
      items: [
        { reference: 'shoes-running', name: { en: 'Running' }, parent: { reference: 'shoes' } },
        { reference: 'shoes', name: { en: 'Shoes' }, parent: null },
      ],
    });
    const [child, parent] = results(answer.body);
    expect(parent).toMatchObject({ key: 'shoes', outcome: 'created' });
    expect(child).toMatchObject({ key: 'shoes-running', outcome: 'created' });
    const created = [...fake.state.categories.values()];
    const shoes = created.find((category) => category.slug === 'shoes');
    expect(created.find((category) => category.slug === 'shoes-running')?.parent).toBe(shoes?.id);
    expect(fake.batchCalls('products/categories')).toHaveLength(2);
  });

  it('a slug other than the reference is not written, and the result says why', async () => {
    const fake = startFake();
    const module = await moduleFor(fake, { categories: { update: { name: true } } });
    const [result] = results(
      (
        await module.call('PUT', '/categories', {
          items: [{ reference: 'hoodies', name: { en: 'Sweats' }, slug: { en: 'sweats' } }],
        })
      ).body,
    );
    expect(result).toMatchObject({
      outcome: 'updated',
      reason: 'slug kept as "hoodies": it is the category\'s reference in WooCommerce',
    });
    expect(lastBatch(fake, 'products/categories').update).toEqual([{ id: 10, name: 'Sweats' }]);
  });

  it('an unknown parent fails that category alone', async () => {
    const fake = startFake();
    const module = await moduleFor(fake);
    const [result] = results(
      (
        await module.call('PUT', '/categories', {
          items: [{ reference: 'orphans', name: { en: 'Orphans' }, parent: { reference: 'nowhere' } }],
        })
      ).body,
    );
    expect(result).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/parent category .* not found/) });
  });
});

describe('customer writes', () => {
  it('creates a customer with a random password, the ERP code in meta, addresses and B2B data', async () => {
    const fake = startFake();
    const module = await moduleFor(fake);
    const [result] = results(
      (
        await module.call('PUT', '/customers', {
          items: [
            {
              reference: 'CL00100',
              email: 'anna@example.com',
              firstName: 'Anna',
              lastName: 'Smith',
              company: 'Smith SARL',
              vatNumber: 'FR99999999999',
              addresses: [
                {
                  type: 'both',
                  firstName: 'Anna',
                  lastName: 'Smith',
                  address1: '2 quai X',
                  postcode: '69002',
                  city: 'Lyon',
                  country: 'FR',
                  state: 'FR-69',
                },
              ],
              newsletter: true,
            },
          ],
        })
      ).body,
    );
    expect(result).toMatchObject({
      outcome: 'created',
      reason: expect.stringMatching(/newsletter \(WooCommerce customers have no such field\)/),
    });
    const created = lastBatch(fake, 'customers').create?.[0] as Record<string, unknown>;
    expect(created).toMatchObject({
      email: 'anna@example.com',
      first_name: 'Anna',
      billing: { company: 'Smith SARL', city: 'Lyon', state: '69', email: 'anna@example.com' },
      shipping: { city: 'Lyon' },
    });
    expect(typeof created.password).toBe('string');
    expect(created.meta_data).toEqual(
      expect.arrayContaining([
        { key: 'passerelle_customer_code', value: 'CL00100' },
        { key: 'passerelle_vat_number', value: 'FR99999999999' },
      ]),
    );
    const found = await module.adapter.customers.getByReferences(['CL00100']);
    expect(found.get('CL00100')).toMatchObject({
      email: 'anna@example.com',
      company: 'Smith SARL',
      vatNumber: 'FR99999999999',
    });
  });

  it('a customer matched by email gets the ERP code written with its update, so the next write finds it by code', async () => {
    const fake = startFake();
    const module = await moduleFor(fake, { customers: { update: { names: true } } });
    await module.call('PUT', '/customers', {
      items: [{ reference: 'CL00026', email: 'joao.silva@example.com', firstName: 'Joao' }],
    });
    expect(lastBatch(fake, 'customers').update?.[0]).toMatchObject({
      id: 26,
      meta_data: [{ key: 'passerelle_customer_code', value: 'CL00026' }],
    });
    expect((await module.adapter.customers.getByReferences(['CL00026'])).get('CL00026')?.id).toBe('26');
  });
});

describe('product and price writes', () => {
  it('products.setActive publishes or sets to draft, never deletes', async () => {
    const fake = startFake();
    const module = await moduleFor(fake);
    const answer = await module.call('POST', '/products/activation', {
      items: [{ reference: SEED_SKUS.simple, active: false }],
    });
    expect(results(answer.body)[0]).toMatchObject({ outcome: 'updated', id: '794' });
    expect(fake.state.products.get(794)?.status).toBe('draft');
  });

  it('prices by SKU: a variation’s price goes to its parent’s variations batch; the sale price carries its period', async () => {
    const fake = startFake();
    const module = await moduleFor(fake, { products: { update: { specificPrices: true } } });
    const answer = await module.call('PUT', '/prices', {
      items: [
        { reference: SEED_SKUS.variationBlack, price: '11.00', currency: 'USD' },
        {
          reference: SEED_SKUS.simple,
          price: '22.00',
          currency: 'USD',
          specificPrices: [
            {
              reduction: { type: 'percentage', value: '10' },
              from: '2025-07-01T00:00:00Z',
              to: '2025-07-31T00:00:00Z',
            },
          ],
        },
      ],
    });
    expect(results(answer.body).map((result) => result.outcome)).toEqual(['updated', 'updated']);
    expect(lastBatch(fake, 'products/799/variations').update).toEqual([{ id: 732, regular_price: '11.00' }]);
    expect(lastBatch(fake).update).toEqual([
      {
        id: 794,
        regular_price: '22.00',
        sale_price: '19.80',
        date_on_sale_from_gmt: '2025-07-01T00:00:00',
        date_on_sale_to_gmt: '2025-07-31T00:00:00',
      },
    ]);
  });

  it('a price in another currency, or a tax-inclusive shop without priceIncl, is not written silently', async () => {
    const fake = startFake({ pricesIncludeTax: true });
    const module = await moduleFor(fake);
    const answer = await module.call('PUT', '/prices', {
      items: [
        { reference: SEED_SKUS.simple, price: '22.00', currency: 'EUR' },
        { reference: 'WOO-EXTRA-1', price: '10.00', currency: 'USD' },
        { reference: 'WOO-EXTRA-2', price: '10.00', priceIncl: '12.00', currency: 'USD' },
      ],
    });
    const [other, withoutIncl, withIncl] = results(answer.body);
    expect(other).toMatchObject({ outcome: 'failed', error: 'the price is in EUR but the shop sells in USD' });
    expect(withoutIncl).toMatchObject({
      outcome: 'skipped',
      reason: expect.stringMatching(/including tax: send priceIncl/),
    });
    expect(withIncl?.outcome).toBe('updated');
    expect(fake.state.products.get(902)?.regular_price).toBe('12.00');
  });

  it('a new product with categories by name, parents included when asked, and related products by SKU', async () => {
    const fake = startFake();
    const adapter = adapterFor(fake);
    const data: ProductWrite = {
      reference: 'NEW-HOODIE',
      name: { en: 'Hoodie' },
      price: '35.00',
      defaultCategory: 'Hoodies',
      relatedProducts: [{ reference: SEED_SKUS.simple, type: 'cross-sell' }],
    };
    const plan: PlannedWrite<ProductWrite> = {
      key: 'NEW-HOODIE',
      action: 'create',
      platformId: null,
      data,
      incoming: data,
      directives: { parentCategories: true },
    };
    const [outcome] = await adapter.products.write([plan], context);
    expect(outcome).toMatchObject({ ok: true });
    expect(lastBatch(fake).create?.[0]).toMatchObject({
      sku: 'NEW-HOODIE',
      regular_price: '35.00',
      categories: [{ id: 10 }, { id: 9 }],
      cross_sell_ids: [794],
      upsell_ids: [],
    });
  });

  it('an unknown category is reported, the product still written with what was found', async () => {
    const fake = startFake();
    const adapter = adapterFor(fake);
    const data: ProductWrite = {
      reference: 'NEW-X',
      name: { en: 'X' },
      defaultCategory: 'Nowhere',
      categories: ['Music'],
    };
    const [outcome] = await adapter.products.write(
      [{ key: 'NEW-X', action: 'create', platformId: null, data, incoming: data, directives: {} }],
      context,
    );
    expect(outcome).toMatchObject({ ok: true, note: 'not written: categories (no category named "Nowhere")' });
    expect(lastBatch(fake).create?.[0]?.categories).toEqual([{ id: 11 }]);
  });

  it('a duplicate SKU on create fails that item with WooCommerce’s own error', async () => {
    const fake = startFake();
    const adapter = adapterFor(fake);
    const data: ProductWrite = { reference: SEED_SKUS.simple, name: { en: 'Again' } };
    const [outcome] = await adapter.products.write(
      [{ key: SEED_SKUS.simple, action: 'create', platformId: null, data, incoming: data, directives: {} }],
      context,
    );
    expect(outcome).toMatchObject({
      ok: false,
      retryable: false,
      error: 'product_invalid_sku: Invalid or duplicated SKU.',
    });
  });
});
