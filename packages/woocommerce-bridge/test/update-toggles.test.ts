import { describe, expect, it } from 'vitest';
import { SEED_SKUS } from './fake/seed.js';
import type { FakeWooCommerce, FakeWooOptions } from './fake-woocommerce.js';
import { moduleFor, startFake } from './harness.js';

interface Result {
  key: string;
  outcome: string;
  withheld?: string[];
  changed?: string[];
  reason?: string;
}

interface ToggleCase {
  /** The update toggle under test, under its section (`products.update.price`). */
  toggle: string;
  route: '/products' | '/categories' | '/customers';
  item: Record<string, unknown>;
  /** The contract field the toggle governs, as `withheld` names it. */
  field: string;
  /** Where WooCommerce gets it: the batch path and a test on the sent payload. */
  batch: string;
  sent: (payload: Record<string, unknown>) => boolean;
  /** Settings the case needs besides the toggle (attribute names, Yoast). */
  settings?: Record<string, unknown>;
  fake?: FakeWooOptions;
}

const PRODUCT = { reference: SEED_SKUS.simple, name: { en: 'Premium Quality' } };
const meta = (key: string) => (payload: Record<string, unknown>) =>
  ((payload.meta_data as { key: string }[] | undefined) ?? []).some((entry) => entry.key === key);
const attribute = (name: string) => (payload: Record<string, unknown>) =>
  ((payload.attributes as { name?: string }[] | undefined) ?? []).some((entry) => entry.name === name);
const has = (field: string) => (payload: Record<string, unknown>) => field in payload;

const cases: ToggleCase[] = [
  {
    toggle: 'products.update.name',
    route: '/products',
    item: { ...PRODUCT, name: { en: 'Renamed' } },
    field: 'name',
    batch: 'products',
    sent: has('name'),
  },
  {
    toggle: 'products.update.shortDescription',
    route: '/products',
    item: { ...PRODUCT, shortDescription: { en: 'Short.' } },
    field: 'shortDescription',
    batch: 'products',
    sent: has('short_description'),
  },
  {
    toggle: 'products.update.description',
    route: '/products',
    item: { ...PRODUCT, description: { en: 'Long.' } },
    field: 'description',
    batch: 'products',
    sent: has('description'),
  },
  {
    toggle: 'products.update.seo',
    route: '/products',
    item: { ...PRODUCT, metaTitle: { en: 'SEO title' } },
    field: 'metaTitle',
    batch: 'products',
    sent: meta('_yoast_wpseo_title'),
    settings: { platform: { woocommerce: { yoastSeo: true } } },
    fake: { plugins: ['wordpress-seo/wp-seo.php'] },
  },
  {
    toggle: 'products.update.slug',
    route: '/products',
    item: { ...PRODUCT, slug: { en: 'premium' } },
    field: 'slug',
    batch: 'products',
    sent: has('slug'),
  },
  {
    toggle: 'products.update.price',
    route: '/products',
    item: { ...PRODUCT, price: '30.00' },
    field: 'price',
    batch: 'products',
    sent: has('regular_price'),
  },
  {
    toggle: 'products.update.tax',
    route: '/products',
    item: { ...PRODUCT, taxClass: 'reduced-rate' },
    field: 'taxClass',
    batch: 'products',
    sent: has('tax_class'),
  },
  {
    toggle: 'products.update.specificPrices',
    route: '/products',
    item: { ...PRODUCT, specificPrices: [{ fixedPrice: '9.99' }] },
    field: 'specificPrices',
    batch: 'products',
    sent: has('sale_price'),
  },
  {
    toggle: 'products.update.quantity',
    route: '/products',
    item: { ...PRODUCT, quantity: 99 },
    field: 'quantity',
    batch: 'products',
    sent: has('stock_quantity'),
  },
  {
    toggle: 'products.update.weight',
    route: '/products',
    item: { ...PRODUCT, weight: { value: '2', unit: 'kg' } },
    field: 'weight',
    batch: 'products',
    sent: has('weight'),
  },
  {
    toggle: 'products.update.dimensions',
    route: '/products',
    item: { ...PRODUCT, width: '10', dimensionUnit: 'cm' },
    field: 'width',
    batch: 'products',
    sent: has('dimensions'),
  },
  {
    toggle: 'products.update.barcode',
    route: '/products',
    item: { ...PRODUCT, ean13: '4006381333931' },
    field: 'ean13',
    batch: 'products',
    sent: has('global_unique_id'),
  },
  {
    toggle: 'products.update.manufacturer',
    route: '/products',
    item: { ...PRODUCT, manufacturer: 'Acme' },
    field: 'manufacturer',
    batch: 'products',
    sent: attribute('Brand'),
    settings: { platform: { woocommerce: { brandAttribute: 'Brand' } } },
  },
  {
    toggle: 'products.update.supplier',
    route: '/products',
    item: { ...PRODUCT, supplier: { name: 'Supplier Co' } },
    field: 'supplier',
    batch: 'products',
    sent: attribute('Supplier'),
    settings: { platform: { woocommerce: { supplierAttribute: 'Supplier' } } },
  },
  {
    toggle: 'products.update.images',
    route: '/products',
    item: { ...PRODUCT, images: [{ url: 'https://cdn.test/new.jpg', position: 0 }] },
    field: 'images',
    batch: 'products',
    sent: has('images'),
  },
  {
    toggle: 'products.update.features',
    route: '/products',
    item: { ...PRODUCT, features: [{ name: 'Material', value: 'Cotton' }] },
    field: 'features',
    batch: 'products',
    sent: attribute('Material'),
  },
  {
    toggle: 'products.update.attributes',
    route: '/products',
    item: {
      reference: SEED_SKUS.variable,
      name: { en: 'Ship Your Idea' },
      variants: [
        { reference: SEED_SKUS.variationBlack, options: [{ name: 'Color', value: 'Noir' }] },
        { reference: SEED_SKUS.variationGreen, options: [{ name: 'Color', value: 'Green' }] },
      ],
    },
    field: `variants.${SEED_SKUS.variationBlack}.options`,
    batch: 'products/799/variations',
    sent: has('attributes'),
  },
  {
    toggle: 'products.update.category',
    route: '/products',
    item: { ...PRODUCT, defaultCategory: 'Hoodies' },
    field: 'defaultCategory',
    batch: 'products',
    sent: has('categories'),
  },
  {
    toggle: 'products.update.relatedProducts',
    route: '/products',
    item: { ...PRODUCT, relatedProducts: [{ reference: 'WOO-EXTRA-1', type: 'upsell' }] },
    field: 'relatedProducts',
    batch: 'products',
    sent: has('upsell_ids'),
  },
  {
    toggle: 'categories.update.name',
    route: '/categories',
    item: { reference: 'hoodies', name: { en: 'Sweats' } },
    field: 'name',
    batch: 'products/categories',
    sent: has('name'),
  },
  {
    toggle: 'categories.update.description',
    route: '/categories',
    item: { reference: 'hoodies', name: { en: 'Hoodies' }, description: { en: 'Warm.' } },
    field: 'description',
    batch: 'products/categories',
    sent: has('description'),
  },
  {
    toggle: 'categories.update.parent',
    route: '/categories',
    item: { reference: 'hoodies', name: { en: 'Hoodies' }, parent: { reference: 'music' } },
    field: 'parent',
    batch: 'products/categories',
    sent: has('parent'),
  },
  {
    toggle: 'customers.update.email',
    route: '/customers',
    item: { reference: 'CL00025', email: 'new.address@example.com' },
    field: 'email',
    batch: 'customers',
    sent: has('email'),
  },
  {
    toggle: 'customers.update.names',
    route: '/customers',
    item: { reference: 'CL00025', firstName: 'Jonathan' },
    field: 'firstName',
    batch: 'customers',
    sent: has('first_name'),
  },
  {
    toggle: 'customers.update.addresses',
    route: '/customers',
    item: {
      reference: 'CL00025',
      addresses: [
        {
          type: 'billing',
          firstName: 'John',
          lastName: 'Doe',
          address1: '1 New Street',
          postcode: '94103',
          city: 'San Francisco',
          country: 'US',
        },
      ],
    },
    field: 'addresses',
    batch: 'customers',
    sent: has('billing'),
  },
  {
    toggle: 'customers.update.notes',
    route: '/customers',
    item: { reference: 'CL00025', note: 'Prefers mornings' },
    field: 'note',
    batch: 'customers',
    sent: meta('passerelle_note'),
  },
  {
    toggle: 'customers.update.b2b',
    route: '/customers',
    item: { reference: 'CL00025', vatNumber: 'FR12345678901' },
    field: 'vatNumber',
    batch: 'customers',
    sent: meta('passerelle_vat_number'),
  },
  {
    toggle: 'customers.update.erpAccount',
    route: '/customers',
    item: { reference: 'CL00025', erpAccount: '411CL00025' },
    field: 'erpAccount',
    batch: 'customers',
    sent: meta('passerelle_erp_account'),
  },
];

function setting(toggle: string, on: boolean, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const [section, group, name] = toggle.split('.') as [string, string, string];
  return { ...extra, [section]: { ...((extra[section] as object) ?? {}), [group]: { [name]: on } } };
}

function updates(fake: FakeWooCommerce, path: string): Record<string, unknown>[] {
  return fake.batchCalls(path).flatMap((call) => (call.body as { update?: Record<string, unknown>[] }).update ?? []);
}

async function write(testCase: ToggleCase, on: boolean): Promise<{ fake: FakeWooCommerce; result: Result }> {
  const fake = startFake(testCase.fake ?? {});
  const module = await moduleFor(fake, setting(testCase.toggle, on, testCase.settings));
  const answer = await module.call('PUT', testCase.route, { items: [testCase.item] });
  expect(answer.status).toBe(200);
  const [result] = (answer.body as { results: Result[] }).results;
  return { fake, result: result as Result };
}

describe.each(cases)('update toggle $toggle', (testCase) => {
  it('on: the field is sent to WooCommerce', async () => {
    const { fake, result } = await write(testCase, true);
    expect(result.outcome, JSON.stringify(result)).toBe('updated');
    expect(result.withheld ?? []).not.toContain(testCase.field);
    const sent = updates(fake, testCase.batch);
    expect(sent.some(testCase.sent), JSON.stringify(sent)).toBe(true);
  });

  it('off: the field is absent from the request and listed in withheld', async () => {
    const { fake, result } = await write(testCase, false);
    expect(result.withheld, JSON.stringify(result)).toContain(testCase.field);
    expect(updates(fake, testCase.batch).some(testCase.sent)).toBe(false);
  });
});

describe('update toggles WooCommerce cannot honour say so instead of writing nothing quietly', () => {
  it('products.update.documents on: the item says documents are not written (WooCommerce has no attachments)', async () => {
    const fake = startFake();
    const module = await moduleFor(fake, { products: { update: { documents: true } } });
    const answer = await module.call('PUT', '/products', {
      items: [{ ...PRODUCT, documents: [{ url: 'https://cdn.test/manual.pdf', name: 'Manual' }] }],
    });
    const [result] = (answer.body as { results: Result[] }).results;
    expect(result).toMatchObject({
      outcome: 'skipped',
      reason: expect.stringMatching(/documents \(WooCommerce products have no attached documents\)/),
    });
    expect(fake.batchCalls('products')).toHaveLength(0);
  });

  it('customers.update.group on: groups need a plug-in, and the item says it', async () => {
    const fake = startFake();
    const module = await moduleFor(fake, { customers: { update: { group: true } } });
    const answer = await module.call('PUT', '/customers', { items: [{ reference: 'CL00025', groups: ['WHOLESALE'] }] });
    const [result] = (answer.body as { results: Result[] }).results;
    expect(result?.reason).toMatch(/groups \(customer groups need a plug-in/);
    expect(updates(fake, 'customers').some((payload) => 'groups' in payload || 'role' in payload)).toBe(false);
  });
});
