import { describe, expect, it } from 'vitest';
import { readPlatformSettings, woocommerceCoreDefaults, woocommerceSettingsSchema } from '../src/settings.js';
import { SEED_SKUS } from './fake/seed.js';
import { lastBatch, moduleFor, startFake } from './harness.js';

interface Result {
  key: string;
  outcome: string;
  id?: string;
  reason?: string;
  withheld?: string[];
  error?: string;
}

const PRODUCT = { reference: SEED_SKUS.simple, name: { en: 'Premium Quality' } };
const results = (body: unknown) => (body as { results: Result[] }).results;
const woo = (settings: Record<string, unknown>) => ({ platform: { woocommerce: settings } });

describe('platform.woocommerce settings', () => {
  it('parse from nothing with the plug-in’s defaults, and refuse unknown keys', () => {
    expect(readPlatformSettings({})).toEqual({
      relinkImages: false,
      linkType: 'upsell',
      updateMasterProduct: true,
      masterProductImage: true,
      yoastSeo: false,
      wpml: false,
      brands: false,
      brandAttribute: null,
      supplierAttribute: null,
      barcodeAttribute: null,
      orderStatusMap: {},
    });
    expect(woocommerceSettingsSchema.safeParse({ platform: { woocommerce: { relinkimages: true } } }).success).toBe(
      false,
    );
    expect(
      woocommerceSettingsSchema.parse({ platform: { woocommerce: { brandAttribute: '  ' } } }).platform.woocommerce
        .brandAttribute,
    ).toBeNull();
  });

  it('a new module starts with the WooCommerce plug-in’s core defaults (name updated, stock drives the state)', async () => {
    const fake = startFake();
    const module = await moduleFor(fake);
    const { settings } = await module.settings.current();
    expect(settings.products.update.name).toBe(woocommerceCoreDefaults.products.update.name);
    expect(settings.products.update.dimensions).toBe(false);
    expect(settings.stock).toMatchObject({ disableAtZero: true, enableWhenBackInStock: true, outOfStockAtZero: false });
  });

  it('relinkImages: on reuses the gallery image with the same file name; off uploads it again', async () => {
    const image = { url: 'https://elsewhere.test/uploads/T_2_front-4.jpg', position: 0 };
    for (const [relink, expected] of [
      [true, [{ id: 792 }]],
      [false, [{ src: image.url }]],
    ] as const) {
      const fake = startFake();
      const module = await moduleFor(fake, {
        products: { update: { images: true } },
        ...woo({ relinkImages: relink }),
      });
      await module.call('PUT', '/products', { items: [{ ...PRODUCT, images: [image] }] });
      expect(lastBatch(fake).update?.[0]?.images).toEqual(expected);
    }
  });

  it('linkType: related products without a type become up-sells or cross-sells', async () => {
    for (const [linkType, field] of [
      ['upsell', 'upsell_ids'],
      ['cross-sell', 'cross_sell_ids'],
    ] as const) {
      const fake = startFake();
      const module = await moduleFor(fake, { products: { update: { relatedProducts: true } }, ...woo({ linkType }) });
      await module.call('PUT', '/products', {
        items: [{ ...PRODUCT, relatedProducts: [{ reference: 'WOO-EXTRA-2', type: 'related' }] }],
      });
      expect(lastBatch(fake).update?.[0]?.[field]).toEqual([902]);
    }
  });

  it('updateMasterProduct off: only the variations of a variable product are written, and the result says so', async () => {
    const item = {
      reference: SEED_SKUS.variable,
      name: { en: 'Ship Your Idea (new)' },
      variants: [{ reference: SEED_SKUS.variationBlack, options: [{ name: 'Color', value: 'Black' }], price: '12.00' }],
    };
    const off = startFake();
    const moduleOff = await moduleFor(off, {
      products: { update: { name: true, price: true } },
      ...woo({ updateMasterProduct: false }),
    });
    const [result] = results((await moduleOff.call('PUT', '/products', { items: [item] })).body);
    expect(off.batchCalls('products')).toHaveLength(0);
    expect(lastBatch(off, 'products/799/variations').update?.[0]).toMatchObject({ id: 732, regular_price: '12.00' });
    expect(result?.reason).toMatch(/updateMasterProduct is off/);
    expect(off.state.products.get(799)?.name).toBe('Ship Your Idea');

    const on = startFake();
    const moduleOn = await moduleFor(on, { products: { update: { name: true, price: true } } });
    await moduleOn.call('PUT', '/products', { items: [item] });
    expect(lastBatch(on).update?.[0]).toMatchObject({ id: 799, name: 'Ship Your Idea (new)' });
  });

  it('masterProductImage: a new variable product without images takes its first variation’s image', async () => {
    const item = {
      reference: 'NEW-VAR',
      name: { en: 'New variable' },
      variants: [
        {
          reference: 'NEW-VAR-S',
          options: [{ name: 'Size', value: 'S' }],
          price: '10.00',
          images: [{ url: 'https://cdn.test/s.jpg', position: 0 }],
        },
        { reference: 'NEW-VAR-M', options: [{ name: 'Size', value: 'M' }], price: '11.00' },
      ],
    };
    for (const [masterProductImage, images] of [
      [true, [{ src: 'https://cdn.test/s.jpg' }]],
      [false, undefined],
    ] as const) {
      const fake = startFake();
      const module = await moduleFor(fake, woo({ masterProductImage }));
      const [result] = results((await module.call('PUT', '/products', { items: [item] })).body);
      expect(result?.outcome).toBe('created');
      const created = lastBatch(fake).create?.[0];
      expect(created).toMatchObject({
        sku: 'NEW-VAR',
        type: 'variable',
        attributes: [{ name: 'Size', variation: true, options: ['S', 'M'] }],
      });
      expect(created?.images).toEqual(images);
      const variations = lastBatch(fake, `products/${result?.id}/variations`).create;
      expect(variations?.map((variation) => variation.sku)).toEqual(['NEW-VAR-S', 'NEW-VAR-M']);
    }
  });

  it('yoastSeo on but Yoast SEO not active: an SEO-only update is skipped with that reason', async () => {
    const fake = startFake();
    const module = await moduleFor(fake, woo({ yoastSeo: true }));
    const [result] = results(
      (await module.call('PUT', '/products', { items: [{ ...PRODUCT, metaDescription: { en: 'Best quality.' } }] }))
        .body,
    );
    expect(result).toMatchObject({
      outcome: 'skipped',
      reason: expect.stringMatching(/metaDescription \(Yoast SEO is not active on the shop\)/),
    });
    expect(fake.batchCalls('products')).toHaveLength(0);
  });

  it('yoastSeo off: SEO fields are kept back with the reason, the rest of the product is written', async () => {
    const fake = startFake({ plugins: ['wordpress-seo/wp-seo.php'] });
    const module = await moduleFor(fake, { products: { update: { price: true } } });
    const [result] = results(
      (await module.call('PUT', '/products', { items: [{ ...PRODUCT, price: '25.00', metaTitle: { en: 'T' } }] })).body,
    );
    expect(result).toMatchObject({
      outcome: 'updated',
      reason: expect.stringMatching(/metaTitle \(platform.woocommerce.yoastSeo is off/),
    });
    expect(lastBatch(fake).update?.[0]).toEqual({ id: 794, regular_price: '25.00' });
  });

  it('wpml on with WPML active: texts in other languages create the translation, linked to the product', async () => {
    const fake = startFake({
      plugins: ['sitepress-multilingual-cms/sitepress.php', 'woocommerce-multilingual/wpml-woocommerce.php'],
    });
    const module = await moduleFor(fake, { products: { update: { name: true } }, ...woo({ wpml: true }) });
    const [result] = results(
      (
        await module.call('PUT', '/products', {
          items: [{ ...PRODUCT, name: { en: 'Premium', fr: 'Qualité supérieure' } }],
        })
      ).body,
    );
    expect(result?.outcome).toBe('updated');
    const translation = fake.calls.find((call) => call.method === 'POST' && call.path === 'products');
    expect(translation).toMatchObject({
      query: { lang: 'fr' },
      body: { name: 'Qualité supérieure', translation_of: 794 },
    });
    expect(fake.state.products.get(794)?.translations).toEqual({ fr: expect.any(Number) });
  });

  it('wpml off: texts in other languages are not written, and the result names them', async () => {
    const fake = startFake();
    const module = await moduleFor(fake, { products: { update: { name: true } } });
    const [result] = results(
      (await module.call('PUT', '/products', { items: [{ ...PRODUCT, name: { en: 'Premium', fr: 'Qualité' } }] })).body,
    );
    expect(result?.reason).toMatch(/texts in fr \(platform.woocommerce.wpml is off/);
    expect(lastBatch(fake).update?.[0]).toEqual({ id: 794, name: 'Premium' });
  });

  it('brands on: the manufacturer becomes a brand term, created when missing', async () => {
    const fake = startFake({ brands: true });
    const module = await moduleFor(fake, { products: { update: { manufacturer: true } }, ...woo({ brands: true }) });
    await module.call('PUT', '/products', { items: [{ ...PRODUCT, manufacturer: 'Acme' }] });
    expect(lastBatch(fake, 'products/brands').create).toEqual([{ name: 'Acme' }]);
    const brandId = [...fake.state.brands.values()][0]?.id;
    expect(lastBatch(fake).update?.[0]).toEqual({ id: 794, brands: [brandId] });
  });

  it('brands on but the shop has no brand taxonomy: a manufacturer-only update is skipped with the reason', async () => {
    const fake = startFake({ brands: false });
    const module = await moduleFor(fake, { products: { update: { manufacturer: true } }, ...woo({ brands: true }) });
    const [result] = results(
      (await module.call('PUT', '/products', { items: [{ ...PRODUCT, manufacturer: 'Acme' }] })).body,
    );
    expect(result).toMatchObject({
      outcome: 'skipped',
      reason: expect.stringMatching(/no brand taxonomy on the shop/),
    });
  });

  it('barcodeAttribute: the barcode goes to that attribute instead of the GTIN field, keeping other attributes', async () => {
    const fake = startFake();
    const module = await moduleFor(fake, {
      products: { update: { barcode: true } },
      ...woo({ barcodeAttribute: 'EAN' }),
    });
    await module.call('PUT', '/products', { items: [{ ...PRODUCT, ean13: '4006381333931' }] });
    const payload = lastBatch(fake).update?.[0];
    expect(payload?.global_unique_id).toBeUndefined();
    expect(payload?.attributes).toEqual([
      { name: 'EAN', position: 0, visible: true, variation: false, options: ['4006381333931'] },
    ]);
  });

  it('orderStatusMap: a plug-in status reads as the status the admin chose', async () => {
    const fake = startFake({ customStatuses: [{ slug: 'awaiting-shipment', name: 'Awaiting shipment' }] });
    (fake.state.orders.get(727) as { status: string }).status = 'awaiting-shipment';
    const module = await moduleFor(fake, woo({ orderStatusMap: { 'awaiting-shipment': 'processing' } }));
    const answer = await module.call('GET', '/orders/727');
    expect((answer.body as { status: unknown }).status).toEqual({
      status: 'processing',
      rawStatus: 'awaiting-shipment',
    });
  });
});
