import { defaultSettings, type StockWritePlan } from '@passerelle/core';
import { describe, expect, it } from 'vitest';
import { bulkSeed } from './fake/bulk-seed.js';
import { SEED_SKUS } from './fake/seed.js';
import { adapterFor, lastBatch, moduleFor, startFake } from './harness.js';

const context = { shopId: 'default', settings: defaultSettings() };
const plan = (reference: string, quantity: number, extra: Partial<StockWritePlan> = {}): StockWritePlan => ({
  key: reference,
  reference,
  platformId: null,
  location: null,
  quantity,
  ...extra,
});

describe('stock writes', () => {
  it('1,000 stock updates of simple products cost exactly 10 batch calls of 100', async () => {
    const fake = startFake({ seed: bulkSeed(1000) });
    const adapter = adapterFor(fake);
    const references = Array.from({ length: 1000 }, (_, index) => `BULK-${String(index + 1).padStart(4, '0')}`);
    await adapter.stock.getByReferences(references);
    fake.resetCalls();
    const outcomes = await adapter.stock.write(
      references.map((reference, index) => plan(reference, index)),
      context,
    );
    expect(outcomes.filter((outcome) => outcome.ok === true)).toHaveLength(1000);
    expect(fake.batchCalls('products')).toHaveLength(10);
    expect(fake.batchCalls().every((call) => ((call.body as { update: unknown[] }).update ?? []).length === 100)).toBe(
      true,
    );
    expect(fake.calls).toHaveLength(10);
    expect(fake.state.products.get(10_500)?.stock_quantity).toBe(499);
  });

  it('variations go through their parent’s variations batch, simple products through products/batch', async () => {
    const fake = startFake();
    const adapter = adapterFor(fake);
    const outcomes = await adapter.stock.write([plan(SEED_SKUS.variationBlack, 3), plan(SEED_SKUS.simple, 8)], context);
    expect(outcomes).toEqual([
      { key: SEED_SKUS.variationBlack, ok: true, id: '732' },
      { key: SEED_SKUS.simple, ok: true, id: '794' },
    ]);
    expect(lastBatch(fake, 'products/799/variations').update).toEqual([
      { id: 732, manage_stock: true, stock_quantity: 3 },
    ]);
    expect(lastBatch(fake).update).toEqual([{ id: 794, manage_stock: true, stock_quantity: 8 }]);
  });

  it('the stock policy’s state changes: unpublish at 0, publish again, stock status; a variation is disabled as private', async () => {
    const fake = startFake();
    const adapter = adapterFor(fake);
    await adapter.stock.write(
      [
        plan(SEED_SKUS.simple, 0, { setActive: false, outOfStock: true }),
        plan(SEED_SKUS.variationBlack, 0, { setActive: false }),
      ],
      context,
    );
    expect(fake.state.products.get(794)).toMatchObject({
      status: 'draft',
      stock_quantity: 0,
      stock_status: 'outofstock',
    });
    expect(lastBatch(fake, 'products/799/variations').update?.[0]).toMatchObject({ status: 'private' });
    await adapter.stock.write([plan(SEED_SKUS.simple, 5, { setActive: true, outOfStock: false })], context);
    expect(fake.state.products.get(794)).toMatchObject({
      status: 'publish',
      stock_quantity: 5,
      stock_status: 'instock',
    });
  });

  it('a location, or an unknown SKU, fails that item alone with the reason', async () => {
    const fake = startFake();
    const adapter = adapterFor(fake);
    const outcomes = await adapter.stock.write(
      [plan(SEED_SKUS.simple, 1, { location: 'WH2' }), plan('NO-SUCH-SKU', 1), plan('WOO-EXTRA-1', 4)],
      context,
    );
    expect(outcomes[0]).toMatchObject({
      ok: false,
      retryable: false,
      error: expect.stringMatching(/one stock per item/),
    });
    expect(outcomes[1]).toMatchObject({ ok: false, error: 'no product or variation with SKU "NO-SUCH-SKU"' });
    expect(outcomes[2]).toMatchObject({ ok: true, id: '901' });
  });

  it('through the endpoint, the WooCommerce defaults unpublish a product whose stock reaches 0 and publish it back', async () => {
    const fake = startFake();
    const module = await moduleFor(fake);
    const first = await module.call('PUT', '/stock', { items: [{ reference: SEED_SKUS.simple, quantity: 0 }] });
    expect((first.body as { results: { outcome: string }[] }).results[0]?.outcome).toBe('updated');
    expect(fake.state.products.get(794)?.status).toBe('draft');
    await module.call('PUT', '/stock', { items: [{ reference: SEED_SKUS.simple, quantity: 6 }] });
    expect(fake.state.products.get(794)).toMatchObject({ status: 'publish', stock_quantity: 6 });
  });
});
