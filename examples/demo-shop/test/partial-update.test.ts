import type { PlannedWrite, ProductWrite, WriteContext } from '@passerelle/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type DemoShop, openSeededShop } from './demo-shop-fixture.js';

const write: WriteContext = { shopId: 'default', settings: {} };
let shop: DemoShop;
afterEach(() => shop.dispose());

function without<T extends object>(item: T | null | undefined, ...fields: string[]): Partial<T> {
  const copy = { ...(item ?? {}) } as Record<string, unknown>;
  for (const field of ['sourceUpdatedAt', ...fields]) delete copy[field];
  return copy as Partial<T>;
}

function productUpdate(
  id: string,
  reference: string,
  data: Partial<ProductWrite>,
  directives: Record<string, unknown> = {},
): PlannedWrite<ProductWrite> {
  return {
    key: reference,
    action: 'update',
    platformId: id,
    data,
    incoming: { reference, name: { en: 'x' }, ...data } as ProductWrite,
    directives,
  };
}

describe('writes apply PlannedWrite.data only', () => {
  it('a product update touches the planned fields and leaves every other field as it was', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    const before = await adapter.products.get('16');
    // `incoming` carries fields the rules kept back: they must not be written.
    const plan = productUpdate('16', 'MUG-STONE-350', { description: { en: '<p>New text</p>' } });
    plan.incoming = { ...plan.incoming, price: '99.00', weight: { value: '9', unit: 'kg' } };
    const [outcome] = await adapter.products.write([plan], write);
    expect(outcome).toEqual({ key: 'MUG-STONE-350', ok: true, id: '16' });
    const after = await adapter.products.get('16');
    expect(after?.description).toEqual({ en: '<p>New text</p>' });
    expect(without(after, 'description')).toEqual(without(before, 'description'));
  });

  it('directives.variants create new variants and update one without touching its siblings', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    const before = (await adapter.products.getByReferences(['TOP-MARINIERE'])).get('TOP-MARINIERE');
    const [first, second] = before?.variants ?? [];
    const variants = [
      { key: first?.reference, action: 'update', platformId: first?.id, data: { ean13: '3760999000017' } },
      {
        key: 'TOP-MARINIERE-XXL',
        action: 'create',
        platformId: null,
        data: {
          reference: 'TOP-MARINIERE-XXL',
          options: [{ name: 'Size', value: 'XXL' }],
          priceImpact: '3.00',
          quantity: 4,
        },
      },
    ];
    const [outcome] = await adapter.products.write(
      [
        productUpdate(
          before?.id ?? '',
          'TOP-MARINIERE',
          { variants: [] as unknown as ProductWrite['variants'] },
          { variants },
        ),
      ],
      write,
    );
    expect(outcome?.ok).toBe(true);
    const after = (await adapter.products.getByReferences(['TOP-MARINIERE'])).get('TOP-MARINIERE');
    const byReference = new Map((after?.variants ?? []).map((variant) => [variant.reference, variant]));
    expect(byReference.get(first?.reference)?.ean13).toBe('3760999000017');
    expect(without(byReference.get(first?.reference), 'ean13')).toEqual(without(first, 'ean13'));
    expect(without(byReference.get(second?.reference))).toEqual(without(second));
    expect(byReference.get('TOP-MARINIERE-XXL')).toMatchObject({
      priceImpact: '3.00',
      quantity: 4,
      isDefault: false,
      productId: before?.id,
    });
    const stock = await adapter.stock.getByReferences(['TOP-MARINIERE-XXL']);
    expect(stock.get('TOP-MARINIERE-XXL')).toMatchObject({ location: 'paris', quantity: 4 });
  });

  it('a new product gets its variants from data.variants when core sends no directives', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    const data: Partial<ProductWrite> = {
      reference: 'HAT-LINEN',
      name: { en: 'Linen Hat', fr: 'Chapeau en lin' },
      price: '30.00',
      defaultCategory: 'Accessories',
      variants: [
        { reference: 'HAT-LINEN-S', options: [{ name: 'Size', value: 'S' }], quantity: 2 },
        { reference: 'HAT-LINEN-L', options: [{ name: 'Size', value: 'L' }], quantity: 3, isDefault: true },
      ],
    };
    const [outcome] = await adapter.products.write(
      [{ key: 'HAT-LINEN', action: 'create', platformId: null, data, incoming: data as ProductWrite, directives: {} }],
      write,
    );
    expect(outcome?.ok).toBe(true);
    const created = await adapter.products.get(outcome?.ok === true ? outcome.id : '');
    expect(created).toMatchObject({
      reference: 'HAT-LINEN',
      defaultCategory: 'Accessories',
      quantity: 5,
      slug: { en: 'linen-hat', fr: 'chapeau-en-lin' },
      currency: 'EUR',
    });
    expect(created?.variants?.map((variant) => [variant.reference, variant.isDefault, variant.quantity])).toEqual([
      ['HAT-LINEN-S', false, 2],
      ['HAT-LINEN-L', true, 3],
    ]);
  });

  it('categories resolve by name (creating a missing one) or by id, with parents when asked', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    const [byName] = await adapter.products.write(
      [
        productUpdate(
          '16',
          'MUG-STONE-350',
          { categories: ['Mugs & Cups', 'Gift Ideas'] },
          { categoriesFindBy: 'name', parentCategories: true },
        ),
      ],
      write,
    );
    expect(byName?.ok).toBe(true);
    const product = await adapter.products.get('16');
    expect(product?.categories).toEqual(['Mugs & Cups', 'Gift Ideas', 'Kitchen', 'Home & Living']);
    expect(product?.defaultCategory).toBe('Mugs & Cups');
    const created = (await adapter.categories.list({ cursor: null, limit: 100 })).items.find(
      (category) => category.name.en === 'Gift Ideas',
    );
    expect(created).toMatchObject({ parent: null, active: true });

    const [byMissingId] = await adapter.products.write(
      [productUpdate('16', 'MUG-STONE-350', { defaultCategory: '999' }, { categoriesFindBy: 'id' })],
      write,
    );
    expect(byMissingId).toMatchObject({ ok: false, error: 'no category with id "999"' });
  });

  it('customer, category and group updates keep what the plan leaves out', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    const customer = await adapter.customers.get('17');
    await adapter.customers.write(
      [
        {
          key: 'PRO-0001',
          action: 'update',
          platformId: '17',
          data: { maxPaymentDays: 45 },
          incoming: { reference: 'PRO-0001' },
          directives: {},
        },
      ],
      write,
    );
    const customerAfter = await adapter.customers.get('17');
    expect(customerAfter?.maxPaymentDays).toBe(45);
    expect(without(customerAfter, 'maxPaymentDays')).toEqual(without(customer, 'maxPaymentDays'));

    const category = await adapter.categories.get('10');
    await adapter.categories.write(
      [
        {
          key: 'CAT-MEN-TSHIRTS',
          action: 'update',
          platformId: '10',
          data: { parent: { reference: 'CAT-WOMEN' } },
          incoming: { reference: 'CAT-MEN-TSHIRTS', name: { en: 'x' } },
          directives: {},
        },
      ],
      write,
    );
    const categoryAfter = await adapter.categories.get('10');
    expect(categoryAfter?.parent).toEqual({ reference: 'CAT-WOMEN' });
    expect(without(categoryAfter, 'parent')).toEqual(without(category, 'parent'));

    const group = await adapter.customerGroups.get('4');
    await adapter.customerGroups.write(
      [
        {
          key: 'WHOLESALE',
          action: 'update',
          platformId: '4',
          data: { name: { en: 'Resellers' } },
          incoming: { reference: 'WHOLESALE', name: { en: 'Resellers' } },
          directives: {},
        },
      ],
      write,
    );
    expect(without(await adapter.customerGroups.get('4'), 'name')).toEqual(without(group, 'name'));
  });

  it('addresses and groups are replaced whole when planned, left alone when not', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    const address = {
      type: 'both' as const,
      firstName: 'Hugo',
      lastName: 'Thomas',
      address1: '1 rue Neuve',
      postcode: '59000',
      city: 'Lille',
      country: 'FR',
    };
    await adapter.customers.write(
      [
        {
          key: 'C000104',
          action: 'update',
          platformId: '4',
          data: { addresses: [address], groups: ['CUSTOMER', 'PRO'], defaultGroup: 'PRO' },
          incoming: { reference: 'C000104' },
          directives: {},
        },
      ],
      write,
    );
    const after = await adapter.customers.get('4');
    expect(after?.addresses?.map(({ id: _id, ...rest }) => rest)).toEqual([address]);
    expect(after).toMatchObject({ groups: ['CUSTOMER', 'PRO'], defaultGroup: 'PRO' });
    await adapter.customers.write(
      [
        {
          key: 'C000104',
          action: 'update',
          platformId: '4',
          data: { note: 'VIP soon' },
          incoming: { reference: 'C000104' },
          directives: {},
        },
      ],
      write,
    );
    expect(without(await adapter.customers.get('4'), 'note')).toEqual(without(after, 'note'));
  });

  it('stock writes set absolute quantities per warehouse, and the stock policy can deactivate', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    const plans = [
      { key: 'ACC-BELT@geneva', reference: 'ACC-BELT', platformId: null, location: 'geneva', quantity: 11 },
      { key: 'ACC-BELT', reference: 'ACC-BELT', platformId: null, location: null, quantity: 0, setActive: false },
    ];
    const outcomes = await adapter.stock.write(plans, write);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true]);
    const levels = (await adapter.stock.list({ cursor: null, limit: 500 })).items.filter(
      (level) => level.reference === 'ACC-BELT',
    );
    expect(levels.map((level) => [level.location, level.quantity])).toEqual([
      ['paris', 0],
      ['geneva', 11],
    ]);
    const belt = (await adapter.products.getByReferences(['ACC-BELT'])).get('ACC-BELT');
    expect(belt).toMatchObject({ quantity: 11, active: false });
  });

  it('prices: a variant price moves its impact; specific prices and tax follow the plan', async () => {
    shop = openSeededShop();
    const { adapter } = shop;
    const before = await adapter.prices.getByReferences(['TSH-ORGANIC-BLK-XL', 'TSH-ORGANIC', 'MUG-STONE-350']);
    expect(before.get('TSH-ORGANIC-BLK-XL')).toMatchObject({ price: '27.42', currency: 'EUR', taxRate: '20' });
    const outcomes = await adapter.prices.write(
      [
        {
          key: 'TSH-ORGANIC-BLK-XL',
          action: 'update',
          platformId: null,
          data: { price: '30.00' },
          incoming: { reference: 'TSH-ORGANIC-BLK-XL', price: '30.00', currency: 'EUR' },
          directives: {},
        },
        {
          key: 'MUG-STONE-350',
          action: 'update',
          platformId: null,
          data: {
            specificPrices: [
              { customerGroup: 'WHOLESALE', fromQuantity: 6, reduction: { type: 'percentage', value: '30' } },
            ],
          },
          incoming: { reference: 'MUG-STONE-350', price: '14.08', currency: 'EUR' },
          directives: {},
        },
        {
          key: 'MUG-ENAMEL',
          action: 'update',
          platformId: null,
          data: { price: '9.00', currency: 'CHF' },
          incoming: { reference: 'MUG-ENAMEL', price: '9.00', currency: 'CHF' },
          directives: {},
        },
      ],
      write,
    );
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, false]);
    const after = await adapter.prices.getByReferences(['TSH-ORGANIC-BLK-XL', 'TSH-ORGANIC', 'MUG-STONE-350']);
    expect(after.get('TSH-ORGANIC-BLK-XL')?.price).toBe('30.00');
    expect(after.get('TSH-ORGANIC')).toEqual(before.get('TSH-ORGANIC'));
    const product = (await adapter.products.getByReferences(['TSH-ORGANIC'])).get('TSH-ORGANIC');
    expect(product?.variants?.find((variant) => variant.reference === 'TSH-ORGANIC-BLK-XL')?.priceImpact).toBe('5.08');
    expect(after.get('MUG-STONE-350')).toMatchObject({
      price: before.get('MUG-STONE-350')?.price,
      specificPrices: [{ customerGroup: 'WHOLESALE', fromQuantity: 6, reduction: { type: 'percentage', value: '30' } }],
    });
  });
});
