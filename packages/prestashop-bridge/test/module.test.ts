import { createMemoryStore, parseSettings } from '@passerelle/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrestashopModule, prestashopSettingsSchema } from '../src/index.js';
import { FAKE_KEY, FAKE_URL } from './fake-prestashop.js';
import { type ModuleShop, mergeSettings, moduleShop, settingAt } from './module-harness.js';

let shop: ModuleShop | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

describe('platform.prestashop settings', () => {
  it('parse from nothing to their defaults and refuse a malformed shop id with its path', () => {
    const settings = parseSettings({}, prestashopSettingsSchema);
    expect(settings.platform.prestashop).toEqual({ shopId: '', shopGroupId: '', writeConcurrency: 4, orderStates: {} });
    expect(() => parseSettings({ platform: { prestashop: { shopId: 'shop-one' } } }, prestashopSettingsSchema)).toThrow(
      /platform\.prestashop\.shopId/,
    );
    expect(() =>
      parseSettings({ platform: { prestashop: { orderStates: { '14': 'lost' } } } }, prestashopSettingsSchema),
    ).toThrow();
  });

  it('shopId: every Webservice call carries id_shop, and changes apply without a restart', async () => {
    shop = await moduleShop(settingAt('platform.prestashop.shopId', '1'));
    await shop.call('GET', '/products?limit=1');
    expect(shop.fake.calls.length).toBeGreaterThan(0);
    expect(shop.fake.calls.every((call) => call.query.get('id_shop') === '1')).toBe(true);
    await shop.module.settings.update({ platform: { prestashop: { shopId: '' } } }, 'test');
    await new Promise((resolve) => setTimeout(resolve, 10));
    const before = shop.fake.calls.length;
    await shop.call('GET', '/products?limit=1');
    expect(shop.fake.calls.slice(before).every((call) => !call.query.has('id_shop'))).toBe(true);
  });

  it('writeConcurrency: a batch of stock writes keeps that many calls in flight, no more', async () => {
    shop = await moduleShop(settingAt('platform.prestashop.writeConcurrency', 2), { latencyMs: 15 });
    const references = [
      'demo_11',
      'demo_12',
      'demo_16',
      'demo_14',
      'demo_21',
      'demo_1_s_white',
      'demo_1_m_white',
      'demo_3_s',
    ];
    await shop.module.adapter.stock.getByReferences(references);
    shop.fake.maxInFlight = 0;
    const answer = await shop.call('PUT', '/stock', {
      items: references.map((reference, index) => ({ reference, quantity: 100 + index })),
    });
    expect(
      (answer.body as { results: { outcome: string }[] }).results.every((result) => result.outcome === 'updated'),
    ).toBe(true);
    expect(shop.fake.maxInFlight).toBe(2);
  });

  it('writeConcurrency bounds the calls to the shop across batches sent at once, not per batch', async () => {
    const subject = await moduleShop(settingAt('platform.prestashop.writeConcurrency', 2), { latencyMs: 15 });
    shop = subject;
    const batches = [
      ['demo_11', 'demo_12', 'demo_16', 'demo_14'],
      ['demo_21', 'demo_1_s_white', 'demo_1_m_white', 'demo_3_s'],
    ];
    await subject.module.adapter.stock.getByReferences(batches.flat());
    subject.fake.maxWritesInFlight = 0;
    const answers = await Promise.all(
      batches.map((references, batch) =>
        subject.call('PUT', '/stock', {
          items: references.map((reference, index) => ({ reference, quantity: 200 + batch * 10 + index })),
        }),
      ),
    );
    for (const answer of answers) {
      expect((answer.body as { results: { outcome: string }[] }).results.map((result) => result.outcome)).toEqual([
        'updated',
        'updated',
        'updated',
        'updated',
      ]);
    }
    // Reads beside them (core's lookups) are not writes: the bound is on the writes the shop applies.
    expect(subject.fake.maxWritesInFlight).toBe(2);
  });

  it('orderStates: a custom state’s mapping shows in /configuration', async () => {
    shop = await moduleShop(mergeSettings(settingAt('platform.prestashop.orderStates', { '14': 'processing' })));
    const answer = await shop.call('GET', '/configuration');
    const states = (answer.body as { orderStates: { id: string; status: string }[] }).orderStates;
    expect(states.find((state) => state.id === '14')?.status).toBe('processing');
  });
});

describe('createPrestashopModule', () => {
  it('describes PrestaShop in /info with its capabilities', async () => {
    shop = await moduleShop();
    const answer = await shop.call('GET', '/info');
    const info = answer.body as {
      platform: { platform: string; platformVersion: string; apiVersion: string };
      capabilities: { write: Record<string, boolean> };
    };
    expect(info.platform).toMatchObject({
      platform: 'prestashop',
      platformVersion: '8.1.7',
      apiVersion: 'webservice-8.x-9.x',
    });
    expect(info.capabilities.write).toMatchObject({
      products: true,
      stock: true,
      prices: true,
      orderStatus: true,
      erpOrders: false,
    });
  });

  it('keeps the references of categories it creates in the binding table, so the next write updates them', async () => {
    shop = await moduleShop(settingAt('categories.update.name', true));
    const created = await shop.writeOne('PUT', '/categories', { reference: 'CAT-KIDS', name: { en: 'Kids' } });
    expect(created.outcome).toBe('created');
    const updated = await shop.writeOne('PUT', '/categories', { reference: 'CAT-KIDS', name: { en: 'Children' } });
    expect(updated).toMatchObject({ outcome: 'updated', id: created.id });
    expect(shop.fake.field('categories', Number(created.id), 'name', '1')).toBe('Children');
    expect(shop.fake.store.all('categories')).toHaveLength(9);
  });

  it('journals products, variants, stock and orders on a sweep', async () => {
    shop = await moduleShop();
    const summary = await shop.module.detector.sweep();
    const answer = await shop.call('GET', '/changes?limit=500');
    const changes = (answer.body as { items: { entity: string; op: string }[] }).items;
    const entities = new Set(changes.map((change) => change.entity));
    for (const entity of ['product', 'variant', 'stock', 'category', 'customer', 'order', 'invoice', 'payment'])
      expect(entities).toContain(entity);
    expect(summary).toBeDefined();
  });

  it('the daily full-sweep job journals a combination edited without its product being dated', async () => {
    shop = await moduleShop();
    expect(shop.module.jobs.names()).toContain('full-sweep');
    await shop.module.detector.sweep();
    const combination = shop.fake.record('combinations', 6);
    if (combination) combination.fields.price = '25.000000';
    await shop.module.detector.sweep();
    const quiet = (await shop.call('GET', '/changes?limit=500&entities=variant')).body as { items: { op: string }[] };
    expect(quiet.items.filter((change) => change.op === 'updated')).toEqual([]);
    await shop.module.jobs.run('full-sweep');
    const changes = (await shop.call('GET', '/changes?limit=500&entities=variant')).body as {
      items: { id: string; op: string; reference: string }[];
    };
    expect(changes.items.filter((change) => change.op === 'updated').map((change) => change.reference)).toEqual([
      'demo_6_60x90',
    ]);
  });

  it('refuses to start with a malformed connection, naming the field and not the key', async () => {
    const secret = 'not-a-key';
    const error = await createPrestashopModule({
      store: createMemoryStore(),
      prestashop: { url: FAKE_URL, key: secret },
    }).catch((caught: unknown) => caught);
    expect(String((error as Error).message)).toMatch(/32 letters or digits/);
    expect(JSON.stringify(error)).not.toContain(secret);
    const badUrl = await createPrestashopModule({
      store: createMemoryStore(),
      prestashop: { url: 'ftp://shop', key: FAKE_KEY },
    }).catch((caught: unknown) => caught);
    expect(String((badUrl as Error).message)).toMatch(/http\(s\)/);
  });
});
