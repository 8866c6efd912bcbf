import { defaultSettings, type PlannedWrite, type ProductWrite, productSchema } from '@passerelle/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type ModuleShop, moduleShop, settingAt } from './module-harness.js';
import { type TestShop, testShop } from './subject.js';

let shop: TestShop | undefined;
let module: ModuleShop | undefined;
afterEach(async () => {
  shop?.fake.stop();
  await module?.close();
  shop = undefined;
  module = undefined;
});

const context = { shopId: 'default', settings: defaultSettings() };

describe('a new simple product with a quantity', () => {
  it('costs one POST and one PATCH of the stock row its answer names: no stock lookup', async () => {
    shop = await testShop();
    const data: ProductWrite = { reference: 'QTY-1', name: { en: 'Quantity product' }, price: '5.00', quantity: 7 };
    const plan: PlannedWrite<ProductWrite> = {
      key: 'QTY-1',
      action: 'create',
      platformId: null,
      data,
      incoming: data,
      directives: {},
    };
    const [outcome] = await shop.adapter.products.write([plan], context);
    expect(outcome?.ok).toBe(true);
    expect(shop.fake.count('POST', 'products')).toBe(1);
    expect(shop.fake.count('GET', 'stock_availables')).toBe(0);
    expect(shop.fake.count('PATCH', 'stock_availables')).toBe(1);
    const [level] = (await shop.adapter.stock.getByReferences(['QTY-1'])).values();
    expect(level?.quantity).toBe(7);
  });
});

describe('a multilingual product round-trips (2 languages)', () => {
  it('writes every translated field in English and French and reads the same texts back', async () => {
    shop = await testShop();
    const data: ProductWrite = {
      reference: 'ML-1',
      name: { en: 'Linen shirt', fr: 'Chemise en lin' },
      shortDescription: { en: '<p>Light & airy</p>', fr: '<p>Légère & aérée</p>' },
      description: { en: '<p>Woven in <b>Normandy</b>.</p>', fr: '<p>Tissée en <b>Normandie</b>.</p>' },
      metaTitle: { en: 'Linen shirt', fr: 'Chemise lin' },
      metaDescription: { en: 'A linen shirt', fr: 'Une chemise en lin' },
      metaKeywords: { en: 'linen, shirt', fr: 'lin, chemise' },
      slug: { en: 'linen-shirt', fr: 'chemise-en-lin' },
      price: '49.00',
      active: true,
    };
    const plan: PlannedWrite<ProductWrite> = {
      key: 'ML-1',
      action: 'create',
      platformId: null,
      data,
      incoming: data,
      directives: {},
    };
    const [outcome] = await shop.adapter.products.write([plan], context);
    expect(outcome?.ok).toBe(true);
    const product = productSchema.parse((await shop.adapter.products.getByReferences(['ML-1'])).get('ML-1'));
    for (const field of [
      'name',
      'shortDescription',
      'description',
      'metaTitle',
      'metaDescription',
      'metaKeywords',
      'slug',
    ] as const) {
      expect(product[field], field).toEqual(data[field]);
    }
    const post = shop.fake.calls.find((call) => call.method === 'POST' && call.resource === 'products');
    expect(post?.body).toContain(
      '<name><language id="1"><![CDATA[Linen shirt]]></language><language id="2"><![CDATA[Chemise en lin]]></language></name>',
    );
  });

  it('updates one language without touching the other (PATCH carries that language only)', async () => {
    shop = await testShop();
    const data = { name: { fr: 'T-shirt colibri' } } as Partial<ProductWrite>;
    const plan: PlannedWrite<ProductWrite> = {
      key: 'demo_1',
      action: 'update',
      platformId: '1',
      data,
      incoming: { reference: 'demo_1', name: { fr: 'T-shirt colibri' } },
      directives: {},
    };
    expect((await shop.adapter.products.write([plan], context))[0]?.ok).toBe(true);
    const product = await shop.adapter.products.get('1');
    expect(product?.name).toEqual({ en: 'Hummingbird printed t-shirt', fr: 'T-shirt colibri' });
    expect(shop.fake.calls.find((call) => call.method === 'PATCH')?.body).not.toContain('language id="1"');
  });

  it('reads a one-language shop, whose translated fields come as plain strings, under the shop language', async () => {
    shop = await testShop({ singleLanguage: true });
    const product = await shop.adapter.products.get('1');
    expect(product?.name).toEqual({ en: 'Hummingbird printed t-shirt' });
    const configuration = await shop.adapter.configuration();
    expect(configuration.languages).toEqual([{ code: 'en', name: 'English (English)', default: true }]);
  });
});

describe('stock lives in stock_availables', () => {
  it('writes a combination’s stock to the combination’s row, never to the parent’s', async () => {
    module = await moduleShop();
    const before = module.fake.stockOf(1, 1);
    const result = await module.writeOne('PUT', '/stock', { reference: 'demo_1_s_white', quantity: 77 });
    expect(result.outcome).toBe('updated');
    expect(before).toBe(1200);
    expect(module.fake.stockOf(1, 1)).toBe(77);
    expect(module.fake.stockOf(1, 2)).toBe(1200);
    // PrestaShop keeps the product's own row as the sum of its combinations.
    expect(module.fake.stockOf(1, 0)).toBe(77 + 1200);
    const writes = module.fake.calls.filter((call) => call.method !== 'GET');
    expect(writes.map((call) => `${call.method} ${call.path}`)).toEqual(['PATCH stock_availables/2']);
  });

  it('does not list the parent of combinations as a stock level, and refuses its reference', async () => {
    module = await moduleShop();
    const levels = await module.module.adapter.stock.getByReferences(['demo_1', 'demo_1_m_white', 'demo_11']);
    expect([...levels.keys()].sort()).toEqual(['demo_11', 'demo_1_m_white']);
    expect(levels.get('demo_1_m_white')).toMatchObject({
      productId: '1',
      variantId: '2',
      quantity: 1200,
      quantityType: 'available',
      tracked: true,
    });
    const result = await module.writeOne('PUT', '/stock', { reference: 'demo_1', quantity: 5 });
    expect(result.outcome).toBe('failed');
    expect(module.fake.stockOf(1, 0)).toBe(2400);
  });

  it('writes a variant quantity from a product write to the variant’s own row', async () => {
    module = await moduleShop(settingAt('products.update.quantity', true));
    const result = await module.writeOne('PUT', '/products', {
      reference: 'demo_3',
      name: { en: 'Hummingbird printed sweater', fr: 'Pull imprimé colibri' },
      variants: [{ reference: 'demo_3_m', options: [{ name: 'Size', value: 'M' }], quantity: 3 }],
    });
    expect(result.outcome, JSON.stringify(result)).toBe('updated');
    expect(module.fake.stockOf(2, 4)).toBe(3);
    expect(module.fake.stockOf(2, 3)).toBe(1000);
    expect(module.fake.stockOf(2, 0)).toBe(1003);
  });

  it('applies the stock policy of core: a negative quantity is sent as 0 unless allowed', async () => {
    module = await moduleShop();
    const result = await module.writeOne('PUT', '/stock', { reference: 'demo_12', quantity: -4 });
    expect(result.outcome).toBe('updated');
    expect(module.fake.stockOf(5)).toBe(0);
  });

  it('deactivates the product at zero when stock.disableAtZero is on', async () => {
    module = await moduleShop(settingAt('stock.disableAtZero', true));
    await module.writeOne('PUT', '/stock', { reference: 'demo_12', quantity: 0 });
    expect(module.fake.field('products', 5, 'active')).toBe('0');
  });
});

describe('variants and prices', () => {
  it('creates a product with its combinations, options, stock and price impacts', async () => {
    module = await moduleShop();
    const result = await module.writeOne('PUT', '/products', {
      reference: 'TEE-NEW',
      name: { en: 'New tee' },
      price: '20.00',
      variants: [
        { reference: 'TEE-NEW-S', options: [{ name: 'Size', value: 'S' }], quantity: 4, isDefault: true },
        { reference: 'TEE-NEW-XXL', options: [{ name: 'Size', value: 'XXL' }], price: '23.50', quantity: 2 },
      ],
    });
    expect(result.outcome, JSON.stringify(result)).toBe('created');
    const product = (await module.module.adapter.products.getByReferences(['TEE-NEW'])).get('TEE-NEW');
    expect(
      product?.variants?.map((variant) => [
        variant.reference,
        variant.options,
        variant.priceImpact,
        variant.quantity,
        variant.isDefault,
      ]),
    ).toEqual([
      ['TEE-NEW-S', [{ name: 'Size', value: 'S' }], '0.00', 4, true],
      ['TEE-NEW-XXL', [{ name: 'Size', value: 'XXL' }], '3.50', 2, false],
    ]);
    expect(
      module.fake.store
        .all('product_option_values')
        .filter((row) => (row.fields.name as Record<string, string>)['1'] === 'XXL'),
    ).toHaveLength(1);
  });

  it('PUT /prices: a combination’s price is written as its impact on the product price', async () => {
    module = await moduleShop();
    const answer = await module.call('PUT', '/prices', {
      items: [
        { reference: 'demo_6_60x90', price: '55.00', currency: 'EUR' },
        { reference: 'demo_11', price: '12.90', currency: 'EUR' },
        { reference: 'demo_12', price: '12.90', currency: 'USD' },
      ],
    });
    const results = (answer.body as { results: { outcome: string; error?: string }[] }).results;
    expect(results.map((result) => result.outcome)).toEqual(['updated', 'updated', 'failed']);
    expect(module.fake.field('combinations', 6, 'price')).toBe('26');
    expect(module.fake.field('products', 4, 'price')).toBe('12.9');
    expect(results[2]?.error).toContain('default currency (EUR), not USD');
  });

  it('reads prices with their specific prices, skipping those a catalog rule generated', async () => {
    shop = await testShop();
    const prices = await shop.adapter.prices.getByReferences(['demo_1', 'demo_16', 'demo_11', 'demo_6_60x90']);
    expect(prices.get('demo_6_60x90')).toMatchObject({ price: '49.00', currency: 'EUR', taxRate: '20' });
    expect(prices.get('demo_16')?.specificPrices).toEqual([
      { id: '1', fromQuantity: 1, customerGroup: 'FAM-WHOLESALE', reduction: { type: 'percentage', value: '10' } },
    ]);
    expect(prices.get('demo_1')?.specificPrices).toEqual([
      {
        id: '2',
        fromQuantity: 3,
        country: 'FR',
        currency: 'EUR',
        fixedPrice: '19.90',
        from: '2023-12-31T23:00:00Z',
        to: '2030-12-31T22:59:59Z',
      },
    ]);
    expect(prices.get('demo_11')?.specificPrices).toBeUndefined();
  });
});

describe('configuration()', () => {
  it('lists what the cloud maps against', async () => {
    shop = await testShop();
    const configuration = await shop.adapter.configuration();
    expect(configuration.orderStates?.find((state) => state.id === '4')).toMatchObject({
      name: 'Shipped',
      status: 'shipped',
      shipped: true,
    });
    expect(configuration.orderStates?.find((state) => state.id === '14')).toMatchObject({ status: 'unknown' });
    expect(configuration.paymentModules).toEqual(
      expect.arrayContaining([{ module: 'ps_checkout', name: 'Credit card', currencies: ['CAD', 'EUR'] }]),
    );
    expect(configuration.carriers?.map((carrier) => carrier.name)).toEqual(['Click and collect', 'My carrier']);
    expect(configuration.taxes?.map((tax) => [tax.name, tax.rate])).toContainEqual(['QST 9.975%', '9.975']);
    expect(configuration.taxRuleGroups).toContainEqual(
      expect.objectContaining({
        name: 'CA-QC GST + QST',
        rates: [
          { country: 'CA', state: 'QC', rate: '5' },
          { country: 'CA', state: 'QC', rate: '9.975' },
        ],
      }),
    );
    expect(configuration.currencies).toEqual({
      default: 'EUR',
      items: [
        { code: 'EUR', name: 'Euro', conversionRate: '1' },
        { code: 'CAD', name: 'Canadian Dollar', conversionRate: '1.47' },
      ],
    });
    expect(configuration.countries?.find((country) => country.code === 'CA')?.states).toEqual([
      { code: 'CA-QC', name: 'Quebec' },
      { code: 'CA-ON', name: 'Ontario' },
    ]);
    expect(configuration.languages).toEqual([
      { code: 'en', name: 'English (English)', default: true },
      { code: 'fr', name: 'Français (French)', default: false },
    ]);
    expect(configuration.customerGroups?.map((group) => group.name)).toEqual([
      'Visitor',
      'Guest',
      'Customer',
      'Wholesale',
    ]);
    expect(configuration.attributes?.find((attribute) => attribute.name === 'Size')?.values).toEqual([
      'S',
      'M',
      'L',
      'XL',
    ]);
    expect(configuration.shops).toEqual([{ id: '1', name: 'Passerelle Demo', active: true }]);
  });

  it('describe() names PrestaShop, its version and the pinned Webservice', async () => {
    shop = await testShop();
    expect(await shop.adapter.describe()).toEqual({
      platform: 'prestashop',
      platformVersion: '8.1.7',
      apiVersion: 'webservice-8.x-9.x',
      name: 'Passerelle Demo',
    });
  });
});
