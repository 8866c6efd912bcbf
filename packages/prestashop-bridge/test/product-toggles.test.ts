import { afterEach, describe, expect, it } from 'vitest';
import type { FakePrestashop } from './fake-prestashop.js';
import { IMAGE_HOST } from './fake-prestashop.js';
import { type ModuleShop, mergeSettings, moduleShop, settingAt } from './module-harness.js';

/** The mug `demo_11` (product 4) as the ERP knows it: its current name, so only the field under test differs. */
const MUG = { reference: 'demo_11', name: { en: 'Mug The best is yet to come', fr: 'Mug The best is yet to come' } };
const SHIRT = { reference: 'demo_1', name: { en: 'Hummingbird printed t-shirt', fr: 'T-shirt imprimé colibri' } };

interface ToggleCase {
  toggle: string;
  item: Record<string, unknown>;
  /** Asserts the change reached PrestaShop. */
  written(fake: FakePrestashop): void;
  /** Asserts PrestaShop still holds the seeded value. */
  kept(fake: FakePrestashop): void;
}

const associationIds = (fake: FakePrestashop, resource: string, id: number, name: string, field = 'id') =>
  (fake.record(resource, id)?.associations[name] ?? []).map((entry) => entry[field]);

const cases: ToggleCase[] = [
  {
    toggle: 'products.update.name',
    item: { ...MUG, name: { en: 'Mug Best', fr: 'Mug Meilleur' } },
    written: (fake) => {
      expect(fake.field('products', 4, 'name', '1')).toBe('Mug Best');
      expect(fake.field('products', 4, 'name', '2')).toBe('Mug Meilleur');
    },
    kept: (fake) => expect(fake.field('products', 4, 'name', '1')).toBe('Mug The best is yet to come'),
  },
  {
    toggle: 'products.update.shortDescription',
    item: { ...MUG, shortDescription: { en: '<p>Short</p>', fr: '<p>Court</p>' } },
    written: (fake) => expect(fake.field('products', 4, 'description_short', '2')).toBe('<p>Court</p>'),
    kept: (fake) => expect(fake.field('products', 4, 'description_short', '2')).toBe(''),
  },
  {
    toggle: 'products.update.description',
    item: { ...MUG, description: { en: '<p>Long & <b>bold</b></p>' } },
    written: (fake) => expect(fake.field('products', 4, 'description', '1')).toBe('<p>Long & <b>bold</b></p>'),
    kept: (fake) => expect(fake.field('products', 4, 'description', '1')).toBe(''),
  },
  {
    toggle: 'products.update.seo',
    item: { ...MUG, metaTitle: { en: 'Best mug' }, metaDescription: { en: 'A mug' }, metaKeywords: { en: 'mug' } },
    written: (fake) => {
      expect(fake.field('products', 4, 'meta_title', '1')).toBe('Best mug');
      expect(fake.field('products', 4, 'meta_description', '1')).toBe('A mug');
      expect(fake.field('products', 4, 'meta_keywords', '1')).toBe('mug');
    },
    kept: (fake) => expect(fake.field('products', 4, 'meta_title', '1')).toBe(''),
  },
  {
    toggle: 'products.update.slug',
    item: { ...MUG, slug: { en: 'Best Mug!', fr: 'meilleur-mug' } },
    written: (fake) => {
      expect(fake.field('products', 4, 'link_rewrite', '1')).toBe('best-mug');
      expect(fake.field('products', 4, 'link_rewrite', '2')).toBe('meilleur-mug');
    },
    kept: (fake) => expect(fake.field('products', 4, 'link_rewrite', '1')).toBe('mug-the-best-is-yet-to-come'),
  },
  {
    toggle: 'products.update.price',
    item: { ...MUG, price: '15.50', wholesalePrice: '4.20' },
    written: (fake) => {
      expect(Number(fake.field('products', 4, 'price'))).toBe(15.5);
      expect(Number(fake.field('products', 4, 'wholesale_price'))).toBe(4.2);
    },
    kept: (fake) => expect(fake.field('products', 4, 'price')).toBe('11.900000'),
  },
  {
    toggle: 'products.update.tax',
    item: { ...MUG, taxRate: '5.5' },
    written: (fake) => expect(fake.field('products', 4, 'id_tax_rules_group')).toBe('3'),
    kept: (fake) => expect(fake.field('products', 4, 'id_tax_rules_group')).toBe('1'),
  },
  {
    toggle: 'products.update.specificPrices',
    item: {
      ...MUG,
      specificPrices: [{ customerGroup: 'FAM-WHOLESALE', reduction: { type: 'percentage', value: '15' } }],
    },
    written: (fake) => {
      const rows = fake.store.all('specific_prices').filter((row) => row.fields.id_product === '4');
      expect(
        rows.map((row) => [
          row.fields.id_group,
          row.fields.reduction,
          row.fields.reduction_type,
          row.fields.id_specific_price_rule,
        ]),
      ).toEqual([
        ['0', '1.000000', 'amount', '1'],
        ['4', '0.15', 'percentage', ''],
      ]);
    },
    kept: (fake) =>
      expect(fake.store.all('specific_prices').filter((row) => row.fields.id_product === '4')).toHaveLength(1),
  },
  {
    toggle: 'products.update.quantity',
    item: { ...MUG, quantity: 55 },
    written: (fake) => expect(fake.stockOf(4)).toBe(55),
    kept: (fake) => expect(fake.stockOf(4)).toBe(300),
  },
  {
    toggle: 'products.update.weight',
    item: { ...MUG, weight: { value: '500', unit: 'g' } },
    written: (fake) => expect(fake.field('products', 4, 'weight')).toBe('0.5'),
    kept: (fake) => expect(fake.field('products', 4, 'weight')).toBe('0.430000'),
  },
  {
    toggle: 'products.update.dimensions',
    item: { ...MUG, width: '10', height: '120', depth: '8', dimensionUnit: 'mm' },
    written: (fake) => {
      expect(fake.field('products', 4, 'width')).toBe('1');
      expect(fake.field('products', 4, 'height')).toBe('12');
      expect(fake.field('products', 4, 'depth')).toBe('0.8');
    },
    kept: (fake) => expect(fake.field('products', 4, 'height')).toBe('0.000000'),
  },
  {
    toggle: 'products.update.barcode',
    item: { ...MUG, ean13: '3700000000127', mpn: 'MUG-11' },
    written: (fake) => {
      expect(fake.field('products', 4, 'ean13')).toBe('3700000000127');
      expect(fake.field('products', 4, 'mpn')).toBe('MUG-11');
    },
    kept: (fake) => expect(fake.field('products', 4, 'ean13')).toBe('3700000000110'),
  },
  {
    toggle: 'products.update.manufacturer',
    item: { ...MUG, manufacturer: 'Studio Design' },
    written: (fake) => expect(fake.field('products', 4, 'id_manufacturer')).toBe('1'),
    kept: (fake) => expect(fake.field('products', 4, 'id_manufacturer')).toBe('2'),
  },
  {
    toggle: 'products.update.supplier',
    item: { ...MUG, supplier: { name: 'Mugs & Co', reference: 'MC-11' } },
    written: (fake) => {
      const supplier = fake.store.all('suppliers').find((row) => row.fields.name === 'Mugs & Co');
      expect(supplier).toBeDefined();
      expect(fake.field('products', 4, 'id_supplier')).toBe(String(supplier?.id));
      expect(fake.field('products', 4, 'supplier_reference')).toBe('MC-11');
    },
    kept: (fake) => expect(fake.store.all('suppliers').map((row) => row.fields.name)).not.toContain('Mugs & Co'),
  },
  {
    toggle: 'products.update.images',
    item: { ...MUG, images: [{ url: `${IMAGE_HOST}/mug-front.png`, position: 0, cover: true }] },
    written: (fake) => {
      const images = associationIds(fake, 'products', 4, 'images');
      expect(images).toHaveLength(2);
      expect(images[0]).toBe('5');
      expect(fake.field('products', 4, 'id_default_image')).toBe(images[1]);
    },
    kept: (fake) => expect(associationIds(fake, 'products', 4, 'images')).toEqual(['5']),
  },
  {
    toggle: 'products.update.features',
    item: {
      ...MUG,
      features: [
        { name: 'Composition', value: 'Porcelain' },
        { name: 'Capacity', value: '33 cl' },
      ],
    },
    written: (fake) => {
      const values = fake.store.all('product_feature_values');
      const porcelain = values.find((row) => (row.fields.value as Record<string, string>)['1'] === 'Porcelain');
      const capacity = fake.store
        .all('product_features')
        .find((row) => (row.fields.name as Record<string, string>)['1'] === 'Capacity');
      expect(porcelain?.fields.id_feature).toBe('1');
      expect(associationIds(fake, 'products', 4, 'product_features', 'id_feature_value')).toContain(
        String(porcelain?.id),
      );
      expect(associationIds(fake, 'products', 4, 'product_features')).toEqual(['1', String(capacity?.id)]);
    },
    kept: (fake) => expect(associationIds(fake, 'products', 4, 'product_features', 'id_feature_value')).toEqual(['3']),
  },
  {
    toggle: 'products.update.attributes',
    item: {
      ...SHIRT,
      variants: [
        {
          reference: 'demo_1_s_white',
          options: [
            { name: 'Size', value: 'S' },
            { name: 'Color', value: 'Black' },
          ],
        },
      ],
    },
    written: (fake) => expect(associationIds(fake, 'combinations', 1, 'product_option_values')).toEqual(['1', '11']),
    kept: (fake) => expect(associationIds(fake, 'combinations', 1, 'product_option_values')).toEqual(['1', '8']),
  },
  {
    toggle: 'products.update.category',
    item: { ...MUG, defaultCategory: 'Stationery', categories: ['Men'] },
    written: (fake) => {
      expect(fake.field('products', 4, 'id_category_default')).toBe('7');
      expect(associationIds(fake, 'products', 4, 'categories')).toEqual(['7', '4']);
    },
    kept: (fake) => expect(fake.field('products', 4, 'id_category_default')).toBe('8'),
  },
  {
    toggle: 'products.update.relatedProducts',
    item: { ...MUG, relatedProducts: [{ reference: 'demo_12', type: 'related' }] },
    written: (fake) => expect(associationIds(fake, 'products', 4, 'accessories')).toEqual(['5']),
    kept: (fake) => expect(associationIds(fake, 'products', 4, 'accessories')).toEqual([]),
  },
];

let shop: ModuleShop | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

describe('every products.update toggle is written when on and withheld when off', () => {
  for (const entry of cases) {
    it(`${entry.toggle} on: PrestaShop gets the change`, async () => {
      shop = await moduleShop(settingAt(entry.toggle, true));
      const result = await shop.writeOne('PUT', '/products', entry.item);
      expect(result.outcome, JSON.stringify(result)).toBe('updated');
      entry.written(shop.fake);
    });
    it(`${entry.toggle} off: the change is withheld and PrestaShop keeps its value`, async () => {
      shop = await moduleShop(settingAt(entry.toggle, false));
      const result = await shop.writeOne('PUT', '/products', entry.item);
      expect(result.outcome, JSON.stringify(result)).toBe('unchanged');
      expect(result.withheld?.length).toBeGreaterThan(0);
      entry.kept(shop.fake);
    });
  }

  it('products.update.documents on: the item says the Webservice attachment upload is not supported', async () => {
    shop = await moduleShop(settingAt('products.update.documents', true));
    const result = await shop.writeOne('PUT', '/products', {
      ...MUG,
      documents: [{ url: `${IMAGE_HOST}/manual.pdf`, name: 'Manual' }],
    });
    expect(result.outcome).toBe('updated');
    expect(result.reason).toContain('documents are not written');
  });
});

describe('product behaviours driven by settings (directives)', () => {
  it('parentCategories: the parents of the categories are added, Home and the root excepted', async () => {
    shop = await moduleShop(
      mergeSettings(settingAt('products.update.category', true), settingAt('products.update.parentCategories', true)),
    );
    await shop.writeOne('PUT', '/products', { ...MUG, defaultCategory: 'Stationery', categories: ['Men'] });
    expect(associationIds(shop.fake, 'products', 4, 'categories')).toEqual(['7', '4', '6', '3']);
  });

  it('categories found by id when extraCategories.findBy is id', async () => {
    shop = await moduleShop(
      mergeSettings(settingAt('products.update.category', true), settingAt('categories.extraCategories.findBy', 'id')),
    );
    await shop.writeOne('PUT', '/products', { ...MUG, defaultCategory: '7', categories: ['5|4'] });
    expect(associationIds(shop.fake, 'products', 4, 'categories')).toEqual(['7']);
    await shop.close();
    shop = await moduleShop(
      mergeSettings(
        settingAt('products.update.category', true),
        settingAt('categories.extraCategories', { findBy: 'id', separator: '|' }),
      ),
    );
    await shop.writeOne('PUT', '/products', { ...MUG, defaultCategory: '7', categories: ['5|4'] });
    expect(associationIds(shop.fake, 'products', 4, 'categories')).toEqual(['7', '5', '4']);
  });

  it('reindex: the product is queued for search reindexing', async () => {
    shop = await moduleShop(settingAt('products.update.reindex', true));
    const result = await shop.writeOne('PUT', '/products', { ...MUG, price: '12.00' });
    expect(shop.fake.field('products', 4, 'indexed')).toBe('0');
    expect(result.reason).toContain('reindexing');
  });

  it('reindex off: indexed is left alone', async () => {
    shop = await moduleShop();
    await shop.writeOne('PUT', '/products', { ...MUG, price: '12.00' });
    expect(shop.fake.field('products', 4, 'indexed')).toBe('1');
    expect(shop.fake.calls.find((call) => call.method === 'PATCH' && call.resource === 'products')?.body).not.toContain(
      'indexed',
    );
  });

  it('allLanguages off: only the main language is written; on: every language', async () => {
    shop = await moduleShop(
      mergeSettings(settingAt('products.update.name', true), settingAt('products.update.allLanguages', false)),
    );
    await shop.writeOne('PUT', '/products', { ...MUG, name: { en: 'Mug EN', fr: 'Mug FR' } });
    expect(shop.fake.field('products', 4, 'name', '1')).toBe('Mug EN');
    expect(shop.fake.field('products', 4, 'name', '2')).toBe('Mug The best is yet to come');
    await shop.close();
    shop = await moduleShop(settingAt('products.update.name', true));
    await shop.writeOne('PUT', '/products', { ...MUG, name: { en: 'Mug EN', fr: 'Mug FR' } });
    expect(shop.fake.field('products', 4, 'name', '2')).toBe('Mug FR');
  });

  it('attributePublicName: the public name of an attribute group follows the ERP; off, it is kept', async () => {
    for (const on of [true, false]) {
      shop = await moduleShop(
        mergeSettings(
          settingAt('products.update.attributes', true),
          settingAt('products.update.attributePublicName', on),
        ),
      );
      const group = shop.fake.record('product_options', 1);
      if (group) group.fields.public_name = { '1': 'Sizing', '2': 'Taille' };
      await shop.writeOne('PUT', '/products', {
        ...SHIRT,
        variants: [
          {
            reference: 'demo_1_s_white',
            options: [
              { name: 'Size', value: 'M' },
              { name: 'Color', value: 'White' },
            ],
          },
        ],
      });
      expect(shop.fake.field('product_options', 1, 'public_name', '1')).toBe(on ? 'Size' : 'Sizing');
      expect(associationIds(shop.fake, 'combinations', 1, 'product_option_values')).toEqual(['2', '8']);
      await shop.close();
      shop = undefined;
    }
  });

  it('deleteImagesBeforeUpload: the product keeps only the images sent', async () => {
    shop = await moduleShop(
      mergeSettings(
        settingAt('products.update.images', true),
        settingAt('products.update.deleteImagesBeforeUpload', true),
      ),
    );
    const result = await shop.writeOne('PUT', '/products', {
      ...MUG,
      images: [
        { url: `${IMAGE_HOST}/mug-a.png`, position: 0 },
        { url: `${IMAGE_HOST}/mug-b.png`, position: 1, cover: true },
      ],
    });
    expect(result.outcome).toBe('updated');
    const images = associationIds(shop.fake, 'products', 4, 'images');
    expect(images).toHaveLength(2);
    expect(images).not.toContain('5');
    expect(shop.fake.field('products', 4, 'id_default_image')).toBe(images[1]);
    expect(shop.fake.count('DELETE', 'images/products')).toBe(1);
  });

  it('an image URL that does not answer is reported on the item, the others are sent', async () => {
    shop = await moduleShop(settingAt('products.update.images', true));
    const result = await shop.writeOne('PUT', '/products', {
      ...MUG,
      images: [
        { url: `${IMAGE_HOST}/missing.png`, position: 0 },
        { url: `${IMAGE_HOST}/mug-c.png`, position: 1 },
      ],
    });
    expect(result.outcome).toBe('updated');
    expect(result.reason).toContain(`image ${IMAGE_HOST}/missing.png not sent: the image URL answered 404`);
    expect(associationIds(shop.fake, 'products', 4, 'images')).toHaveLength(2);
  });

  it('packs.create on: a pack is created with its components; off: pack fields are withheld', async () => {
    const pack = {
      reference: 'PACK-2MUGS',
      name: { en: 'Two mugs' },
      price: '20.00',
      isPack: true,
      packItems: [
        { reference: 'demo_11', quantity: 2 },
        { reference: 'demo_12', quantity: 1 },
      ],
    };
    shop = await moduleShop(settingAt('packs.create', true));
    const created = await shop.writeOne('PUT', '/products', pack);
    expect(created.outcome).toBe('created');
    const id = Number(created.id);
    expect(shop.fake.field('products', id, 'type')).toBe('pack');
    expect(shop.fake.record('products', id)?.associations.product_bundle).toEqual([
      { id: '4', id_product_attribute: '0', quantity: '2' },
      { id: '5', id_product_attribute: '0', quantity: '1' },
    ]);
    await shop.close();
    shop = await moduleShop(settingAt('packs.create', false));
    const plain = await shop.writeOne('PUT', '/products', pack);
    expect(plain.outcome).toBe('created');
    expect(plain.withheld).toEqual(expect.arrayContaining(['isPack', 'packItems']));
    expect(shop.fake.field('products', Number(plain.id), 'type')).not.toBe('pack');
    expect(shop.fake.record('products', Number(plain.id))?.associations.product_bundle).toBeUndefined();
  });

  it('a pack whose component is not in the shop is refused with the reason', async () => {
    shop = await moduleShop(settingAt('packs.create', true));
    const result = await shop.writeOne('PUT', '/products', {
      reference: 'PACK-X',
      name: { en: 'Broken pack' },
      isPack: true,
      packItems: [{ reference: 'no-such-sku', quantity: 1 }],
    });
    expect(result.outcome).toBe('failed');
    expect(result.error).toContain('pack components must exist in the shop first: no-such-sku');
  });

  it('products.create.active and fallbackCategory apply to a new product', async () => {
    shop = await moduleShop(
      mergeSettings(settingAt('products.create.active', false), settingAt('products.create.fallbackCategory', '7')),
    );
    const result = await shop.writeOne('PUT', '/products', {
      reference: 'NEW-1',
      name: { en: 'New one' },
      price: '3.00',
    });
    expect(result.outcome).toBe('created');
    const id = Number(result.id);
    expect(shop.fake.field('products', id, 'active')).toBe('0');
    expect(shop.fake.field('products', id, 'id_category_default')).toBe('7');
    expect(shop.fake.field('products', id, 'name', '2')).toBe('New one');
    expect(shop.fake.field('products', id, 'link_rewrite', '1')).toBe('new-one');
  });
});
