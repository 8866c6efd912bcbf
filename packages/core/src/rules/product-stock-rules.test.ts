import { describe, expect, it } from 'vitest';
import { type Product, productWriteSchema } from '../contracts/index.js';
import { defaultSettings, type Settings } from '../settings/index.js';
import { matchCustomer, normaliseEmail, planCustomerWrite } from './plan-customer.js';
import { planProductWrite, splitCategories } from './plan-product.js';
import { isStaleWrite } from './stale-guard.js';
import { applyStockPolicy } from './stock-policy.js';

function settingsWith(mutate: (settings: Settings) => void): Settings {
  const settings = structuredClone(defaultSettings());
  mutate(settings);
  return settings;
}

const existing: Product = {
  id: '17',
  reference: 'TEE',
  name: { en: 'T-shirt' },
  price: '19.90',
  active: true,
  variants: [
    { id: '170', reference: 'TEE-M', options: [{ name: 'Size', value: 'M' }], price: '19.90', quantity: 4 },
    { id: '171', reference: 'TEE-L', options: [{ name: 'Size', value: 'L' }], price: '19.90', quantity: 2 },
  ],
};

describe('planProductWrite', () => {
  it('creates with the creation defaults: active state and fallback category', () => {
    const settings = settingsWith((s) => {
      s.products.create.active = false;
      s.products.create.fallbackCategory = 'Home';
    });
    const plan = planProductWrite({
      incoming: productWriteSchema.parse({ reference: 'NEW', name: { en: 'New' } }),
      existing: null,
      settings,
    });
    expect(plan.action).toBe('create');
    expect(plan.data).toMatchObject({ active: false, defaultCategory: 'Home' });
  });

  it('plans each variant on its own: a new one is created, a changed price follows the price toggle', () => {
    const incoming = productWriteSchema.parse({
      reference: 'TEE',
      name: { en: 'T-shirt' },
      variants: [
        { reference: 'TEE-M', options: [{ name: 'Size', value: 'M' }], price: '21.00' },
        { reference: 'TEE-XL', options: [{ name: 'Size', value: 'XL' }], price: '21.00' },
      ],
    });
    const plan = planProductWrite({ incoming, existing, settings: defaultSettings() });
    expect(plan.action).toBe('update');
    const byKey = Object.fromEntries(plan.variants.map((v) => [v.key, v]));
    expect(byKey['TEE-M']).toMatchObject({ action: 'update', platformId: '170', changed: ['price'] });
    expect(byKey['TEE-XL']).toMatchObject({ action: 'create', platformId: null });
    expect(plan.changed).toContain('variants.TEE-M.price');

    const off = planProductWrite({
      incoming,
      existing,
      settings: settingsWith((s) => (s.products.update.price = false)),
    });
    expect(off.withheld).toContain('variants.TEE-M.price');
    expect(off.variants.find((v) => v.key === 'TEE-M')?.action).toBe('unchanged');
  });

  it('keeps packs back unless packs.create is on', () => {
    const incoming = productWriteSchema.parse({
      reference: 'BOX',
      name: { en: 'Box' },
      isPack: true,
      packItems: [{ reference: 'TEE-M', quantity: 2 }],
    });
    const off = planProductWrite({ incoming, existing: null, settings: defaultSettings() });
    expect(off.data.isPack).toBeUndefined();
    expect(off.withheld).toEqual(expect.arrayContaining(['isPack', 'packItems']));
    const on = planProductWrite({ incoming, existing: null, settings: settingsWith((s) => (s.packs.create = true)) });
    expect(on.data.packItems).toEqual([{ reference: 'TEE-M', quantity: 2 }]);
  });

  it('splits extra categories with the admin separator and carries platform directives', () => {
    expect(splitCategories(['Shoes;Summer', 'Sale'], ';')).toEqual(['Shoes', 'Summer', 'Sale']);
    const settings = settingsWith((s) => {
      s.categories.extraCategories.separator = ';';
      s.products.update.parentCategories = true;
    });
    const plan = planProductWrite({
      incoming: productWriteSchema.parse({ reference: 'N', name: { en: 'N' }, categories: ['A;B'] }),
      existing: null,
      settings,
    });
    expect(plan.data.categories).toEqual(['A', 'B']);
    expect(plan.directives.parentCategories).toBe(true);
  });
});

describe('applyStockPolicy', () => {
  it.each([
    { name: 'negative becomes 0', quantity: -3, tracked: true, previous: 2, set: {}, expected: { quantity: 0 } },
    {
      name: 'negative kept when allowed',
      quantity: -3,
      tracked: true,
      previous: 2,
      set: { allowNegative: true },
      expected: { quantity: -3 },
    },
    {
      name: 'untracked uses the default quantity',
      quantity: 0,
      tracked: false,
      previous: 0,
      set: { defaultQuantityForUntracked: 99 },
      expected: { quantity: 99 },
    },
    {
      name: 'disable at zero',
      quantity: 0,
      tracked: true,
      previous: 5,
      set: { disableAtZero: true },
      expected: { quantity: 0, setActive: false },
    },
    {
      name: 'enable when back in stock',
      quantity: 4,
      tracked: true,
      previous: 0,
      set: { enableWhenBackInStock: true },
      expected: { quantity: 4, setActive: true },
    },
    {
      name: 'no reactivation when it was in stock',
      quantity: 4,
      tracked: true,
      previous: 3,
      set: { enableWhenBackInStock: true },
      expected: { quantity: 4 },
    },
    {
      name: 'out-of-stock state at zero',
      quantity: 0,
      tracked: true,
      previous: 1,
      set: { outOfStockAtZero: true },
      expected: { quantity: 0, outOfStock: true },
    },
  ])('$name', ({ quantity, tracked, previous, set, expected }) => {
    const settings = settingsWith((s) => Object.assign(s.stock, set));
    const decision = applyStockPolicy({ quantity, tracked, previousQuantity: previous, settings });
    const { adjusted: _adjusted, ...rest } = decision;
    expect(rest).toEqual(expected);
  });
});

describe('customers', () => {
  const known = { id: '5', reference: 'CL1', email: 'ana@example.com' };
  it('matches by code first, then by normalised email', () => {
    const byRef = new Map([['CL1', known]]);
    const byEmail = new Map([[normaliseEmail(' Ana@Example.com '), known]]);
    expect(matchCustomer({ reference: 'CL1', email: undefined }, byRef, new Map())).toBe(known);
    expect(matchCustomer({ reference: 'CL9', email: 'ANA@example.com' }, new Map(), byEmail)).toBe(known);
    expect(matchCustomer({ reference: 'CL9', email: 'bob@example.com' }, new Map(), byEmail)).toBe(null);
  });

  it('skips a new customer without email, applies creation defaults otherwise', () => {
    const skipped = planCustomerWrite({ incoming: { reference: 'CL2' }, existing: null, settings: defaultSettings() });
    expect(skipped.skip).toMatch(/email/);
    const created = planCustomerWrite({
      incoming: { reference: 'CL3', email: 'c@example.com' },
      existing: null,
      settings: settingsWith((s) => (s.customers.create.newsletter = true)),
    });
    expect(created.data).toMatchObject({ newsletter: true, optIn: false, email: 'c@example.com' });
  });

  it('never replaces the email by default: it would lock the customer out', () => {
    const plan = planCustomerWrite({
      incoming: { reference: 'CL1', email: 'new@example.com' },
      existing: known,
      settings: defaultSettings(),
    });
    expect(plan.withheld).toEqual(['email']);
    expect(plan.action).toBe('unchanged');
  });
});

describe('isStaleWrite', () => {
  it.each([
    ['2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', true],
    ['2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z', true],
    ['2026-01-03T00:00:00Z', '2026-01-02T00:00:00Z', false],
    [undefined, '2026-01-02T00:00:00Z', false],
    ['2026-01-03T00:00:00Z', null, false],
  ])('incoming %s vs applied %s -> %s', (incoming, applied, stale) => {
    expect(isStaleWrite(incoming, applied)).toBe(stale);
  });
});
