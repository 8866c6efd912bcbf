import type { StockWritePlan } from '@passerelle/core';
import { describe, expect, it } from 'vitest';
import { shopifySettingsSchema } from '../src/settings.js';
import { INVENTORY_BATCH_SIZE } from '../src/writes/stock-writes.js';
import { adapterFor, useFakeShopify } from './support.js';

const { fake } = useFakeShopify();
const settings = (shopify: Record<string, unknown> = {}) => ({
  shopId: 'x',
  settings: shopifySettingsSchema.parse({ platform: { shopify } }),
});

function plansFor(
  shop: ReturnType<typeof fake.addShop>,
  count: number,
  quantity = (index: number) => index + 1,
): StockWritePlan[] {
  const location = shop.locations[0]?.id as string;
  return [...shop.variants.values()].slice(0, count).map((variant, index) => ({
    key: variant.sku as string,
    reference: variant.sku as string,
    platformId: variant.id,
    location,
    quantity: quantity(index),
  }));
}

describe('stock writes: inventorySetQuantities, 250 per call, idempotency key, changeFromQuantity', () => {
  it(`writes 600 levels in 3 calls (${INVENTORY_BATCH_SIZE} + 250 + 100), each with its own idempotency key`, async () => {
    const { shop, adapter } = adapterFor(fake, {
      seed: 'empty',
      manyProducts: 600,
      restoreRate: 1000,
      maximumAvailable: 20_000,
    });
    const plans = plansFor(shop, 600);
    const outcomes = await adapter.stock!.write!(plans, settings({ bulkThreshold: 0 }));
    expect(outcomes.filter((outcome) => outcome.ok === true)).toHaveLength(600);
    expect(fake.count('inventorySetQuantities', shop.domain)).toBe(3);
    expect(shop.idempotency.size).toBe(3);
    const location = shop.locations[0]?.id as string;
    const first = [...shop.variants.values()][0];
    expect(shop.levels.get(`${first?.inventoryItemId}@${location}`)?.quantities.available).toBe(1);
    // Every quantity carried the level read before the write as its compare-and-swap value.
    for (const { request } of shop.idempotency.values()) {
      const input = JSON.parse(request) as {
        quantities: { changeFromQuantity?: number | null }[];
        reason: string;
        referenceDocumentUri: string;
      };
      expect(input.quantities.every((quantity) => typeof quantity.changeFromQuantity === 'number')).toBe(true);
      expect(input.quantities.length).toBeLessThanOrEqual(INVENTORY_BATCH_SIZE);
      expect(input.reason).toBe('correction');
      expect(input.referenceDocumentUri).toMatch(/^gid:\/\/passerelle\/StockSync\//);
    }
  });

  it('a sale between read and write fails that level alone (CHANGE_FROM_QUANTITY_STALE, retryable); the others are applied', async () => {
    const { shop, adapter } = adapterFor(fake);
    const plans = plansFor(shop, 4, () => 50);
    await adapter.stock!.getByReferences!(plans.map((plan) => plan.reference));
    const sold = [...shop.variants.values()][1];
    const level = shop.levels.get(`${sold?.inventoryItemId}@${shop.locations[0]?.id}`);
    if (!level) throw new Error('no level');
    level.quantities.available = (level.quantities.available ?? 0) - 1;
    const outcomes = await adapter.stock!.write!(plans, settings());
    expect(outcomes[1]).toMatchObject({ ok: false, retryable: true });
    expect(outcomes[1]?.ok === false && outcomes[1].error).toMatch(/CHANGE_FROM_QUANTITY_STALE/);
    expect(outcomes.filter((outcome) => outcome.ok === true)).toHaveLength(3);
    expect(level.quantities.available).not.toBe(50);
    // Refused whole by Shopify, then sent again without the stale level: two calls.
    expect(fake.count('inventorySetQuantities', shop.domain)).toBe(2);
    // The next write reads the level again and succeeds.
    const retry = await adapter.stock!.write!([plans[1] as StockWritePlan], settings());
    expect(retry[0]).toMatchObject({ ok: true });
    expect(level.quantities.available).toBe(50);
  });

  it('with stockCompareAndSwap off, changeFromQuantity is sent as null and the ERP value wins', async () => {
    const { shop, adapter } = adapterFor(fake);
    const plans = plansFor(shop, 1, () => 9);
    await adapter.stock!.getByReferences!(plans.map((plan) => plan.reference));
    const variant = [...shop.variants.values()][0];
    const level = shop.levels.get(`${variant?.inventoryItemId}@${shop.locations[0]?.id}`);
    if (!level) throw new Error('no level');
    level.quantities.available = 3;
    const [outcome] = await adapter.stock!.write!(plans, settings({ stockCompareAndSwap: false }));
    expect(outcome).toMatchObject({ ok: true });
    expect(level.quantities.available).toBe(9);
    const [sent] = [...shop.idempotency.values()];
    expect(
      (JSON.parse(sent?.request ?? '{}') as { quantities: { changeFromQuantity: unknown }[] }).quantities[0],
    ).toHaveProperty('changeFromQuantity', null);
  });

  it('a lost answer is retried with the same idempotency key: Shopify applies it once', async () => {
    const { shop, adapter } = adapterFor(fake);
    const plans = plansFor(shop, 2, () => 77);
    await adapter.stock!.getByReferences!(plans.map((plan) => plan.reference));
    fake.failNext(shop.domain, { status: 503 });
    const outcomes = await adapter.stock!.write!(plans, settings());
    expect(outcomes.every((outcome) => outcome.ok === true)).toBe(true);
    expect(shop.idempotency.size).toBe(1);
  });

  it('a level the location does not stock, or an unknown variant, fails alone with a plain reason', async () => {
    const { shop, adapter } = adapterFor(fake);
    const [stocked] = plansFor(shop, 1);
    const variant = [...shop.variants.values()].find((entry) => entry.sku === 'IPOD2008RED');
    const second = shop.locations[1]?.id as string;
    shop.levels.delete(`${variant?.inventoryItemId}@${second}`);
    const outcomes = await adapter.stock!.write!(
      [
        stocked as StockWritePlan,
        { key: 'red@2', reference: 'IPOD2008RED', platformId: variant?.id ?? null, location: second, quantity: 1 },
        { key: 'ghost', reference: 'NO-SUCH-SKU', platformId: null, location: null, quantity: 1 },
      ],
      settings(),
    );
    expect(outcomes[0]).toMatchObject({ ok: true });
    expect(outcomes[1]).toMatchObject({ ok: false, retryable: false });
    expect(outcomes[1]?.ok === false && outcomes[1].error).toMatch(/not stocked/);
    expect(outcomes[2]).toMatchObject({ ok: false, error: 'no variant with reference "NO-SUCH-SKU"' });
  });

  it('deactivate at zero: the stock policy’s setActive turns into the product status', async () => {
    const { shop, adapter } = adapterFor(fake);
    const [plan] = plansFor(shop, 1, () => 0);
    const [outcome] = await adapter.stock!.write!([{ ...(plan as StockWritePlan), setActive: false }], settings());
    expect(outcome).toMatchObject({ ok: true });
    const variant = shop.variants.get((plan as StockWritePlan).platformId as string);
    expect(shop.products.get(variant?.productId as string)?.status).toBe('DRAFT');
  });

  it('every document validated against the schema', () => {
    expect(fake.calls.flatMap((call) => call.validationErrors)).toEqual([]);
  });
});

describe('a stock push larger than the bulk threshold reads the levels in one bulk operation', () => {
  it('600 levels, threshold 100: 1 bulk operation, no lookup query, 3 writes', async () => {
    const { shop, adapter } = adapterFor(fake, { seed: 'empty', manyProducts: 600 });
    const outcomes = await adapter.stock!.write!(
      plansFor(shop, 600, () => 5),
      settings({ bulkThreshold: 100 }),
    );
    expect(outcomes.every((outcome) => outcome.ok === true)).toBe(true);
    expect(fake.count('bulkOperationRunQuery', shop.domain)).toBe(1);
    expect(fake.count('nodes', shop.domain)).toBe(0);
    expect(fake.count('inventorySetQuantities', shop.domain)).toBe(3);
    expect(
      [...shop.levels.values()]
        .filter((level) => level.locationId === shop.locations[0]?.id)
        .every((level) => level.quantities.available === 5),
    ).toBe(true);
  });
});
