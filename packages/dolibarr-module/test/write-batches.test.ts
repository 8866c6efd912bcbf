import type { PlannedWrite, ProductWrite, StockWritePlan, WriteContext } from '@passerelle/core';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDolibarrAdapter } from '../src/adapter.js';
import { dolibarrModuleSettingsSchema } from '../src/settings.js';
import { type CreateFakeOptions, createFakeDolibarr } from './fake-dolibarr.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

/** A fake whose requests in flight are counted, and an adapter with these `platform.dolibarr` settings. */
function setup(dolibarr: Record<string, unknown> = {}, options: CreateFakeOptions = {}) {
  const fake = createFakeDolibarr(options);
  const flight = { now: 0, max: 0 };
  server.resetHandlers(
    http.all(`${fake.url}/api/index.php/*`, async ({ request }) => {
      flight.now++;
      flight.max = Math.max(flight.max, flight.now);
      try {
        return await fake.handle(request);
      } finally {
        flight.now--;
      }
    }),
  );
  const settings = dolibarrModuleSettingsSchema.parse({ platform: { dolibarr } });
  const adapter = createDolibarrAdapter({ url: fake.url, apiKey: fake.apiKey, settings: () => settings, retry: 0 });
  const write: WriteContext = { shopId: 'default', settings };
  const tables = fake.context.tables;
  const rowOf = (ref: string) => [...tables.products.values()].find((row) => row.ref === ref);
  const total = (ref: string) => [...(rowOf(ref)?.stock.values() ?? [])].reduce((sum, quantity) => sum + quantity, 0);
  const stock = adapter.stock as Required<NonNullable<typeof adapter.stock>>;
  const products = adapter.products as Required<NonNullable<typeof adapter.products>>;
  return { fake, flight, stock, products, write, tables, rowOf, total };
}

function stockPlan(reference: string, quantity: number, location: string | null = null): StockWritePlan {
  return { key: reference, reference, platformId: null, location, quantity };
}

function createPlan(reference: string): PlannedWrite<ProductWrite> {
  const data: ProductWrite = { reference, name: { en: reference }, price: '3.00', quantity: 2 };
  return { key: reference, action: 'create', platformId: null, data, incoming: data, directives: {} };
}

describe('writeConcurrency', () => {
  it('is a platform.dolibarr setting, 4 by default, 1 to 16', () => {
    expect(dolibarrModuleSettingsSchema.parse({}).platform.dolibarr.writeConcurrency).toBe(4);
    expect(() => dolibarrModuleSettingsSchema.parse({ platform: { dolibarr: { writeConcurrency: 17 } } })).toThrow();
  });

  it('a stock batch keeps that many calls in flight and no more', async () => {
    const { fake, flight, stock, write, rowOf } = setup({ writeConcurrency: 3 }, { latencyMs: 15 });
    const refs = Array.from({ length: 9 }, (_, index) => `BATCH-${index}`);
    for (const ref of refs) fake.backOffice.addProduct({ ref, label: ref, price: '1.00', tvaTx: '20' });
    // Core's lookup found the ids.
    const plans = refs.map((ref, index) => ({ ...stockPlan(ref, 10 + index), platformId: String(rowOf(ref)?.id) }));
    await stock.write(plans.slice(0, 1), write);
    flight.max = 0;
    const outcomes = await stock.write(plans, write);
    expect(outcomes.map((outcome) => [outcome.key, outcome.ok])).toEqual(refs.map((ref) => [ref, true]));
    expect(flight.max).toBe(3);
  });

  it('two stock batches at once share the bound: Dolibarr gets that many movements at once, not twice as many', async () => {
    const { fake, stock, write, rowOf, total } = setup({ writeConcurrency: 2 }, { latencyMs: 15 });
    const refs = Array.from({ length: 8 }, (_, index) => `SHARED-${index}`);
    for (const ref of refs) fake.backOffice.addProduct({ ref, label: ref, price: '1.00', tvaTx: '20' });
    const plans = refs.map((ref, index) => ({ ...stockPlan(ref, 20 + index), platformId: String(rowOf(ref)?.id) }));
    const movements = { now: 0, max: 0 };
    server.resetHandlers(
      http.all(`${fake.url}/api/index.php/*`, async ({ request }) => {
        const movement = request.method === 'POST' && new URL(request.url).pathname.endsWith('/stockmovements');
        if (movement) movements.max = Math.max(movements.max, ++movements.now);
        try {
          return await fake.handle(request);
        } finally {
          if (movement) movements.now--;
        }
      }),
    );
    const [first, second] = await Promise.all([
      stock.write(plans.slice(0, 4), write),
      stock.write(plans.slice(4), write),
    ]);
    expect([...(first ?? []), ...(second ?? [])].every((outcome) => outcome.ok)).toBe(true);
    expect(movements.max).toBe(2);
    expect(refs.map((ref) => total(ref))).toEqual(refs.map((_, index) => 20 + index));
  });

  it('a product batch keeps that many products in flight and no more, outcomes in order', async () => {
    const { flight, products, write, tables } = setup({ writeConcurrency: 2 }, { latencyMs: 10 });
    const refs = Array.from({ length: 6 }, (_, index) => `PAR-${index}`);
    const outcomes = await products.write(refs.map(createPlan), write);
    expect(outcomes.map((outcome) => [outcome.key, outcome.ok])).toEqual(refs.map((ref) => [ref, true]));
    expect(flight.max).toBe(2);
    for (const ref of refs) expect([...tables.products.values()].filter((row) => row.ref === ref)).toHaveLength(1);
  });

  it('1 writes one item after the other', async () => {
    const { fake, flight, stock, write } = setup({ writeConcurrency: 1 }, { latencyMs: 5 });
    for (const ref of ['ONE-1', 'ONE-2', 'ONE-3'])
      fake.backOffice.addProduct({ ref, label: ref, price: '1.00', tvaTx: '20' });
    await stock.write([stockPlan('ONE-1', 4), stockPlan('ONE-2', 5), stockPlan('ONE-3', 6)], write);
    expect(flight.max).toBe(1);
  });
});

describe('absolute stock writes read the current levels in bulk', () => {
  it('one GET /products list for the batch, one movement per changed item, nothing for an unchanged one', async () => {
    const { fake, stock, write, rowOf, total } = setup();
    const plans = [
      { ...stockPlan('MUG-STONE', 33), platformId: String(rowOf('MUG-STONE')?.id) },
      { ...stockPlan('TEA-SENCHA', total('TEA-SENCHA')), platformId: String(rowOf('TEA-SENCHA')?.id) },
      { ...stockPlan('CANDLE-FIG', 1), platformId: String(rowOf('CANDLE-FIG')?.id) },
    ];
    const before = fake.calls.length;
    const outcomes = await stock.write(plans, write);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, true]);
    expect(outcomes[1]).toMatchObject({ note: 'already at that quantity' });
    const calls = fake.calls.slice(before).map((call) => `${call.method} ${call.path}`);
    expect(calls.filter((call) => call === 'GET /products')).toHaveLength(1);
    expect(calls.filter((call) => /^GET \/products\/\d+$/.test(call))).toEqual([]);
    expect(calls.filter((call) => call === 'POST /stockmovements')).toHaveLength(2);
    expect([total('MUG-STONE'), total('CANDLE-FIG')]).toEqual([33, 1]);
  });

  it('by reference: the lookup rows carry the levels, no second read', async () => {
    const { fake, stock, write, total } = setup();
    const before = fake.calls.length;
    await stock.write([stockPlan('MUG-STONE', 41), stockPlan('CANDLE-FIG', 13)], write);
    const calls = fake.calls.slice(before).map((call) => `${call.method} ${call.path}`);
    expect(calls.filter((call) => call.startsWith('GET /products'))).toHaveLength(1);
    expect([total('MUG-STONE'), total('CANDLE-FIG')]).toEqual([41, 13]);
  });

  it('a warehouse-specific write compares with that warehouse’s level, read with includestockdata', async () => {
    const { fake, stock, write, rowOf } = setup();
    const mug = rowOf('MUG-STONE');
    const others = new Map([...(mug?.stock.entries() ?? [])].filter(([warehouse]) => warehouse !== 2));
    const before = fake.calls.length;
    const [outcome] = await stock.write([stockPlan('MUG-STONE', 6, '2')], write);
    expect(outcome).toMatchObject({ ok: true });
    expect(mug?.stock.get(2)).toBe(6);
    for (const [warehouse, quantity] of others) expect(mug?.stock.get(warehouse)).toBe(quantity);
    const reads = fake.calls.slice(before).filter((call) => call.method === 'GET' && call.path === '/products');
    expect(reads.some((call) => /includestockdata=1/.test(call.query))).toBe(true);
    const [again] = await stock.write([stockPlan('MUG-STONE', 6, '2')], write);
    expect(again).toMatchObject({ ok: true, note: 'already at that quantity' });
  });

  it('with a read warehouse set, the level read and corrected is that warehouse’s', async () => {
    const { stock, write, rowOf } = setup({ stockWarehouse: '2' });
    await stock.write([stockPlan('TEA-SENCHA', 9)], write);
    expect(rowOf('TEA-SENCHA')?.stock.get(2)).toBe(9);
  });

  it('the same product twice in one batch ends at the last quantity (the level is read again)', async () => {
    const { stock, write, rowOf, total } = setup({ writeConcurrency: 4 });
    const id = String(rowOf('MUG-STONE')?.id);
    const outcomes = await stock.write(
      [
        { ...stockPlan('MUG-STONE', 50), platformId: id },
        { ...stockPlan('MUG-STONE', 45), key: 'MUG-STONE#2', platformId: id },
      ],
      write,
    );
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true]);
    expect(total('MUG-STONE')).toBe(45);
  });

  it('two requests writing one product at once do not trust a level read before the other’s movement', async () => {
    const { stock, write, rowOf, total } = setup({}, { latencyMs: 5 });
    const id = String(rowOf('CANDLE-FIG')?.id);
    await Promise.all([
      stock.write([{ ...stockPlan('CANDLE-FIG', 30), platformId: id }], write),
      stock.write([{ ...stockPlan('CANDLE-FIG', 30), platformId: id }], write),
    ]);
    expect(total('CANDLE-FIG')).toBe(30);
  });

  it('an unknown reference fails alone, saying so', async () => {
    const { stock, write, total } = setup();
    const outcomes = await stock.write([stockPlan('NOPE', 3), stockPlan('MUG-STONE', 8)], write);
    expect(outcomes[0]).toMatchObject({
      ok: false,
      error: expect.stringMatching(/no Dolibarr product with reference "NOPE"/),
    });
    expect(outcomes[1]).toMatchObject({ ok: true });
    expect(total('MUG-STONE')).toBe(8);
  });
});
