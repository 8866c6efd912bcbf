import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  categoryWriteSchema,
  customerGroupWriteSchema,
  customerWriteSchema,
  priceWriteSchema,
  productWriteSchema,
  readFieldMeta,
  variantWriteSchema,
} from '../contracts/index.js';
import { defaultSettings, type Settings, type UpdateToggle, updateToggles } from '../settings/index.js';
import { planFields } from './plan-write.js';

/** Two valid values per toggle-governed field: what the platform has, and what the cloud sends. */
const samples: Record<string, Record<string, [unknown, unknown]>> = {
  product: {
    name: [{ en: 'Mug' }, { en: 'Blue mug' }],
    shortDescription: [{ en: 'A mug' }, { en: 'A blue mug' }],
    description: [{ en: '<p>Mug</p>' }, { en: '<p>Blue mug</p>' }],
    metaTitle: [{ en: 'Mug' }, { en: 'Blue mug | Shop' }],
    metaDescription: [{ en: 'Mug' }, { en: 'Buy the blue mug' }],
    metaKeywords: [{ en: 'mug' }, { en: 'mug,blue' }],
    slug: [{ en: 'mug' }, { en: 'blue-mug' }],
    price: ['12.50', '13.90'],
    wholesalePrice: ['5.00', '5.40'],
    currency: ['EUR', 'CHF'],
    taxRate: ['20', '5.5'],
    taxClass: ['standard', 'reduced'],
    barcode: ['123', '456'],
    ean13: ['3760000000017', '3760000000024'],
    upc: ['012345678905', '012345678912'],
    isbn: ['978-3-16-148410-0', '978-1-4028-9462-6'],
    mpn: ['M-1', 'M-2'],
    weight: [
      { value: '0.350', unit: 'kg' },
      { value: '0.400', unit: 'kg' },
    ],
    width: ['8', '9'],
    height: ['10', '11'],
    depth: ['8', '9'],
    dimensionUnit: ['cm', 'mm'],
    manufacturer: ['Acme', 'Globex'],
    supplier: [{ name: 'Acme' }, { name: 'Initech', reference: 'I-9' }],
    images: [
      [{ url: 'https://cdn.example.com/a.jpg', position: 0 }],
      [{ url: 'https://cdn.example.com/b.jpg', position: 0 }],
    ],
    documents: [
      [{ url: 'https://cdn.example.com/a.pdf', name: 'Manual' }],
      [{ url: 'https://cdn.example.com/b.pdf', name: 'Manual v2' }],
    ],
    features: [[{ name: 'Material', value: 'Ceramic' }], [{ name: 'Material', value: 'Glass' }]],
    defaultCategory: ['Kitchen', 'Tableware'],
    categories: [['Kitchen'], ['Kitchen', 'Gifts']],
    relatedProducts: [[{ reference: 'CUP-1', type: 'upsell' }], [{ reference: 'CUP-2', type: 'cross-sell' }]],
    quantity: [3, 7],
    tracksStock: [true, false],
    specificPrices: [
      [{ fromQuantity: 10, reduction: { type: 'percentage', value: '5' } }],
      [{ fromQuantity: 10, reduction: { type: 'percentage', value: '10' } }],
    ],
  },
  variant: {
    barcode: ['123', '456'],
    ean13: ['3760000000017', '3760000000024'],
    upc: ['012345678905', '012345678912'],
    isbn: ['978-3-16-148410-0', '978-1-4028-9462-6'],
    mpn: ['V-1', 'V-2'],
    options: [[{ name: 'Size', value: 'M' }], [{ name: 'Size', value: 'L' }]],
    priceImpact: ['0', '1.50'],
    price: ['12.50', '14.00'],
    wholesalePrice: ['5.00', '6.00'],
    weightImpact: ['0', '0.1'],
    quantity: [1, 2],
    images: [
      [{ url: 'https://cdn.example.com/a.jpg', position: 0 }],
      [{ url: 'https://cdn.example.com/c.jpg', position: 1 }],
    ],
  },
  category: {
    name: [{ en: 'Mugs' }, { en: 'Cups & mugs' }],
    slug: [{ en: 'mugs' }, { en: 'cups-mugs' }],
    description: [{ en: 'Mugs' }, { en: 'All our mugs' }],
    parent: [{ name: 'Kitchen' }, { name: 'Tableware' }],
  },
  customer: {
    email: ['ana@example.com', 'ana.new@example.com'],
    firstName: ['Ana', 'Anna'],
    lastName: ['Silva', 'Silva-Costa'],
    company: ['Acme', 'Acme SA'],
    siret: ['73282932000074', '73282932000082'],
    vatNumber: ['FR40303265045', 'FR40303265046'],
    ape: ['4791A', '4791B'],
    outstandingAllowed: ['1000', '2000'],
    maxPaymentDays: [30, 45],
    riskLevel: ['low', 'medium'],
    groups: [['RETAIL'], ['RETAIL', 'VIP']],
    defaultGroup: ['RETAIL', 'VIP'],
    addresses: [
      [
        {
          type: 'billing',
          firstName: 'Ana',
          lastName: 'Silva',
          address1: '1 rue de la Paix',
          postcode: '75002',
          city: 'Paris',
          country: 'FR',
        },
      ],
      [
        {
          type: 'billing',
          firstName: 'Ana',
          lastName: 'Silva',
          address1: '2 rue de la Paix',
          postcode: '75002',
          city: 'Paris',
          country: 'FR',
        },
      ],
    ],
    note: ['', 'Prefers delivery before noon'],
    erpAccount: ['CL0001', 'CL0002'],
  },
  'customer-group': {
    name: [{ en: 'Retail' }, { en: 'Retail customers' }],
    reduction: ['0', '5'],
  },
  price: {
    price: ['12.50', '13.90'],
    priceIncl: ['15.00', '16.68'],
    currency: ['EUR', 'CHF'],
    taxRate: ['20', '5.5'],
    specificPrices: [[{ fromQuantity: 5, fixedPrice: '11.00' }], [{ fromQuantity: 5, fixedPrice: '10.50' }]],
  },
};

const schemas: Record<string, z.ZodObject> = {
  product: productWriteSchema as unknown as z.ZodObject,
  variant: variantWriteSchema as unknown as z.ZodObject,
  category: categoryWriteSchema as unknown as z.ZodObject,
  customer: customerWriteSchema as unknown as z.ZodObject,
  'customer-group': customerGroupWriteSchema as unknown as z.ZodObject,
  price: priceWriteSchema as unknown as z.ZodObject,
};

/** Minimal valid items the sampled field is laid on. */
const bases: Record<string, Record<string, unknown>> = {
  product: { reference: 'MUG-1', name: { en: 'Mug' } },
  variant: { reference: 'MUG-1-M', options: [{ name: 'Size', value: 'M' }] },
  category: { reference: 'CAT-1', name: { en: 'Mugs' } },
  customer: { reference: 'CL0001', email: 'ana@example.com' },
  'customer-group': { reference: 'RETAIL', name: { en: 'Retail' } },
  price: { reference: 'MUG-1', price: '12.50', currency: 'EUR' },
};

function withToggle(toggle: UpdateToggle, on: boolean): Settings {
  const settings = structuredClone(defaultSettings());
  const path = toggle.split('.');
  let node = settings as unknown as Record<string, unknown>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string, unknown>;
  node[path.at(-1) as string] = on;
  return settings;
}

const rows = Object.entries(schemas).flatMap(([entity, schema]) =>
  Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([field, fieldSchema]) => {
    const toggle = readFieldMeta(fieldSchema)?.updateToggle;
    return toggle && field !== 'variants' ? [{ entity, field, toggle }] : [];
  }),
);

describe('planFields: every update toggle, walked from the contract metadata', () => {
  it('has a sample for every toggle-governed field of every write schema', () => {
    const missing = rows.filter((row) => !samples[row.entity]?.[row.field]).map((row) => `${row.entity}.${row.field}`);
    expect(missing).toEqual([]);
    expect(rows.length).toBeGreaterThan(50);
  });

  it('covers every update toggle with at least one field', () => {
    const used = new Set(rows.map((row) => row.toggle));
    used.add('products.update.attributes'); // variants (planned per variant by planProductWrite)
    expect(updateToggles.filter((toggle) => !used.has(toggle))).toEqual([]);
  });

  describe.each(rows)('$entity.$field ($toggle)', ({ entity, field, toggle }) => {
    const [before, after] = samples[entity]?.[field] ?? [];
    const schema = schemas[entity] as z.ZodObject;
    const existing = { ...bases[entity], [field]: before };
    const incoming = schema.parse({ ...bases[entity], [field]: after }) as Record<string, unknown>;

    it('is written and listed in `changed` when its toggle is on', () => {
      const plan = planFields({ schema, incoming, existing, settings: withToggle(toggle, true) });
      expect(plan.action).toBe('update');
      expect(plan.changed).toContain(field);
      expect(plan.data[field]).toEqual(after);
      expect(plan.withheld).not.toContain(field);
    });

    it('is kept back and listed in `withheld` when its toggle is off', () => {
      const plan = planFields({ schema, incoming, existing, settings: withToggle(toggle, false) });
      expect(plan.withheld).toContain(field);
      expect(plan.changed).not.toContain(field);
      expect(field in plan.data).toBe(false);
    });
  });
});

describe('planFields: create, unchanged, create-only, languages', () => {
  const schema = productWriteSchema as unknown as z.ZodObject;

  it('writes every field with the creation defaults on create', () => {
    const incoming = productWriteSchema.parse({ reference: 'NEW-1', name: { en: 'New' }, price: '9.90' });
    const plan = planFields({
      schema,
      incoming,
      existing: null,
      settings: defaultSettings(),
      creationDefaults: { active: false },
    });
    expect(plan.action).toBe('create');
    expect(plan.data).toMatchObject({ reference: 'NEW-1', name: { en: 'New' }, price: '9.90', active: false });
    expect(plan.changed).toEqual(['active', 'name', 'price']);
    expect(plan.withheld).toEqual([]);
  });

  it('answers unchanged when values only differ in decimal notation', () => {
    const incoming = productWriteSchema.parse({ reference: 'MUG-1', name: { en: 'Mug' }, price: '12.50' });
    const plan = planFields({
      schema,
      incoming,
      existing: { reference: 'MUG-1', name: { en: 'Mug' }, price: '12.5' },
      settings: defaultSettings(),
    });
    expect(plan).toEqual({ action: 'unchanged', data: {}, changed: [], withheld: [] });
  });

  it('never updates a create-only field, and says so', () => {
    const incoming = productWriteSchema.parse({ reference: 'MUG-1', name: { en: 'Mug' }, active: false });
    const plan = planFields({
      schema,
      incoming,
      existing: { reference: 'MUG-1', name: { en: 'Mug' }, active: true },
      settings: defaultSettings(),
    });
    expect(plan.action).toBe('unchanged');
    expect(plan.withheld).toEqual(['active']);
  });

  it('ignores read-only fields such as sourceUpdatedAt', () => {
    const incoming = productWriteSchema.parse({
      reference: 'MUG-1',
      name: { en: 'Mug' },
      sourceUpdatedAt: '2026-01-02T00:00:00Z',
    });
    const plan = planFields({
      schema,
      incoming,
      existing: { reference: 'MUG-1', name: { en: 'Mug' } },
      settings: defaultSettings(),
    });
    expect(plan.action).toBe('unchanged');
    expect(plan.withheld).toEqual([]);
  });

  it('touches only the main language when products.update.allLanguages is off', () => {
    const settings = withToggle('products.update.name', true);
    settings.products.update.allLanguages = false;
    const incoming = productWriteSchema.parse({ reference: 'MUG-1', name: { en: 'Blue mug', fr: 'Tasse bleue' } });
    const plan = planFields({
      schema,
      incoming,
      existing: { reference: 'MUG-1', name: { en: 'Mug', fr: 'Tasse' } },
      settings,
      mainLanguage: 'fr',
    });
    expect(plan.data.name).toEqual({ en: 'Mug', fr: 'Tasse bleue' });
    expect(plan.changed).toEqual(['name']);
  });
});
