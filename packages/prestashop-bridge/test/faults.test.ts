import { defaultSettings, type PlannedWrite, type ProductWrite, type StockWritePlan } from '@passerelle/core';
import { afterEach, describe, expect, it } from 'vitest';
import { PrestashopError } from '../src/index.js';
import { type TestShop, testShop } from './subject.js';

let shop: TestShop;
afterEach(() => shop?.fake.stop());

const context = { shopId: 'default', settings: defaultSettings() };

function stockPlan(reference: string, quantity: number, platformId: string | null = null): StockWritePlan {
  return { key: reference, reference, platformId, location: null, quantity };
}

function createPlan(reference: string): PlannedWrite<ProductWrite> {
  const data = { reference, name: { en: 'Fault product' }, price: '5.00' };
  return { key: reference, action: 'create', platformId: null, data, incoming: data, directives: {} };
}

describe('an HTML page or a PHP notice instead of JSON', () => {
  it('is retried for a read, and the read succeeds when the shop recovers', async () => {
    shop = await testShop();
    shop.fake.fault({ kind: 'html', method: 'GET', resource: 'products' });
    shop.fake.fault({ kind: 'php-notice', method: 'GET', resource: 'products' });
    const page = await shop.adapter.products.list({ cursor: null, limit: 2 });
    expect(page.items.map((product) => product.reference)).toEqual(['demo_1', 'demo_3']);
    expect(shop.fake.count('GET', 'products')).toBeGreaterThanOrEqual(3);
  });

  it('ends in a clear error naming what came back when it persists', async () => {
    shop = await testShop();
    shop.fake.fault({ kind: 'html', method: 'GET', resource: 'products', times: 10 });
    const error = (await shop.adapter.products
      .list({ cursor: null, limit: 2 })
      .catch((caught: unknown) => caught)) as PrestashopError;
    expect(error).toBeInstanceOf(PrestashopError);
    expect(error.failure).toBe('unreadable');
    expect(error.message).toContain('an HTML page ("Access denied | shop.test used Cloudflare") instead of JSON');
    expect(shop.fake.count('GET', 'products')).toBe(3);
  });

  it('says to turn display_errors off when a PHP notice spoils every answer', async () => {
    shop = await testShop();
    shop.fake.fault({ kind: 'php-notice', method: 'GET', resource: 'orders', times: 10 });
    const error = (await shop.adapter.orders.get('1').catch((caught: unknown) => caught)) as PrestashopError;
    expect(error.message).toMatch(
      /PHP notice \("Undefined index: id_lang in \/var\/www\/html\/classes\/Product\.php on line 5921"\) instead of JSON: turn display_errors off/,
    );
  });

  it('fails the one stock write it spoils, with the reason, while the others are written', async () => {
    shop = await testShop();
    await shop.adapter.stock.getByReferences(['demo_11', 'demo_12']);
    shop.fake.fault({ kind: 'html', method: 'PATCH', resource: 'stock_availables', times: 3 });
    const oneAtATime = {
      ...context,
      settings: { ...context.settings, platform: { prestashop: { writeConcurrency: 1 } } },
    };
    const outcomes = await shop.adapter.stock.write([stockPlan('demo_11', 5), stockPlan('demo_12', 6)], oneAtATime);
    const byKey = new Map(outcomes.map((outcome) => [outcome.key, outcome]));
    const failed = [...byKey.values()].filter((outcome) => outcome.ok === false);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ ok: false, retryable: true });
    expect(failed[0]?.ok === false && failed[0].error).toMatch(
      /PATCH stock_availables\/\d+ answered 200 with an HTML page/,
    );
    expect(byKey.get('demo_11')?.ok).toBe(false);
    expect(byKey.get('demo_12')?.ok).toBe(true);
    expect(shop.fake.stockOf(5)).toBe(6);
  });
});

describe('500, XML error bodies, 429 and maintenance', () => {
  it('retries a 500 on an idempotent write and the item ends written', async () => {
    shop = await testShop();
    shop.fake.fault({ kind: 'status500', method: 'PATCH', resource: 'stock_availables' });
    const [outcome] = await shop.adapter.stock.write([stockPlan('demo_11', 42)], context);
    expect(outcome).toMatchObject({ ok: true, id: '4' });
    expect(shop.fake.stockOf(4)).toBe(42);
    expect(shop.fake.count('PATCH', 'stock_availables')).toBe(2);
  });

  it('fails the item with PrestaShop’s message and code when the 500 persists', async () => {
    shop = await testShop();
    shop.fake.fault({ kind: 'status500', method: 'PATCH', resource: 'stock_availables', times: 10 });
    const [outcome] = await shop.adapter.stock.write([stockPlan('demo_11', 42)], context);
    expect(outcome).toMatchObject({ ok: false, retryable: true });
    expect(outcome?.ok === false && outcome.error).toMatch(
      /failed \(500\): \[PHP Warning #2\] Undefined array key "id_lang".* \(code 3\)/,
    );
    expect(shop.fake.stockOf(4)).toBe(300);
  });

  it('reads an XML error body (the output format lost on the way) as PrestaShop’s error', async () => {
    shop = await testShop();
    shop.fake.fault({ kind: 'xml-error', method: 'PATCH', resource: 'stock_availables', times: 10 });
    const [outcome] = await shop.adapter.stock.write([stockPlan('demo_11', 1)], context);
    expect(outcome?.ok).toBe(false);
    expect(outcome?.ok === false && outcome.error).toContain(
      'Internal error. To see this error please display the PHP errors. (code 46)',
    );
  });

  it('retries a read after an XML error body and returns the data', async () => {
    shop = await testShop();
    shop.fake.fault({ kind: 'xml-error', method: 'GET', resource: 'orders' });
    const order = await shop.adapter.orders.get('1');
    expect(order?.reference).toBe('XKBKNABJK');
  });

  it('waits for Retry-After on a 429 and then writes', async () => {
    shop = await testShop();
    shop.fake.fault({ kind: 'throttle', method: 'PATCH', resource: 'stock_availables', retryAfterSeconds: 1 });
    const started = Date.now();
    const [outcome] = await shop.adapter.stock.write([stockPlan('demo_12', 9)], context);
    expect(outcome?.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(shop.fake.count('PATCH', 'stock_availables')).toBe(2);
  });

  it('fails the item at once, retryable, when Retry-After is longer than maxRetryAfter', async () => {
    shop = await testShop({}, { retry: { limit: 2, delay: () => 5, jitter: false, maxRetryAfter: 500 } });
    shop.fake.fault({ kind: 'throttle', method: 'PATCH', resource: 'stock_availables', retryAfterSeconds: 120 });
    const started = Date.now();
    const [outcome] = await shop.adapter.stock.write([stockPlan('demo_12', 9)], context);
    expect(outcome).toMatchObject({ ok: false, retryable: true });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(shop.fake.count('PATCH', 'stock_availables')).toBe(1);
  });

  it('retries a POST refused by a maintenance page (nothing was saved), and creates once', async () => {
    shop = await testShop();
    shop.fake.fault({ kind: 'maintenance', method: 'POST', resource: 'products' });
    const [outcome] = await shop.adapter.products.write([createPlan('fault-1')], context);
    expect(outcome?.ok).toBe(true);
    expect(shop.fake.count('POST', 'products')).toBe(2);
    expect(shop.fake.store.all('products').filter((record) => record.fields.reference === 'fault-1')).toHaveLength(1);
  });

  it('never replays a POST after a 500: the item fails with the reason and nothing is created twice', async () => {
    shop = await testShop();
    shop.fake.fault({ kind: 'status500', method: 'POST', resource: 'products' });
    const [outcome] = await shop.adapter.products.write([createPlan('fault-2')], context);
    expect(outcome).toMatchObject({ ok: false, retryable: false });
    expect(shop.fake.count('POST', 'products')).toBe(1);
  });
});

describe('timeouts', () => {
  it('retries a timed-out read and a timed-out PATCH', async () => {
    shop = await testShop({}, { timeoutMs: 300 });
    shop.fake.fault({ kind: 'timeout', method: 'GET', resource: 'customers', ms: 800 });
    const customer = await shop.adapter.customers.get?.('1');
    expect(customer?.email).toBe('pub@prestashop.com');
    shop.fake.fault({ kind: 'timeout', method: 'PATCH', resource: 'stock_availables', ms: 800 });
    const [outcome] = await shop.adapter.stock.write([stockPlan('demo_12', 11)], context);
    expect(outcome?.ok).toBe(true);
    expect(shop.fake.stockOf(5)).toBe(11);
  });

  it('fails a timed-out POST at once, saying so, rather than risk a second product', async () => {
    shop = await testShop({}, { timeoutMs: 300 });
    shop.fake.fault({ kind: 'timeout', method: 'POST', resource: 'products', ms: 800 });
    const [outcome] = await shop.adapter.products.write([createPlan('fault-3')], context);
    expect(outcome).toMatchObject({ ok: false, retryable: false });
    expect(outcome?.ok === false && outcome.error).toBe('PrestaShop did not answer POST products within 300 ms');
    expect(shop.fake.count('POST', 'products')).toBe(1);
  });

  it('retries a dropped connection on a read', async () => {
    shop = await testShop();
    shop.fake.fault({ kind: 'network', method: 'GET', resource: 'categories' });
    const page = await shop.adapter.categories.list({ cursor: null, limit: 3 });
    expect(page.items.map((category) => category.id)).toEqual(['2', '3', '4']);
  });
});
