/**
 * Fault injection on the platform side of a module: the adapter answers 429, 500, times out, returns
 * truncated JSON or an HTML error page in the middle of a batch, the way a bridge's HTTP client would
 * surface them. The cloud drives the module through the real client over 127.0.0.1 and re-sends what
 * failed, as a cloud does. Each case proves: every item has an outcome, nothing is lost (the platform
 * ends with every item as sent) and nothing is duplicated (one product per reference, a replayed
 * Idempotency-Key never reaches the platform twice).
 */

import {
  createMemoryAdapter,
  createModule,
  createSqliteStore,
  type MemoryAdapter,
  type PasserelleModule,
  PlatformError,
  PlatformThrottledError,
  type Product,
  type RunningServer,
  type Store,
} from '@passerelle/core';
import { createClient, type ItemResult, type PasserelleClient } from '@passerelle/core/client';
import { afterEach, describe, expect, it } from 'vitest';
import { countOutcomes, createFaultReport } from './fault-report.js';

const PASSWORD = 'fault-injection-password-0123';
const PLATFORM_SECRET = 'cs_live_0f1e2d3c4b5a69788796a5b4c3d2e1f0';
/** What a bridge such as WooCommerce sends per platform call (`/products/batch` takes 100). */
const SUB_BATCH = 100;
const report = createFaultReport('adapter');

type FaultKind = '429' | '500' | 'timeout' | 'truncated-json' | 'html-error-page' | '500-per-item' | 'slow-answer';

interface Fault {
  kind: FaultKind;
  /** The platform call (0-based, per operation) the fault hits. */
  onCall: number;
  /** The sub-batch of that call the fault hits; the ones before it are applied. */
  subBatch: number;
}

interface Injection {
  writeCalls: { products: number; stock: number };
  /** Sub-batches the platform applied, per operation. */
  applied: { products: number; stock: number };
  faults: { products: Fault[]; stock: Fault[]; lookups: number; listPages: number[] };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How a bridge's client fails, per kind; `applies` says whether the platform did the work before the failure. */
function faultError(kind: FaultKind): { error: Error; applies: boolean } {
  switch (kind) {
    case '429':
      return {
        error: new PlatformThrottledError('WooCommerce answered 429: too many requests', 1000, {
          code: 'woocommerce_rest_too_many_requests',
        }),
        applies: false,
      };
    case '500':
      return {
        error: new PlatformError('WooCommerce answered 500', 500, { code: 'internal_server_error' }),
        applies: false,
      };
    case 'timeout':
      // ky's TimeoutError quotes the URL it called: a bridge that lets it through leaks the query string.
      return {
        error: Object.assign(
          new Error(
            `Request timed out: POST https://shop.example/wp-json/wc/v3/products/batch?consumer_secret=${PLATFORM_SECRET}`,
          ),
          { name: 'TimeoutError' },
        ),
        applies: true,
      };
    case 'truncated-json':
      return { error: new SyntaxError('Unexpected end of JSON input'), applies: true };
    case 'html-error-page':
      return {
        error: new PlatformError(
          'WooCommerce answered 502 with an HTML page: <html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>',
          502,
          '<html>…</html>',
        ),
        applies: false,
      };
    default:
      return { error: new PlatformError(`WooCommerce answered ${kind}`, 500), applies: false };
  }
}

/**
 * Wraps the memory adapter's writes as a bridge over a batch API does: plans go out in sub-batches
 * of {@link SUB_BATCH}; a scheduled fault hits one sub-batch of one call. A thrown fault aborts the
 * rest of the call (what a bridge without per-item handling does); `500-per-item` reports that
 * sub-batch failed and carries on (what a careful bridge does); `slow-answer` applies everything
 * but answers late, so the cloud's client times out and retries with the same key.
 */
function injectFaults(adapter: MemoryAdapter): Injection {
  const injection: Injection = {
    writeCalls: { products: 0, stock: 0 },
    applied: { products: 0, stock: 0 },
    faults: { products: [], stock: [], lookups: 0, listPages: [] },
  };
  for (const operation of ['products', 'stock'] as const) {
    const ops = adapter[operation];
    const original = ops.write!.bind(ops) as (plans: unknown[], context: unknown) => Promise<{ key: string }[]>;
    const wrapped = async (plans: unknown[], context: unknown) => {
      const call = injection.writeCalls[operation]++;
      const fault = injection.faults[operation].find((candidate) => candidate.onCall === call);
      const outcomes: unknown[] = [];
      for (let start = 0, index = 0; start < plans.length; start += SUB_BATCH, index++) {
        const chunk = plans.slice(start, start + SUB_BATCH);
        if (fault && fault.subBatch === index && fault.kind !== 'slow-answer') {
          if (fault.kind === '500-per-item') {
            outcomes.push(
              ...chunk.map((plan) => ({
                key: (plan as { key: string }).key,
                ok: false,
                error: 'WooCommerce answered 500 for this sub-batch',
              })),
            );
            continue;
          }
          const { error, applies } = faultError(fault.kind);
          if (applies) {
            await original(chunk, context);
            injection.applied[operation]++;
          }
          if (fault.kind === 'timeout') await sleep(30);
          throw error;
        }
        outcomes.push(...(await original(chunk, context)));
        injection.applied[operation]++;
      }
      if (fault?.kind === 'slow-answer') await sleep(900);
      return outcomes;
    };
    (ops as { write: unknown }).write = wrapped;
  }
  const lookup = adapter.products.getByReferences!.bind(adapter.products);
  adapter.products.getByReferences = async (references) => {
    if (injection.faults.lookups > 0) {
      injection.faults.lookups--;
      throw new PlatformThrottledError('WooCommerce answered 429: too many requests', 1000);
    }
    return lookup(references);
  };
  const list = adapter.products.list.bind(adapter.products);
  let listCalls = 0;
  adapter.products.list = async (options) => {
    const call = listCalls++;
    if (injection.faults.listPages.includes(call))
      throw new PlatformThrottledError('WooCommerce answered 429 while paging', 1000);
    return list(options);
  };
  return injection;
}

let module: PasserelleModule | undefined;
let store: Store | undefined;
let server: RunningServer | undefined;

afterEach(async () => {
  await module?.close();
  await store?.close();
  module = undefined;
  store = undefined;
  server = undefined;
});

async function boot(
  options: { timeoutMs?: number } = {},
): Promise<{ adapter: MemoryAdapter; injection: Injection; client: PasserelleClient }> {
  const adapter = createMemoryAdapter({ products: [], orders: [], customers: [], categories: [] });
  const injection = injectFaults(adapter);
  store = createSqliteStore({ path: ':memory:' });
  module = await createModule({ adapter, store });
  await module.settings.setPassword(PASSWORD, 'test');
  server = await module.listen({ port: 0, host: '127.0.0.1' });
  const client = createClient({
    baseUrl: server.url,
    password: PASSWORD,
    timeoutMs: options.timeoutMs ?? 20_000,
    retry: { limit: 3, delay: () => 20, jitter: false },
  });
  return { adapter, injection, client };
}

const productItems = (count: number, from = 0) =>
  Array.from({ length: count }, (_, index) => {
    const n = from + index;
    return { reference: `P-${String(n).padStart(5, '0')}`, name: { en: `Product ${n}` }, price: `${(n % 90) + 10}.50` };
  });

async function platformProducts(adapter: MemoryAdapter): Promise<Product[]> {
  const all: Product[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const result = await adapter.products.list({ cursor, limit: 500 });
    all.push(...result.items);
    cursor = result.nextCursor;
    if (cursor === null) break;
  }
  return all;
}

interface Reconciled {
  /** Results of the first send, in item order. */
  first: ItemResult[];
  /** The last outcome each item got, by key. */
  final: Map<string, ItemResult>;
  rounds: number;
}

/** What a cloud does: send, then re-send what failed (a new key per round) until nothing fails. */
async function sendUntilDone<I extends { reference: string }>(
  put: (items: I[], options?: { idempotencyKey?: string }) => Promise<{ results: ItemResult[] }>,
  items: I[],
  firstKey: string,
): Promise<Reconciled> {
  const final = new Map<string, ItemResult>();
  let pending = items;
  let first: ItemResult[] = [];
  let rounds = 0;
  while (pending.length > 0 && rounds < 5) {
    const { results } = await put(pending, rounds === 0 ? { idempotencyKey: firstKey } : {});
    // One result per item, in request order: the protocol's first promise.
    expect(results.map((result) => result.key)).toEqual(pending.map((item) => item.reference));
    if (rounds === 0) first = results;
    for (const result of results) final.set(result.key, result);
    pending = pending.filter((_, index) => results[index]?.outcome === 'failed');
    rounds++;
  }
  return { first, final, rounds };
}

async function assertCatalog(adapter: MemoryAdapter, items: ReturnType<typeof productItems>, reconciled: Reconciled) {
  // Every item has a final outcome that is not a failure: nothing lost.
  expect(reconciled.final.size).toBe(items.length);
  for (const result of reconciled.final.values()) expect(['created', 'updated', 'unchanged']).toContain(result.outcome);
  const products = await platformProducts(adapter);
  const byReference = new Map<string, number>();
  for (const product of products)
    byReference.set(product.reference ?? '', (byReference.get(product.reference ?? '') ?? 0) + 1);
  // Nothing duplicated: one product per reference, and nothing the cloud did not send.
  expect(products).toHaveLength(items.length);
  expect([...byReference.values()].every((count) => count === 1)).toBe(true);
  for (const item of items) {
    const product = products.find((candidate) => candidate.reference === item.reference);
    expect(product).toMatchObject({ name: item.name, price: item.price });
  }
  return {
    lost: items.length - products.length,
    duplicated: [...byReference.values()].filter((count) => count > 1).length,
  };
}

describe('platform faults in the middle of a 300-item product batch (sub-batches of 100)', () => {
  it.each<[FaultKind, string]>([
    ['429', 'sub-batch 2 of 3 answers 429 Too Many Requests (Retry-After 1 s)'],
    ['500', 'sub-batch 2 of 3 answers 500'],
    ['timeout', 'sub-batch 2 of 3 is applied, then the call times out (the error quotes the URL with its secret)'],
    ['truncated-json', 'sub-batch 2 of 3 is applied, then its answer is cut mid-JSON'],
    ['html-error-page', 'sub-batch 2 of 3 answers a 502 HTML page from the proxy'],
    ['500-per-item', 'sub-batch 2 of 3 answers 500; the bridge reports those items failed and carries on'],
  ])('%s: %s', async (kind, injected) => {
    const { adapter, injection, client } = await boot();
    injection.faults.products.push({ kind, onCall: 0, subBatch: 1 });
    const items = productItems(300);
    const reconciled = await sendUntilDone(client.products.put, items, `products-${kind}`);

    const firstCounts = countOutcomes(reconciled.first);
    if (kind === '500-per-item') {
      expect(firstCounts).toEqual({ created: 200, failed: 100 });
    } else {
      // A call that throws leaves every item of the batch failed, including the sub-batches the platform applied.
      expect(firstCounts).toEqual({ failed: 300 });
    }
    const failure = reconciled.first.find((result) => result.outcome === 'failed');
    expect(typeof failure?.error).toBe('string');
    expect(JSON.stringify(reconciled.first)).not.toContain(PLATFORM_SECRET);
    if (kind === 'timeout' || kind === 'truncated-json')
      expect(failure?.error).toBe('the platform write failed unexpectedly');

    const { lost, duplicated } = await assertCatalog(adapter, items, reconciled);
    expect(reconciled.rounds).toBe(2);
    const finalCounts = countOutcomes([...reconciled.final.values()]);
    // What the platform applied before the fault is found by reference on the re-send: unchanged, never created twice.
    const appliedBeforeFault =
      kind === 'timeout' || kind === 'truncated-json' ? 200 : kind === '500-per-item' ? 200 : 100;
    expect(finalCounts.unchanged ?? 0).toBe(kind === '500-per-item' ? 0 : appliedBeforeFault);

    // The first send's key replays its stored answer and never reaches the platform again.
    const callsBefore = injection.writeCalls.products;
    const replay = await client.products.put(items, { idempotencyKey: `products-${kind}` });
    expect(replay.results).toEqual(reconciled.first);
    expect(injection.writeCalls.products).toBe(callsBefore);

    report.record({
      fault: `platform ${kind} mid-batch (products)`,
      injected,
      observed: `first send: ${JSON.stringify(firstCounts)}, error "${String(failure?.error).slice(0, 80)}"; re-send of the failed items: ${JSON.stringify(countOutcomes(reconciled.first.filter((r) => r.outcome === 'failed').map((r) => reconciled.final.get(r.key) as ItemResult)))}; replay of the first key: stored answer, 0 platform calls`,
      items: { sent: items.length, outcomes: finalCounts, lost, duplicated },
    });
  });

  it('a 429 on the lookup before any write: 502 with Retry-After, the client retries with the same key, applied once', async () => {
    const { adapter, injection, client } = await boot();
    injection.faults.lookups = 2;
    const items = productItems(300);
    const started = Date.now();
    const reconciled = await sendUntilDone(client.products.put, items, 'lookup-429');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(countOutcomes(reconciled.first)).toEqual({ created: 300 });
    expect(injection.writeCalls.products).toBe(1);
    const { lost, duplicated } = await assertCatalog(adapter, items, reconciled);
    report.record({
      fault: 'platform 429 on the lookup before a write',
      injected: 'getByReferences throws PlatformThrottledError (Retry-After 1 s) twice',
      observed:
        'module answers 502 platform with Retry-After: 1; the client waits and retries with the same Idempotency-Key; the third attempt applies the batch: 300 created, 1 platform write call',
      items: { sent: items.length, outcomes: countOutcomes([...reconciled.final.values()]), lost, duplicated },
    });
  });

  it('the answer is lost (client timeout) while the platform applies: the retry with the same key waits and replays, applied once', async () => {
    const { adapter, injection, client } = await boot({ timeoutMs: 400 });
    injection.faults.products.push({ kind: 'slow-answer', onCall: 0, subBatch: 0 });
    const items = productItems(300);
    const reconciled = await sendUntilDone(client.products.put, items, 'slow-answer');
    expect(countOutcomes(reconciled.first)).toEqual({ created: 300 });
    // The retry arrived while the first attempt was still writing; it waited for it and got its answer.
    expect(injection.writeCalls.products).toBe(1);
    const { lost, duplicated } = await assertCatalog(adapter, items, reconciled);
    report.record({
      fault: 'answer lost: the client times out while the platform applies',
      injected:
        'products.write applies all 300 then answers after 900 ms; the client times out at 400 ms and retries with the same Idempotency-Key',
      observed:
        'the retry waits for the in-flight attempt (same key), then gets its stored answer: 300 created, 1 platform write call',
      items: { sent: items.length, outcomes: countOutcomes([...reconciled.final.values()]), lost, duplicated },
    });
  });

  it('a 429 while the cloud pages through GET /products: every product read once', async () => {
    const { adapter, injection, client } = await boot();
    const items = productItems(1000);
    await sendUntilDone(client.products.put, items, 'seed');
    injection.faults.listPages.push(1, 3);
    const seen: string[] = [];
    for await (const product of client.products.iterate({ pageSize: 200 }))
      seen.push((product as { reference: string }).reference);
    expect(seen).toHaveLength(1000);
    expect(new Set(seen).size).toBe(1000);
    expect((await platformProducts(adapter)).map((product) => product.reference).sort()).toEqual([...seen].sort());
    report.record({
      fault: 'platform 429 while paging a read',
      injected: 'products.list throws PlatformThrottledError on the 2nd and 4th page of GET /products?limit=200',
      observed:
        'module answers 502 with Retry-After: 1 for that page; the client retries the same cursor; 1000 products read, none twice',
      items: {
        sent: 1000,
        outcomes: { read: seen.length },
        lost: 1000 - new Set(seen).size,
        duplicated: seen.length - new Set(seen).size,
      },
    });
  });
});

describe('mixed faults across a 1,200-item catalogue and its stock (client chunks of 500)', () => {
  it('ends with every product once and every quantity as sent', async () => {
    const { adapter, injection, client } = await boot();
    injection.faults.products.push(
      { kind: '500', onCall: 0, subBatch: 4 },
      { kind: 'truncated-json', onCall: 1, subBatch: 2 },
      { kind: '500-per-item', onCall: 2, subBatch: 1 },
    );
    injection.faults.lookups = 1;
    const items = productItems(1200);
    const products = await sendUntilDone(client.products.put, items, 'catalogue');
    const catalog = await assertCatalog(adapter, items, products);

    injection.faults.stock.push(
      { kind: 'timeout', onCall: 0, subBatch: 3 },
      { kind: 'html-error-page', onCall: 2, subBatch: 0 },
    );
    const stockItems = items.map((item, index) => ({ reference: item.reference, quantity: (index * 7) % 50 }));
    const stock = await sendUntilDone(client.stock.put, stockItems, 'stock');
    expect(stock.final.size).toBe(stockItems.length);
    for (const result of stock.final.values()) expect(['updated', 'unchanged']).toContain(result.outcome);
    const levels = new Map(
      (await platformProducts(adapter)).map((product) => [product.reference, product.quantity ?? 0]),
    );
    for (const item of stockItems) expect(levels.get(item.reference)).toBe(item.quantity);

    // Re-sending both whole calls with their first keys replays every chunk: no platform call at all.
    const calls = { ...injection.writeCalls };
    expect((await client.products.put(items, { idempotencyKey: 'catalogue' })).results).toEqual(products.first);
    expect((await client.stock.put(stockItems, { idempotencyKey: 'stock' })).results).toEqual(stock.first);
    expect(injection.writeCalls).toEqual(calls);

    report.record({
      fault: 'mixed faults over 3 client chunks (products, then stock)',
      injected:
        'products: 500 in chunk 1, truncated JSON in chunk 2, per-item 500 in chunk 3, one 429 lookup; stock: timeout in chunk 1, HTML 502 in chunk 3',
      observed: `products first send ${JSON.stringify(countOutcomes(products.first))}, settled in ${products.rounds} rounds; stock first send ${JSON.stringify(countOutcomes(stock.first))}, settled in ${stock.rounds} rounds; every quantity as sent; replaying both first keys: 0 platform calls`,
      items: {
        sent: items.length + stockItems.length,
        outcomes: countOutcomes([...products.final.values(), ...stock.final.values()]),
        lost: catalog.lost,
        duplicated: catalog.duplicated,
      },
    });
  });
});
