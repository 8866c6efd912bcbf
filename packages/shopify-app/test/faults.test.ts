/**
 * Faults injected by the fake Shopify in the middle of write batches: a stock push of three
 * `inventorySetQuantities` calls, a batch of five product creates (`productSet`), a batch of three
 * shipments (`fulfillmentCreate`). Each fault hits one call in the middle; every test checks, through the
 * adapter (or the module endpoint), that every item has an outcome with the reason and the right
 * `retryable`, that nothing is lost once the failed items are sent again, and that nothing is created
 * twice: only idempotent calls are replayed by the client, a lost create is looked up, never re-sent blind.
 */
import {
  createMemoryStore,
  type PlannedWrite,
  type ProductWrite,
  type StatusWritePlan,
  type StockWritePlan,
  type WriteOutcome,
} from '@passerelle/core';
import { createClient } from '@passerelle/core/client';
import { http, passthrough } from 'msw';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { handleize } from '../src/map/product.js';
import { shopifySettingsSchema } from '../src/settings.js';
import { createShopifyModule } from '../src/shopify-module.js';
import { INVENTORY_BATCH_SIZE } from '../src/writes/stock-writes.js';
import type { FakeShopState } from './fake/state.js';
import type { FakeFault, FakeFaultOptions } from './fake-shopify.js';
import { adapterFor, recordingSleep, useFakeShopify } from './support.js';

const { fake, server } = useFakeShopify();
// The module endpoint of the last scenario listens on 127.0.0.1: msw lets those calls through.
beforeAll(() => server.use(http.all(/^http:\/\/127\.0\.0\.1[:/]/, () => passthrough())));

const context = { shopId: 'faults', settings: shopifySettingsSchema.parse({}) };
/** The client's own timeout in these tests: a held answer costs this, not the fake's 5 s. */
const TIMEOUT_MS = 120;

type Shop = FakeShopState & { token: string };
type Failed = Extract<WriteOutcome, { ok: false }>;

/** A shop whose client records its waits instead of sleeping, and gives up on an answer after TIMEOUT_MS. */
function shopWith() {
  const timing = recordingSleep();
  const made = adapterFor(fake, {}, { client: { sleep: timing.sleep, timeoutMs: TIMEOUT_MS } });
  const adapter = made.adapter;
  onTestFinished(async () => {
    await adapter.close();
    fake.removeShop(made.shop.domain);
  });
  return { ...made, waits: timing.waits };
}

/** The calls the fake answered for one shop and one root field, in order. */
function callsOf(shop: Shop, field: string) {
  return fake.calls.filter((call) => call.shop === shop.domain && call.rootFields.includes(field));
}

function failures(outcomes: WriteOutcome[]): Failed[] {
  return outcomes.filter((outcome): outcome is Failed => outcome.ok === false);
}

/** Every item has exactly one outcome, in order, and no reason quotes the token. */
function expectOneOutcomeEach(outcomes: WriteOutcome[], keys: string[], shop: Shop) {
  expect(outcomes.map((outcome) => outcome.key)).toEqual(keys);
  for (const outcome of outcomes) {
    if (outcome.ok === false) expect(outcome.error.length).toBeGreaterThan(10);
  }
  expect(JSON.stringify(outcomes)).not.toContain(shop.token);
}

describe(`a stock push of ${2 * INVENTORY_BATCH_SIZE + 10} levels: three inventorySetQuantities calls, the fault on the second`, () => {
  const COUNT = 2 * INVENTORY_BATCH_SIZE + 10;
  const second = (index: number) => index >= INVENTORY_BATCH_SIZE && index < 2 * INVENTORY_BATCH_SIZE;
  // One shop for these tests (reading 510 levels again per test would triple their time): each test sends
  // its own round of quantities and looks only at the calls it caused.
  let shop: Shop;
  let adapter: ReturnType<typeof adapterFor>['adapter'];
  let client: ReturnType<typeof adapterFor>['client'];
  const timing = recordingSleep();
  let round = 0;

  beforeAll(() => {
    ({ shop, adapter, client } = adapterFor(
      fake,
      { seed: 'empty', manyProducts: COUNT, restoreRate: 1000, maximumAvailable: 20_000 },
      { client: { sleep: timing.sleep, timeoutMs: TIMEOUT_MS } },
    ));
  });
  afterAll(async () => {
    await adapter.close();
    fake.removeShop(shop.domain);
  });
  beforeEach(() => {
    fake.clearFaults(shop.domain);
    timing.waits.length = 0;
  });

  /** A new round of quantities (each differs from what Shopify holds), and what this round caused. */
  function nextPush() {
    round++;
    const location = shop.locations[0]?.id as string;
    const plans: StockWritePlan[] = [...shop.variants.values()].map((variant, index) => ({
      key: variant.sku as string,
      reference: variant.sku as string,
      platformId: variant.id,
      location,
      quantity: round * 1000 + index,
    }));
    const since = fake.calls.length;
    const keysBefore = shop.idempotency.size;
    const throttledBefore = client.stats.throttled;
    return {
      plans,
      calls: () =>
        fake.calls
          .slice(since)
          .filter((call) => call.shop === shop.domain && call.rootFields.includes('inventorySetQuantities')),
      /** Adjustments Shopify recorded: one per idempotency key it applied. */
      applied: () => shop.idempotency.size - keysBefore,
      throttled: () => client.stats.throttled - throttledBefore,
    };
  }

  /** What Shopify holds for each plan's level. */
  function heldBy(plans: StockWritePlan[]) {
    return plans.map((plan) => {
      const variant = shop.variants.get(plan.platformId as string);
      return shop.levels.get(`${variant?.inventoryItemId}@${plan.location}`)?.quantities.available;
    });
  }

  const onSecondCall = (options: FakeFaultOptions = {}): FakeFaultOptions => ({
    operation: 'inventorySetQuantities',
    skip: 1,
    ...options,
  });

  async function pushAndCheckAllWritten(plans: StockWritePlan[]) {
    const outcomes = await adapter.stock!.write!(plans, context);
    expectOneOutcomeEach(
      outcomes,
      plans.map((plan) => plan.key),
      shop,
    );
    expect(failures(outcomes)).toEqual([]);
    expect(heldBy(plans)).toEqual(plans.map((plan) => plan.quantity));
    expect(fake.pendingFaults(shop.domain)).toBe(0);
    return outcomes;
  }

  it('429 with Retry-After: the call is sent again after the wait Shopify asked for, and every level is written', async () => {
    const push = nextPush();
    fake.fault(shop.domain, { kind: 'status', status: 429, retryAfter: '2' }, onSecondCall());
    await pushAndCheckAllWritten(push.plans);
    expect(timing.waits).toContain(2000);
    expect(push.calls().map((call) => call.status)).toEqual([200, 429, 200, 200]);
    // One adjustment per call: Shopify ran nothing on the 429.
    expect(push.applied()).toBe(3);
  });

  it.each<[string, FakeFault]>([
    ['a 500 after Shopify applied the call', { kind: 'status', status: 500, applied: true }],
    ['a proxy’s HTML 502 page', { kind: 'html', status: 502 }],
    ['Shopify’s HTML "service unavailable" 503 page', { kind: 'html', status: 503, retryAfter: '1' }],
    ['a GraphQL INTERNAL_SERVER_ERROR in a 200 after Shopify applied the call', { kind: 'internal', applied: true }],
  ])('%s: the idempotent call is replayed with the same key and applied once', async (_name, fault) => {
    const push = nextPush();
    fake.fault(shop.domain, fault, onSecondCall());
    await pushAndCheckAllWritten(push.plans);
    const calls = push.calls();
    expect(calls).toHaveLength(4);
    expect(calls[1]?.fault).toBe(fault.kind);
    // Three keys for four calls: the replay carried the second call's key, nothing was applied twice.
    expect(push.applied()).toBe(3);
  });

  it('a 503 that outlasts the retries fails the 250 levels of that call, retryable, saying so; the re-sent items land', async () => {
    const push = nextPush();
    const before = heldBy(push.plans);
    fake.fault(shop.domain, { kind: 'html', status: 503 }, onSecondCall({ times: 4 }));
    const outcomes = await adapter.stock!.write!(push.plans, context);
    expectOneOutcomeEach(
      outcomes,
      push.plans.map((plan) => plan.key),
      shop,
    );
    const failed = failures(outcomes);
    expect(failed.map((outcome) => outcome.key)).toEqual(
      push.plans.filter((_, index) => second(index)).map((plan) => plan.key),
    );
    for (const outcome of failed) {
      expect(outcome.retryable).toBe(true);
      expect(outcome.error).toMatch(
        /PasserelleInventorySet: HTTP 503: an HTML page \("Shopify - Service Unavailable"\) instead of JSON \(after 3 retries\)/,
      );
    }
    // The first and third calls went through; the failed levels still hold what Shopify had.
    expect(heldBy(push.plans)).toEqual(
      push.plans.map((plan, index) => (second(index) ? before[index] : plan.quantity)),
    );
    const resend = push.plans.filter((_, index) => second(index));
    expect(failures(await adapter.stock!.write!(resend, context))).toEqual([]);
    expect(heldBy(push.plans)).toEqual(push.plans.map((plan) => plan.quantity));
  });

  it('THROTTLED in a 200: the call waits for the refill the cost extensions announce, then goes through', async () => {
    const push = nextPush();
    fake.fault(shop.domain, { kind: 'throttled' }, onSecondCall({ times: 2 }));
    await pushAndCheckAllWritten(push.plans);
    expect(push.calls().filter((call) => call.throttled)).toHaveLength(2);
    expect(push.throttled()).toBe(2);
    expect(timing.waits.length).toBeGreaterThanOrEqual(2);
    expect(push.applied()).toBe(3);
  });

  it('THROTTLED beyond the throttle budget fails that call’s levels, retryable; the re-sent items land', async () => {
    const push = nextPush();
    fake.fault(shop.domain, { kind: 'throttled' }, onSecondCall({ times: 11 }));
    const outcomes = await adapter.stock!.write!(push.plans, context);
    const failed = failures(outcomes);
    expect(failed).toHaveLength(INVENTORY_BATCH_SIZE);
    expect(failed[0]).toMatchObject({
      retryable: true,
      error: expect.stringMatching(
        /PasserelleInventorySet: throttled by Shopify \(THROTTLED, query cost 10\) after 10 retries/,
      ),
    });
    const again = await adapter.stock!.write!(
      push.plans.filter((_, index) => second(index)),
      context,
    );
    expect(failures(again)).toEqual([]);
    expect(heldBy(push.plans)).toEqual(push.plans.map((plan) => plan.quantity));
  });

  it('no answer within the client’s timeout (Shopify applied it): replayed with the same key, applied once', async () => {
    const push = nextPush();
    fake.fault(shop.domain, { kind: 'timeout' }, onSecondCall());
    await pushAndCheckAllWritten(push.plans);
    expect(push.calls().map((call) => call.fault ?? 'answered')).toEqual([
      'answered',
      'timeout',
      'answered',
      'answered',
    ]);
    expect(push.applied()).toBe(3);
  });

  it('timeouts past the retries fail that call’s levels, retryable; re-sent, they are read again and land (not refused as stale)', async () => {
    const push = nextPush();
    // Shopify applied the first attempt; every answer was lost.
    fake.fault(shop.domain, { kind: 'timeout' }, onSecondCall({ times: 4 }));
    const outcomes = await adapter.stock!.write!(push.plans, context);
    const failed = failures(outcomes);
    expect(failed).toHaveLength(INVENTORY_BATCH_SIZE);
    expect(failed[0]).toMatchObject({
      retryable: true,
      error: expect.stringMatching(
        new RegExp(`PasserelleInventorySet: no answer within ${TIMEOUT_MS} ms \\(after 3 retries\\)`),
      ),
    });
    // The levels changed behind the lost answers: a re-send with the old changeFromQuantity would be refused.
    const again = await adapter.stock!.write!(
      push.plans.filter((_, index) => second(index)),
      context,
    );
    expect(failures(again)).toEqual([]);
    expect(heldBy(push.plans)).toEqual(push.plans.map((plan) => plan.quantity));
  });

  it('a JSON answer cut in the middle: replayed with the same key, Shopify answers what it did, applied once', async () => {
    const push = nextPush();
    fake.fault(shop.domain, { kind: 'truncated' }, onSecondCall());
    await pushAndCheckAllWritten(push.plans);
    expect(push.calls().map((call) => call.fault ?? 'answered')).toEqual([
      'answered',
      'truncated',
      'answered',
      'answered',
    ]);
    expect(push.applied()).toBe(3);
  });

  it('a userErrors answer for one level fails that level alone with Shopify’s words; the rest of its call is sent again', async () => {
    const push = nextPush();
    const wrong = INVENTORY_BATCH_SIZE + 7;
    const plans = push.plans.map((plan, index) => (index === wrong ? { ...plan, quantity: 2_000_000_000 } : plan));
    const before = heldBy([plans[wrong] as StockWritePlan]);
    const outcomes = await adapter.stock!.write!(plans, context);
    expectOneOutcomeEach(
      outcomes,
      plans.map((plan) => plan.key),
      shop,
    );
    expect(failures(outcomes)).toEqual([
      {
        key: plans[wrong]?.key,
        ok: false,
        retryable: false,
        error:
          "input.quantities.7.quantity: The quantity can't be higher than 1,000,000,000. (INVALID_QUANTITY_TOO_HIGH)",
      },
    ]);
    // Refused whole, then the other 249 again: four calls, the refused level untouched.
    expect(push.calls()).toHaveLength(4);
    expect(heldBy([plans[wrong] as StockWritePlan])).toEqual(before);
    const fixed = push.plans[wrong] as StockWritePlan;
    expect(await adapter.stock!.write!([fixed], context)).toEqual([
      expect.objectContaining({ key: fixed.key, ok: true }),
    ]);
    expect(heldBy(push.plans)).toEqual(push.plans.map((plan) => plan.quantity));
  });
});

describe('a batch of five product creates (productSet), the fault on the third', () => {
  const REFERENCES = ['NEW-1', 'NEW-2', 'NEW-3', 'NEW-4', 'NEW-5'];
  const TARGET = 'NEW-3';

  function createPlan(reference: string, index: number): PlannedWrite<ProductWrite> {
    const data = { reference, name: { en: `New product ${index + 1}` }, price: `${10 + index}.00`, active: true };
    return { key: reference, action: 'create', platformId: null, data, incoming: data as ProductWrite, directives: {} };
  }
  const plans = REFERENCES.map(createPlan);

  const onTarget = (options: FakeFaultOptions = {}): FakeFaultOptions => ({
    operation: 'productSet',
    match: (call) => (call.variables.input as { handle?: string } | undefined)?.handle === handleize(TARGET),
    ...options,
  });

  /** Products of the shop that carry `reference` (metafield, handle or SKU). */
  function productsOf(shop: Shop, reference: string) {
    return [...shop.products.values()].filter(
      (product) =>
        product.metafields.some((field) => field.key === 'reference' && field.value === reference) ||
        product.handle.startsWith(handleize(reference)) ||
        product.variantIds.some((id) => shop.variants.get(id)?.sku === reference),
    );
  }

  /** Exactly one product per reference, holding the price that was sent. */
  function expectOnePerReference(shop: Shop) {
    for (const [index, reference] of REFERENCES.entries()) {
      const found = productsOf(shop, reference);
      expect(found, reference).toHaveLength(1);
      const variant = shop.variants.get(found[0]?.variantIds[0] as string);
      expect(variant?.price, reference).toBe(`${10 + index}.00`);
    }
  }

  /**
   * The failed items sent again as core does it: looked up by reference first, so one that exists after all
   * is updated, never created a second time.
   */
  async function resendFailed(adapter: ReturnType<typeof shopWith>['adapter'], outcomes: WriteOutcome[]) {
    const failedKeys = failures(outcomes).map((outcome) => outcome.key);
    const existing = await adapter.products!.getByReferences!(failedKeys);
    const again = plans
      .filter((plan) => failedKeys.includes(plan.key))
      .map((plan): PlannedWrite<ProductWrite> => {
        const found = existing.get(plan.key);
        return found?.id ? { ...plan, action: 'update', platformId: found.id } : plan;
      });
    return adapter.products!.write!(again, context);
  }

  async function writeAll(made: ReturnType<typeof shopWith>) {
    const outcomes = await made.adapter.products!.write!(plans, context);
    expectOneOutcomeEach(outcomes, REFERENCES, made.shop);
    for (const outcome of outcomes.filter((entry) => entry.key !== TARGET)) expect(outcome).toMatchObject({ ok: true });
    return outcomes;
  }

  it('429 with Retry-After: Shopify ran nothing, so the create is sent again after the wait; one product each', async () => {
    const made = shopWith();
    fake.fault(made.shop.domain, { kind: 'status', status: 429, retryAfter: '1.5' }, onTarget());
    const outcomes = await writeAll(made);
    expect(outcomes[2]).toMatchObject({ ok: true });
    expect(made.waits).toContain(1500);
    expectOnePerReference(made.shop);
  });

  it('THROTTLED in a 200: Shopify ran nothing, the create waits for the refill and goes through once', async () => {
    const made = shopWith();
    fake.fault(made.shop.domain, { kind: 'throttled' }, onTarget());
    const outcomes = await writeAll(made);
    expect(outcomes[2]).toMatchObject({ ok: true });
    expect(callsOf(made.shop, 'productSet').filter((call) => call.throttled)).toHaveLength(1);
    expectOnePerReference(made.shop);
  });

  it.each<[string, FakeFault, RegExp]>([
    ['a 500', { kind: 'status', status: 500 }, /PasserelleProductSet: HTTP 500/],
    [
      'a proxy’s HTML 502 page',
      { kind: 'html', status: 502 },
      /PasserelleProductSet: HTTP 502: an HTML page \("502 Bad Gateway"\) instead of JSON/,
    ],
    [
      'Shopify’s HTML 503 page',
      { kind: 'html', status: 503 },
      /PasserelleProductSet: HTTP 503: an HTML page \("Shopify - Service Unavailable"\) instead of JSON/,
    ],
    [
      'no answer within the client’s timeout, Shopify never ran it',
      { kind: 'timeout', applied: false },
      new RegExp(`PasserelleProductSet: no answer within ${TIMEOUT_MS} ms`),
    ],
  ])(
    '%s: the create is not replayed; found absent by its handle, it fails retryable and the re-send creates it once',
    async (_name, fault, reason) => {
      const made = shopWith();
      fake.fault(made.shop.domain, fault, onTarget());
      const outcomes = await writeAll(made);
      expect(outcomes[2]).toMatchObject({ ok: false, retryable: true });
      expect((outcomes[2] as Failed).error).toMatch(reason);
      expect((outcomes[2] as Failed).error).toMatch(
        /may have been applied, so it was not sent again; no product has the handle "new-3", so it was not created: safe to send again/,
      );
      // The client sent the create once; the writer only looked.
      expect(callsOf(made.shop, 'productSet')).toHaveLength(5);
      expect(callsOf(made.shop, 'productByIdentifier')).toHaveLength(1);
      expect(productsOf(made.shop, TARGET)).toHaveLength(0);
      const again = await resendFailed(made.adapter, outcomes);
      expect(again).toEqual([expect.objectContaining({ key: TARGET, ok: true })]);
      expectOnePerReference(made.shop);
    },
  );

  it.each<[string, FakeFault]>([
    ['a 500 after Shopify created it', { kind: 'status', status: 500, applied: true }],
    ['no answer within the client’s timeout after Shopify created it', { kind: 'timeout' }],
    ['a JSON answer cut in the middle', { kind: 'truncated' }],
    ['a GraphQL INTERNAL_SERVER_ERROR after Shopify created it', { kind: 'internal', applied: true }],
  ])(
    '%s: the create is not replayed; found by its handle, it is reported created with the id',
    async (_name, fault) => {
      const made = shopWith();
      fake.fault(made.shop.domain, fault, onTarget());
      const outcomes = await writeAll(made);
      const created = productsOf(made.shop, TARGET);
      expect(created).toHaveLength(1);
      expect(outcomes[2]).toEqual({
        key: TARGET,
        ok: true,
        id: created[0]?.id,
        note: 'productSet\'s answer was lost; the product was found by its handle "new-3"',
      });
      expect(callsOf(made.shop, 'productSet')).toHaveLength(5);
      expectOnePerReference(made.shop);
    },
  );

  it('a lost answer while the lookup fails too: not retryable (it may exist); the re-send finds it and updates it, no second product', async () => {
    const made = shopWith();
    fake.fault(made.shop.domain, { kind: 'timeout' }, onTarget());
    fake.fault(made.shop.domain, { kind: 'html', status: 503 }, { operation: 'productByIdentifier', times: 4 });
    const outcomes = await writeAll(made);
    expect(outcomes[2]).toMatchObject({ ok: false, retryable: false });
    expect((outcomes[2] as Failed).error).toMatch(
      /PasserelleProductSet: no answer within \d+ ms; it may have been applied, so it was not sent again; whether it was created could not be checked: look up "NEW-3" before sending it again/,
    );
    const again = await resendFailed(made.adapter, outcomes);
    expect(again).toEqual([
      expect.objectContaining({ key: TARGET, ok: true, id: productsOf(made.shop, TARGET)[0]?.id }),
    ]);
    expect(callsOf(made.shop, 'productSet')).toHaveLength(5);
    expectOnePerReference(made.shop);
  });

  it('a userErrors answer for one product fails that product alone with Shopify’s words, not retryable', async () => {
    const made = shopWith();
    fake.fault(
      made.shop.domain,
      {
        kind: 'userErrors',
        userErrors: [
          { field: ['input', 'title'], message: 'Title is too long (maximum is 255 characters)', code: 'INVALID' },
        ],
      },
      onTarget(),
    );
    const outcomes = await writeAll(made);
    expect(outcomes[2]).toEqual({
      key: TARGET,
      ok: false,
      retryable: false,
      error: 'productSet: input.title: Title is too long (maximum is 255 characters) (INVALID)',
    });
    expect(productsOf(made.shop, TARGET)).toHaveLength(0);
    // Once the ERP fixes it, the re-send creates it once.
    expect(await resendFailed(made.adapter, outcomes)).toEqual([expect.objectContaining({ key: TARGET, ok: true })]);
    expectOnePerReference(made.shop);
  });
});

describe('a batch of three shipments (fulfillmentCreate), the fault on the second', () => {
  const NAMES = ['#1002', '#1003', '#1004'];

  function shipments(shop: Shop): StatusWritePlan[] {
    return NAMES.map((name, index) => {
      const id = [...shop.orders.values()].find((order) => order.name === name)?.id as string;
      return {
        key: id,
        orderId: id,
        status: 'shipped',
        rawStatus: null,
        trackingNumber: `TRACK-${index + 1}`,
        carrier: 'Colissimo',
        replaceReferenceWith: null,
        documentNumber: null,
        notifyCustomer: false,
        at: null,
      };
    });
  }

  const onSecond: FakeFaultOptions = { operation: 'fulfillmentCreate', skip: 1 };

  /** One fulfillment per order, with its own tracking number. */
  function expectShippedOnce(shop: Shop, plans: StatusWritePlan[]) {
    for (const plan of plans) {
      const order = shop.orders.get(plan.orderId);
      expect(order?.fulfillments.map((fulfillment) => fulfillment.trackingInfo[0]?.number)).toEqual([
        plan.trackingNumber,
      ]);
      expect(order?.displayFulfillmentStatus).toBe('FULFILLED');
    }
  }

  async function shipAll(made: ReturnType<typeof shopWith>, plans: StatusWritePlan[]) {
    const outcomes = await made.adapter.orders!.setStatus!(plans, context);
    expectOneOutcomeEach(
      outcomes,
      plans.map((plan) => plan.key),
      made.shop,
    );
    expect(outcomes[0]).toMatchObject({ ok: true });
    expect(outcomes[2]).toMatchObject({ ok: true });
    return outcomes;
  }

  it.each<[string, FakeFault]>([
    ['429 with Retry-After', { kind: 'status', status: 429, retryAfter: '1' }],
    ['THROTTLED in a 200', { kind: 'throttled' }],
  ])('%s: Shopify ran nothing, the shipment is sent again and made once', async (_name, fault) => {
    const made = shopWith();
    const plans = shipments(made.shop);
    fake.fault(made.shop.domain, fault, onSecond);
    const outcomes = await shipAll(made, plans);
    expect(outcomes[1]).toMatchObject({ ok: true });
    expectShippedOnce(made.shop, plans);
  });

  it.each<[string, FakeFault, RegExp]>([
    ['a 503', { kind: 'status', status: 503 }, /PasserelleFulfillmentCreate: HTTP 503/],
    [
      'a proxy’s HTML 502 page',
      { kind: 'html', status: 502 },
      /PasserelleFulfillmentCreate: HTTP 502: an HTML page \("502 Bad Gateway"\) instead of JSON/,
    ],
  ])(
    '%s: not replayed; the order read again is still open, so it fails retryable and the re-send ships it once',
    async (_name, fault, reason) => {
      const made = shopWith();
      const plans = shipments(made.shop);
      fake.fault(made.shop.domain, fault, onSecond);
      const outcomes = await shipAll(made, plans);
      expect(outcomes[1]).toMatchObject({ ok: false, retryable: true });
      expect((outcomes[1] as Failed).error).toMatch(reason);
      expect((outcomes[1] as Failed).error).toMatch(
        /the order is still unfulfilled, so nothing was done: safe to send again/,
      );
      expect(callsOf(made.shop, 'fulfillmentCreate')).toHaveLength(3);
      const again = await made.adapter.orders!.setStatus!([plans[1] as StatusWritePlan], context);
      expect(again).toEqual([expect.objectContaining({ ok: true })]);
      expectShippedOnce(made.shop, plans);
    },
  );

  it.each<[string, FakeFault]>([
    ['no answer within the client’s timeout after Shopify shipped it', { kind: 'timeout' }],
    ['a JSON answer cut in the middle', { kind: 'truncated' }],
    ['a 500 after Shopify shipped it', { kind: 'status', status: 500, applied: true }],
  ])('%s: not replayed; the order read again is fulfilled, so the shipment is reported done', async (_name, fault) => {
    const made = shopWith();
    const plans = shipments(made.shop);
    fake.fault(made.shop.domain, fault, onSecond);
    const outcomes = await shipAll(made, plans);
    expect(outcomes[1]).toMatchObject({ ok: true, id: plans[1]?.orderId });
    expect(callsOf(made.shop, 'fulfillmentCreate')).toHaveLength(3);
    // Sent again anyway (the ERP did not see the answer): the writer reads the order and ships nothing more.
    expect(await made.adapter.orders!.setStatus!(plans, context)).toEqual(
      plans.map((plan) => expect.objectContaining({ key: plan.key, ok: true })),
    );
    expect(callsOf(made.shop, 'fulfillmentCreate')).toHaveLength(3);
    expectShippedOnce(made.shop, plans);
  });

  it('a userErrors answer fails that order alone with Shopify’s words, not retryable; the re-send ships it once', async () => {
    const made = shopWith();
    const plans = shipments(made.shop);
    fake.fault(
      made.shop.domain,
      {
        kind: 'userErrors',
        userErrors: [{ field: ['fulfillment'], message: 'Line items are not fulfillable at this time' }],
      },
      onSecond,
    );
    const outcomes = await shipAll(made, plans);
    expect(outcomes[1]).toEqual({
      key: plans[1]?.key,
      ok: false,
      retryable: false,
      error: 'fulfillmentCreate: fulfillment: Line items are not fulfillable at this time',
    });
    expect(await made.adapter.orders!.setStatus!([plans[1] as StatusWritePlan], context)).toEqual([
      expect.objectContaining({ ok: true }),
    ]);
    expectShippedOnce(made.shop, plans);
  });
});

describe('through the module endpoint over 127.0.0.1', () => {
  it('PUT /stock during an outage of inventorySetQuantities: one failed result per item with the reason, none dropped', async () => {
    const shop = fake.addShop();
    const module = await createShopifyModule({
      shop: shop.domain,
      accessToken: shop.token,
      store: createMemoryStore(),
      sleep: async () => {},
      timeoutMs: TIMEOUT_MS,
      bulk: { pollIntervalMs: 1, sleep: async () => {} },
    });
    const password = 'faults-endpoint-password-0001';
    await module.settings.setPassword(password, 'test');
    const running = await module.listen({ port: 0, host: '127.0.0.1' });
    onTestFinished(async () => {
      await running.close();
      await module.close();
      fake.removeShop(shop.domain);
    });
    fake.fault(shop.domain, { kind: 'html', status: 503 }, { operation: 'inventorySetQuantities', times: 50 });
    const client = createClient({ baseUrl: running.url, password, retry: 0 });
    const items = [
      { reference: 'MUG-BLUE', quantity: 40 },
      { reference: 'IPOD2008RED', quantity: 41 },
      { reference: 'NO-SUCH-SKU', quantity: 1 },
      { reference: 'TEE-WHITE', quantity: 42 },
    ];
    const { results } = await client.stock.put(items);
    expect(results.map((result) => [result.key, result.outcome])).toEqual([
      ['MUG-BLUE', 'failed'],
      ['IPOD2008RED', 'failed'],
      ['NO-SUCH-SKU', 'failed'],
      ['TEE-WHITE', 'failed'],
    ]);
    for (const index of [0, 1, 3]) {
      expect(results[index]?.error).toMatch(
        /PasserelleInventorySet: HTTP 503: an HTML page \("Shopify - Service Unavailable"\) instead of JSON \(after 3 retries\)/,
      );
    }
    expect(results[2]?.error).toMatch(/no product or variant with reference "NO-SUCH-SKU"/);
    expect(JSON.stringify(results)).not.toContain(shop.token);
    // One call for the three known levels, tried four times: nothing was applied.
    expect(callsOf(shop, 'inventorySetQuantities').map((call) => call.status)).toEqual([503, 503, 503, 503]);
    const mug = [...shop.variants.values()].find((variant) => variant.sku === 'MUG-BLUE');
    expect(shop.levels.get(`${mug?.inventoryItemId}@${shop.locations[0]?.id}`)?.quantities.available).toBe(25);
  });
});

describe('the fake', () => {
  it('every document the bridge sent in this file validated against the schema', () => {
    expect(fake.calls.flatMap((call) => call.validationErrors)).toEqual([]);
  });
});
