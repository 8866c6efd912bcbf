import { expect } from 'vitest';
import { capabilitiesOf, type PlannedWrite, type ProductOperations, type ProductWrite } from '../adapter.js';
import { addDecimals, compareDecimals, type Product, type Variant } from '../contracts/index.js';
import type { AdapterCheck, AdapterCheckContext } from './adapter-check-context.js';
import { requireFixture, unknownId } from './adapter-check-context.js';
import { findById, findByReference, type GenericReads, withoutFields } from './read-entities.js';
import type { CheckHooks } from './register-checks.js';

type Writable = ProductOperations & Required<Pick<ProductOperations, 'write'>>;

/** The product operations when they write, or the proof that the adapter does not claim writes. */
async function writableProducts(context: AdapterCheckContext, hooks: CheckHooks): Promise<Writable | null> {
  const products = context.adapter.products;
  if (products?.write) return products as Writable;
  expect(capabilitiesOf(context.adapter).write.products, 'capabilities.write.products').toBe(false);
  await hooks.note('the adapter does not write products; capabilities agree');
  return null;
}

async function productByReference(reads: GenericReads, reference: string): Promise<Product> {
  const product = (await findByReference(reads, reference)) as Product | undefined;
  expect(product, `no product with reference "${reference}" in the fake`).toBeDefined();
  expect(product?.id, `product "${reference}" has no id`).toBeTruthy();
  return product as Product;
}

function update(product: Product, data: Partial<ProductWrite>): PlannedWrite<ProductWrite> {
  const reference = product.reference as string;
  return {
    key: reference,
    action: 'update',
    platformId: product.id as string,
    data,
    incoming: { reference, name: product.name, ...data } as ProductWrite,
    directives: {},
  };
}

/** Fields a write may change besides the written ones: the platform's own dates and payload. */
const VOLATILE = ['sourceUpdatedAt', 'raw'];

function nextPrice(price: string | undefined): string {
  return price === undefined ? '7.77' : addDecimals(price, '1.11');
}

export const productWriteChecks: AdapterCheck[] = [
  {
    title: 'products.write: one outcome per plan, keyed; a refused plan fails alone while the others succeed',
    keys: ['products', 'write', 'products.write'],
    async run(context, hooks) {
      const products = await writableProducts(context, hooks);
      if (!products) return;
      const existing = await productByReference(products, requireFixture(context, 'simpleProduct', 'products.write'));
      const language = Object.keys(existing.name)[0] ?? 'en';
      const renamed = { ...existing.name, [language]: 'Conformance renamed' };
      const newReference = `conformance-new-${Date.now().toString(36)}`;
      const createData: Partial<ProductWrite> = {
        reference: newReference,
        name: { [language]: 'Conformance product' },
        price: '9.90',
        active: true,
      };
      const refused: PlannedWrite<ProductWrite> = context.fixtures.refusedProductPlan ?? {
        key: 'conformance-missing',
        action: 'update',
        platformId: unknownId(context, 'products'),
        data: { name: { [language]: 'Nobody' } },
        incoming: { reference: 'conformance-missing', name: { [language]: 'Nobody' } },
        directives: {},
      };
      const plans: PlannedWrite<ProductWrite>[] = [
        update(existing, { name: renamed }),
        refused,
        {
          key: newReference,
          action: 'create',
          platformId: null,
          data: createData,
          incoming: createData as ProductWrite,
          directives: {},
        },
      ];

      const outcomes = await products.write(plans, context.write);
      expect(outcomes, 'products.write must answer one outcome per plan').toHaveLength(plans.length);
      const byKey = new Map(outcomes.map((outcome) => [outcome.key, outcome]));
      expect([...byKey.keys()].sort(), 'outcome keys must be the plan keys, each once').toEqual(
        plans.map((plan) => plan.key).sort(),
      );
      expect(byKey.get(existing.reference as string), 'the update of a known product').toMatchObject({
        ok: true,
        id: existing.id,
      });
      const refusedOutcome = byKey.get(refused.key);
      expect(refusedOutcome?.ok, `the refused plan "${refused.key}" must fail`).toBe(false);
      if (refusedOutcome?.ok === false) expect(refusedOutcome.error, 'a failure says why').toMatch(/\S/);
      const created = byKey.get(newReference);
      expect(created?.ok, 'the create next to a refused plan').toBe(true);

      const createdId = created?.ok === true ? created.id : '';
      expect(createdId, 'a created product has its platform id').toMatch(/\S/);
      const reread = (await findById(products, createdId)) as Product | null;
      expect(reread?.reference, 'the created product, read back').toBe(newReference);
      expect(reread?.name[language], 'the created product name, read back').toBe('Conformance product');
      expect(reread?.price !== undefined && compareDecimals(reread.price, '9.90') === 0, 'created price 9.90').toBe(
        true,
      );
      const renamedBack = await productByReference(products, existing.reference as string);
      expect(renamedBack.name[language], 'the updated name, read back').toBe('Conformance renamed');
    },
  },
  {
    title: 'products.write: an update writes the planned fields and only those (product and variants)',
    keys: ['products', 'partialUpdate', 'products.partialUpdate'],
    async run(context, hooks) {
      const products = await writableProducts(context, hooks);
      if (!products) return;
      const before = await productByReference(
        products,
        requireFixture(context, 'simpleProduct', 'products.partialUpdate'),
      );
      const price = nextPrice(before.price);
      const [outcome] = await products.write([update(before, { price })], context.write);
      expect(outcome, 'a price-only update').toMatchObject({ key: before.reference, ok: true });
      const after = await productByReference(products, before.reference as string);
      expect(after.price, 'the written price').toBeDefined();
      expect(
        compareDecimals(after.price as string, price),
        `price ${String(after.price)} read back, ${price} written`,
      ).toBe(0);
      expect(withoutFields(after, [...VOLATILE, 'price']), 'fields outside the plan must not change').toEqual(
        withoutFields(before, [...VOLATILE, 'price']),
      );

      const reference = context.fixtures.productWithVariants;
      if (!reference) return hooks.note('fixtures.productWithVariants is absent: variant partial update not checked');
      const parent = await productByReference(products, reference);
      const [target, other] = parent.variants ?? [];
      expect(other, `product "${reference}" needs at least two variants`).toBeDefined();
      const variant = target as Variant;
      expect(variant.reference, `a variant of "${reference}" has no reference`).toBeTruthy();
      const field = variant.priceImpact !== undefined && variant.price === undefined ? 'priceImpact' : 'price';
      const value =
        field === 'priceImpact' ? addDecimals(variant.priceImpact as string, '1') : nextPrice(variant.price);
      const variantData = { reference: variant.reference as string, [field]: value };
      // As core plans it: the variant's key plus only its changed fields.
      const plan = update(parent, { variants: [variantData] as unknown as ProductWrite['variants'] });
      plan.directives = {
        variants: [
          { key: variant.reference, action: 'update', platformId: variant.id ?? null, data: { [field]: value } },
        ],
      };
      const [variantOutcome] = await products.write([plan], context.write);
      expect(variantOutcome, 'a one-variant update').toMatchObject({ key: reference, ok: true });
      const parentAfter = await productByReference(products, reference);
      const variantsAfter = new Map((parentAfter.variants ?? []).map((entry) => [entry.reference, entry]));
      const written = variantsAfter.get(variant.reference);
      expect(written?.[field], `variant ${String(variant.reference)}.${field} read back`).toBeDefined();
      expect(compareDecimals(written?.[field] as string, value), `variant ${field} written`).toBe(0);
      expect(withoutFields(written, [...VOLATILE, field]), 'the variant fields outside the plan').toEqual(
        withoutFields(variant, [...VOLATILE, field]),
      );
      for (const untouched of (parent.variants ?? []).slice(1)) {
        expect(withoutFields(variantsAfter.get(untouched.reference), VOLATILE), 'a variant outside the plan').toEqual(
          withoutFields(untouched, VOLATILE),
        );
      }
      expect(
        withoutFields(parentAfter, [...VOLATILE, 'variants']),
        'the product fields outside a variant-only plan',
      ).toEqual(withoutFields(parent, [...VOLATILE, 'variants']));
    },
  },
];
