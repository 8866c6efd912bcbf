import {
  defaultSettings,
  type PlannedWrite,
  PlatformError,
  PlatformThrottledError,
  type ProductWrite,
} from '@passerelle/core';
import { describe, expect, it } from 'vitest';
import { SEED_SKUS } from './fake/seed.js';
import { adapterFor, moduleFor, startFake } from './harness.js';

const context = { shopId: 'default', settings: defaultSettings() };
const isBatch =
  (path: string) =>
  ({ method, path: called }: { method: string; path: string }) =>
    method === 'POST' && called === `${path}/batch`;
const isList = ({ method, path }: { method: string; path: string }) => method === 'GET' && path === 'products';

function createPlan(sku: string): PlannedWrite<ProductWrite> {
  const data = { reference: sku, name: { en: `New ${sku}` }, price: '4.00', active: true };
  return { key: sku, action: 'create', platformId: null, data, incoming: data, directives: {} };
}

function stockPlan(quantity: number) {
  return { key: SEED_SKUS.simple, reference: SEED_SKUS.simple, platformId: '794', location: null, quantity };
}

describe('faults on reads: a retry when it can help, a clear error when it cannot', () => {
  it('an HTML page instead of JSON is a clear, non-retryable error, not a crash', async () => {
    const fake = startFake();
    const adapter = adapterFor(fake);
    fake.fault('html', { match: isList });
    const error = (await adapter.products
      .list({ cursor: null, limit: 2 })
      .catch((caught: unknown) => caught)) as PlatformError;
    expect(error).toBeInstanceOf(PlatformError);
    expect(error.message).toMatch(/GET \/products answered an HTML page instead of JSON .*Briefly unavailable/);
    expect(error.retryable).toBe(false);
    expect(fake.calls.filter((call) => isList(call))).toHaveLength(1);
  });

  it('a PHP notice printed before the JSON names the cause (display_errors)', async () => {
    const fake = startFake();
    const adapter = adapterFor(fake);
    fake.fault('php-notice', { match: isList });
    await expect(adapter.products.list({ cursor: null, limit: 2 })).rejects.toThrow(
      /printed PHP output .* before its JSON; turn display_errors/,
    );
  });

  it('truncated JSON is read again, and the read succeeds', async () => {
    const fake = startFake();
    const adapter = adapterFor(fake);
    fake.fault('truncated', { match: isList });
    const page = await adapter.products.list({ cursor: null, limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(fake.calls.filter(isList)).toHaveLength(2);
  });

  it('a 500 is retried with backoff and the read succeeds', async () => {
    const fake = startFake();
    const adapter = adapterFor(fake);
    fake.fault({ status: 500 }, { match: isList, times: 2 });
    const page = await adapter.products.list({ cursor: null, limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(fake.calls.filter(isList).map((call) => call.status)).toEqual([500, 500, 200]);
  });

  it('a 500 that persists ends in an error after the policy’s retries, saying so', async () => {
    const fake = startFake();
    const adapter = adapterFor(fake, { retry: { limit: 2, delay: () => 1, jitter: false } });
    fake.fault({ status: 500 }, { match: isList, times: 10 });
    const error = (await adapter.products
      .list({ cursor: null, limit: 2 })
      .catch((caught: unknown) => caught)) as PlatformError;
    expect(error.message).toMatch(/failed with HTTP 500: internal_server_error/);
    expect(error.retryable).toBe(true);
    expect(fake.calls.filter(isList)).toHaveLength(3);
  });

  it('429 with Retry-After is waited for, then the call goes through', async () => {
    const fake = startFake();
    const adapter = adapterFor(fake);
    fake.fault(
      {
        status: 429,
        headers: { 'retry-after': '1' },
        body: { code: 'too_many_requests', message: 'Slow down.', data: { status: 429 } },
      },
      { match: isList },
    );
    const started = Date.now();
    const page = await adapter.products.list({ cursor: null, limit: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(page.items).toHaveLength(2);
  });

  it('a Retry-After longer than the policy allows fails at once with the wait, for a later retry', async () => {
    const fake = startFake();
    const adapter = adapterFor(fake);
    fake.fault({ status: 429, headers: { 'retry-after': '120' } }, { match: isList });
    const started = Date.now();
    const error = (await adapter.products
      .list({ cursor: null, limit: 2 })
      .catch((caught: unknown) => caught)) as PlatformThrottledError;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(PlatformThrottledError);
    expect(error.retryAfterMs).toBe(120_000);
  });

  it('a timeout is retried, and the read succeeds', async () => {
    const fake = startFake({ hangMs: 3000 });
    const adapter = adapterFor(fake, { timeoutMs: 150 });
    fake.fault('timeout', { match: isList });
    const page = await adapter.products.list({ cursor: null, limit: 2 });
    expect(page.items).toHaveLength(2);
  });
});

describe('faults on writes: per-item failures with the reason, retries only where safe', () => {
  it('an update batch answered with a 500 is retried (absolute values are safe to send twice)', async () => {
    const fake = startFake();
    const adapter = adapterFor(fake);
    fake.fault({ status: 500 }, { match: isBatch('products') });
    const outcomes = await adapter.stock.write([stockPlan(33)], context);
    expect(outcomes).toEqual([{ key: SEED_SKUS.simple, ok: true, id: '794' }]);
    expect(fake.batchCalls('products').map((call) => call.status)).toEqual([500, 200]);
    expect(fake.state.products.get(794)?.stock_quantity).toBe(33);
  });

  it('a create batch answered with a 500 is not repeated: each item fails with the reason, retryable', async () => {
    const fake = startFake();
    const adapter = adapterFor(fake);
    fake.fault({ status: 500 }, { match: isBatch('products') });
    const outcomes = await adapter.products.write([createPlan('NEW-1'), createPlan('NEW-2')], context);
    expect(outcomes).toHaveLength(2);
    for (const outcome of outcomes)
      expect(outcome).toMatchObject({ ok: false, retryable: true, error: expect.stringMatching(/HTTP 500/) });
    expect(fake.batchCalls('products')).toHaveLength(1);
  });

  it('a 429 on a create batch is retried after Retry-After: WooCommerce did nothing with it', async () => {
    const fake = startFake();
    const adapter = adapterFor(fake);
    fake.fault({ status: 429, headers: { 'retry-after': '0' } }, { match: isBatch('products') });
    const [outcome] = await adapter.products.write([createPlan('NEW-429')], context);
    expect(outcome).toMatchObject({ ok: true });
    expect([...fake.state.products.values()].filter((product) => product.sku === 'NEW-429')).toHaveLength(1);
  });

  it('HTML instead of JSON on a write fails every item of the call with the reason', async () => {
    const fake = startFake();
    const adapter = adapterFor(fake);
    fake.fault('html', { match: isBatch('products') });
    const outcomes = await adapter.stock.write([stockPlan(5)], context);
    expect(outcomes[0]).toMatchObject({
      ok: false,
      retryable: false,
      error: expect.stringMatching(/HTML page instead of JSON/),
    });
  });

  it('truncated JSON on an update batch is sent again; on a create batch the item fails (it may exist)', async () => {
    const fake = startFake();
    const adapter = adapterFor(fake);
    fake.fault('truncated', { match: isBatch('products') });
    expect((await adapter.stock.write([stockPlan(7)], context))[0]).toMatchObject({ ok: true });
    fake.fault('truncated', { match: isBatch('products') });
    const [created] = await adapter.products.write([createPlan('NEW-CUT')], context);
    expect(created).toMatchObject({ ok: false, retryable: true, error: expect.stringMatching(/cut short/) });
  });

  it('a timeout on a create batch is reported per item, not retried', async () => {
    const fake = startFake({ hangMs: 2000 });
    const adapter = adapterFor(fake, { timeoutMs: 150 });
    fake.fault('timeout', { match: isBatch('products') });
    const [outcome] = await adapter.products.write([createPlan('NEW-SLOW')], context);
    expect(outcome).toMatchObject({ ok: false, retryable: true, error: expect.stringMatching(/timed out/) });
    expect(fake.batchCalls('products')).toHaveLength(1);
  });

  it('a shop that lowered the batch limit answers 413: the chunk is split and every item lands', async () => {
    const fake = startFake({ batchLimit: 2 });
    const adapter = adapterFor(fake);
    const outcomes = await adapter.products.write(['A1', 'A2', 'A3', 'A4', 'A5'].map(createPlan), context);
    expect(outcomes.every((outcome) => outcome.ok === true)).toBe(true);
    expect(fake.batchCalls('products').filter((call) => call.status === 413).length).toBeGreaterThan(0);
    expect(fake.batchCalls('products').filter((call) => call.status === 200).length).toBe(3);
  });

  it('through the endpoint, a platform outage leaves one failed result per item with the reason, none dropped', async () => {
    const fake = startFake();
    const module = await moduleFor(fake);
    fake.fault({ status: 503 }, { match: isBatch('products'), times: 20 });
    const answer = await module.call('PUT', '/stock', {
      items: [
        { reference: SEED_SKUS.simple, quantity: 40 },
        { reference: 'WOO-EXTRA-1', quantity: 41 },
        { reference: 'NOPE', quantity: 1 },
      ],
    });
    expect(answer.status).toBe(200);
    const results = (answer.body as { results: { key: string; outcome: string; error?: string }[] }).results;
    expect(results.map((result) => [result.key, result.outcome])).toEqual([
      [SEED_SKUS.simple, 'failed'],
      ['WOO-EXTRA-1', 'failed'],
      ['NOPE', 'failed'],
    ]);
    expect(results[0]?.error).toMatch(/HTTP 503/);
    expect(results[2]?.error).toMatch(/no product or variant/);
  });
});
