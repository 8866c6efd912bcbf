import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NotSupportedError, PlatformError, ValidationError } from '../errors/index.js';
import { createEventEmitter } from '../events.js';
import type { ChangeRecord, Store } from '../state/index.js';
import { createMemoryStore, createSqliteStore } from '../state/index.js';
import { createManualClock } from '../state/testing.js';
import type { ChangeDetectorOptions } from './change-detector.js';
import { createChangeDetector } from './change-detector.js';
import type { FakeShop } from './fake-shop.js';
import { createFakeShop } from './fake-shop.js';

const shopId = 'default';
const minute = 60_000;

type StoreKind = 'memory' | 'sqlite';
const opened: Store[] = [];
let storeKind: StoreKind = 'memory';

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

function setup(options: Partial<ChangeDetectorOptions> = {}) {
  const clock = createManualClock('2025-01-01T00:00:00.000Z');
  const store = storeKind === 'memory' ? createMemoryStore({ clock }) : createSqliteStore({ path: ':memory:', clock });
  opened.push(store);
  const events = createEventEmitter();
  const emitted: ChangeRecord[] = [];
  events.on('change', (change) => emitted.push(change));
  const shop = createFakeShop(clock);
  const detector = createChangeDetector({
    adapter: shop.adapter,
    store,
    events,
    shopId,
    clock,
    pageSize: 2,
    ...options,
  });
  const journal = () => store.readChanges(shopId, { afterSeq: 0, limit: 1000 });
  const lines = async () => (await journal()).map((change) => `${change.entity}:${change.id}:${change.op}`);
  const since = async (seq: number) =>
    (await store.readChanges(shopId, { afterSeq: seq, limit: 1000 })).map((c) => `${c.entity}:${c.id}:${c.op}`);
  return { clock, store, events, emitted, shop, detector, journal, lines, since };
}

function seedCatalogue(shop: FakeShop) {
  shop.put('categories', { id: '1', reference: 'CAT-MUGS', name: { en: 'Mugs' } });
  shop.put('products', { id: '1', reference: 'MUG', name: { en: 'Mug' }, price: '9.90' });
  shop.put('products', {
    id: '2',
    reference: 'TEE',
    name: { en: 'Tee' },
    price: '19.90',
    variants: [
      { id: '21', productId: '2', reference: 'TEE-S', options: [{ name: 'size', value: 'S' }], priceImpact: '0' },
      { id: '22', productId: '2', reference: 'TEE-M', options: [{ name: 'size', value: 'M' }], priceImpact: '1.00' },
    ],
  });
  shop.put('products', { id: '3', reference: 'CAP', name: { en: 'Cap' }, price: '5.00' });
  shop.put('stock', { reference: 'MUG', productId: '1', quantity: 4, asOf: '2025-01-01T00:00:00Z' });
  shop.put('stock', { reference: 'TEE-S', productId: '2', variantId: '21', quantity: 2, asOf: '2025-01-01T00:00:00Z' });
  shop.put('customers', { id: '1', reference: 'C001', email: 'ada@example.com' });
  shop.put('orders', { id: '1', reference: 'ORD-1', status: { status: 'paid', rawStatus: '2' }, total: '30.00' });
}

function seedProducts(shop: FakeShop, count: number) {
  for (let id = 1; id <= count; id++) shop.put('products', { id: String(id), reference: `P${id}`, price: '1.00' });
}

describe.each<StoreKind>(['memory', 'sqlite'])('on the %s store', (kind) => {
  beforeAll(() => {
    storeKind = kind;
  });

  describe('change detector: sweep', () => {
    it('journals every item as created on the first sweep, variants as their own entity', async () => {
      const { shop, detector, lines, emitted, journal } = setup();
      seedCatalogue(shop);
      const summary = await detector.sweep();
      expect((await lines()).sort()).toEqual(
        [
          'category:1:created',
          'product:1:created',
          'product:2:created',
          'product:3:created',
          'variant:21:created',
          'variant:22:created',
          'stock:1:created',
          'stock:21:created',
          'customer:1:created',
          'order:1:created',
        ].sort(),
      );
      expect(summary.product).toEqual({ read: 3, created: 3, updated: 0, deleted: 0, unchanged: 0, skipped: 0 });
      expect(summary.variant).toMatchObject({ read: 2, created: 2 });
      expect(summary.stock).toMatchObject({ read: 2, created: 2 });
      const records = await journal();
      expect(emitted).toEqual(records);
      expect(records.find((change) => change.entity === 'variant' && change.id === '22')?.reference).toBe('TEE-M');
      expect(records.find((change) => change.entity === 'stock' && change.id === '21')?.reference).toBe('TEE-S');
    });

    it('reads everything on the first run, then from the high-water mark minus the overlap', async () => {
      const { shop, detector, clock } = setup();
      seedCatalogue(shop);
      await detector.sweep('product');
      clock.advance(5 * minute);
      await detector.sweep('product');
      const firstPages = shop.calls.filter((call) => call.table === 'products' && call.cursor === null);
      expect(firstPages).toHaveLength(2);
      expect(firstPages[0]?.updatedSince).toBeUndefined();
      // Every item was stamped 00:00:00; the overlap is 30 s.
      expect(firstPages[1]?.updatedSince).toBe('2024-12-31T23:59:30.000Z');
    });

    it('journals nothing on a second sweep without changes, although the overlap re-reads items', async () => {
      const { shop, detector, clock, journal, emitted } = setup();
      seedCatalogue(shop);
      await detector.sweep();
      const before = await journal();
      clock.advance(5 * minute);
      const summary = await detector.sweep();
      expect(await journal()).toEqual(before);
      expect(emitted).toHaveLength(before.length);
      expect(summary.product).toMatchObject({ read: 3, unchanged: 3, created: 0, updated: 0 });
      expect(summary.variant).toMatchObject({ read: 2, unchanged: 2 });
    });

    it('journals exactly one update for one changed item, and none for a price rewritten as an equal decimal', async () => {
      const { shop, detector, clock, journal, since } = setup();
      seedCatalogue(shop);
      await detector.sweep();
      const last = (await journal()).at(-1)?.seq ?? 0;
      clock.advance(minute);
      shop.update('products', '1', { price: '10.50' });
      shop.update('products', '3', { price: '5' });
      const summary = await detector.sweep();
      expect(await since(last)).toEqual(['product:1:updated']);
      expect(summary.product).toMatchObject({ read: 3, updated: 1, unchanged: 2 });
      const [change] = (await journal()).slice(-1);
      expect(change).toMatchObject({
        shopId,
        entity: 'product',
        id: '1',
        reference: 'MUG',
        at: clock.now().toISOString(),
      });
    });

    it('catches on the next sweep a change made on a page the sweep had already passed', async () => {
      const { shop, detector, clock, lines, since, journal } = setup();
      seedProducts(shop, 6);
      clock.advance(minute);
      shop.beforePage = (table, page) => {
        if (table !== 'products' || page !== 2) return;
        shop.beforePage = undefined;
        // A slow sweep: product 1 (page 1, already read) changes, then product 5 (page 3, still to come)
        // changes later than the overlap window.
        clock.advance(10 * minute);
        shop.update('products', '1', { price: '2.00' });
        clock.advance(5 * minute);
        shop.update('products', '5', { price: '3.00' });
      };
      await detector.sweep('product');
      expect((await lines()).filter((line) => line.endsWith('updated'))).toEqual([]);
      const last = (await journal()).at(-1)?.seq ?? 0;
      clock.advance(minute);
      await detector.sweep('product');
      expect(await since(last)).toEqual(['product:1:updated']);
      clock.advance(minute);
      await detector.sweep('product');
      expect(await since(last)).toEqual(['product:1:updated']);
    });

    it('resumes a crashed sweep at its checkpoint: no page journaled twice, nothing lost', async () => {
      const { shop, detector, journal, store, clock } = setup();
      seedProducts(shop, 7);
      let failures = 1;
      shop.beforePage = (table, page) => {
        if (table === 'products' && page === 3 && failures-- > 0) throw new Error('connection reset');
      };
      await expect(detector.sweep('product')).rejects.toThrow('connection reset');
      expect((await journal()).map((change) => change.id)).toEqual(['1', '2', '3', '4']);
      const failed = await store.readActivity(shopId, { limit: 5, kind: 'sweep', outcome: 'failed' });
      expect(failed[0]).toMatchObject({ level: 'error', entity: 'product', details: { created: 4, read: 4 } });

      clock.advance(minute);
      const callsBefore = shop.calls.length;
      const summary = await detector.sweep('product');
      expect(shop.calls[callsBefore]).toMatchObject({ table: 'products', cursor: '4' });
      expect(summary.product).toMatchObject({ read: 3, created: 3 });
      const ids = (await journal()).map((change) => change.id);
      expect(ids).toEqual(['1', '2', '3', '4', '5', '6', '7']);
      for (const id of ids) expect(await store.getBindingByPlatformId(shopId, 'product', id)).not.toBeNull();

      // The next sweep starts over from the mark, not from the old checkpoint. The interrupted sweep lasted a
      // minute (crash to resume), so the mark keeps that minute on top of the 30 s overlap.
      const resumeCalls = shop.calls.length;
      await detector.sweep('product');
      expect(shop.calls[resumeCalls]).toMatchObject({ cursor: null, updatedSince: '2024-12-31T23:58:30.000Z' });
      expect(await journal()).toHaveLength(7);
    });

    it('drops a checkpoint the platform refuses, so the next sweep starts over', async () => {
      const { shop, detector, journal } = setup();
      seedProducts(shop, 5);
      let step = 0;
      shop.beforePage = (table, page) => {
        if (table !== 'products') return;
        if (page === 2 && step === 0) {
          step = 1;
          throw new Error('timeout');
        }
        if (page === 2 && step === 1) {
          step = 2;
          throw new PlatformError('cursor expired', 400);
        }
      };
      await expect(detector.sweep('product')).rejects.toThrow('timeout');
      await expect(detector.sweep('product')).rejects.toThrow('cursor expired');
      await detector.sweep('product');
      expect(shop.calls.filter((call) => call.table === 'products').map((call) => call.cursor)).toEqual([
        null,
        '2',
        '2',
        null,
        '2',
        '4',
      ]);
      expect((await journal()).map((change) => change.id)).toEqual(['1', '2', '3', '4', '5']);
    });

    it('journals a variant change as a variant update only, and a vanished variant as deleted', async () => {
      const { shop, detector, clock, since, journal, store } = setup();
      seedCatalogue(shop);
      await detector.sweep('product');
      let last = (await journal()).at(-1)?.seq ?? 0;

      clock.advance(minute);
      shop.update('products', '2', {
        variants: [
          {
            id: '21',
            productId: '2',
            reference: 'TEE-S',
            options: [{ name: 'size', value: 'S' }],
            priceImpact: '0.50',
          },
          { id: '22', productId: '2', reference: 'TEE-M', options: [{ name: 'size', value: 'M' }], priceImpact: '1' },
        ],
      });
      await detector.sweep('product');
      expect(await since(last)).toEqual(['variant:21:updated']);
      last = (await journal()).at(-1)?.seq ?? 0;

      clock.advance(minute);
      shop.update('products', '2', {
        variants: [
          {
            id: '21',
            productId: '2',
            reference: 'TEE-S',
            options: [{ name: 'size', value: 'S' }],
            priceImpact: '0.50',
          },
          { id: '23', productId: '2', reference: '', options: [{ name: 'size', value: 'L' }], priceImpact: '2' },
        ],
      });
      await detector.sweep('product');
      expect((await since(last)).sort()).toEqual(['variant:22:deleted', 'variant:23:created']);
      expect(await store.getBindingByPlatformId(shopId, 'variant', '22')).toBeNull();
      // A variant without a reference is bound by its id, never under an empty reference.
      expect(await store.getBinding(shopId, 'variant', 'id:23')).toMatchObject({ platformId: '23' });
      expect((await journal()).find((change) => change.id === '23')?.reference).toBeNull();
    });

    it('applies a custom ignore list, still leaving variants to their own entity', async () => {
      const { shop, detector, clock, since, journal } = setup({
        ignoreFields: { product: ['updatedAt', 'viewCount'] },
      });
      shop.put('products', {
        id: '1',
        reference: 'P1',
        viewCount: 1,
        variants: [{ id: '11', productId: '1', reference: 'P1-A', priceImpact: '0' }],
      });
      await detector.sweep('product');
      const last = (await journal()).at(-1)?.seq ?? 0;
      clock.advance(minute);
      shop.update('products', '1', {
        viewCount: 2,
        variants: [{ id: '11', productId: '1', reference: 'P1-A', priceImpact: '1' }],
      });
      await detector.sweep('product');
      expect(await since(last)).toEqual(['variant:11:updated']);
    });

    it('refuses invalid options', () => {
      const { shop, store, events } = setup();
      const make = (options: Partial<ChangeDetectorOptions>) => () =>
        createChangeDetector({ adapter: shop.adapter, store, events, shopId, ...options });
      expect(make({ pageSize: 0 })).toThrow(ValidationError);
      expect(make({ overlapSeconds: -1 })).toThrow(ValidationError);
      expect(make({ idPageSize: 2.5 })).toThrow(ValidationError);
      expect(make({ pageSize: 1, overlapSeconds: 0 })).not.toThrow();
    });

    it('reads stock whole every sweep and relies on the hash (asOf alone is no change)', async () => {
      const { shop, detector, clock, since, journal } = setup();
      seedCatalogue(shop);
      await detector.sweep('stock');
      const last = (await journal()).at(-1)?.seq ?? 0;
      clock.advance(minute);
      shop.put('stock', { reference: 'MUG', productId: '1', quantity: 4, asOf: '2025-01-01T00:01:00Z' });
      shop.put('stock', {
        reference: 'TEE-S',
        productId: '2',
        variantId: '21',
        quantity: 1,
        asOf: '2025-01-01T00:01:00Z',
      });
      const summary = await detector.sweep('stock');
      expect(await since(last)).toEqual(['stock:21:updated']);
      expect(summary.stock).toMatchObject({ read: 2, updated: 1, unchanged: 1 });
      const stockCalls = shop.calls.filter((call) => call.table === 'stock');
      expect(stockCalls.length).toBeGreaterThan(1);
      for (const call of stockCalls) expect(call.updatedSince).toBeUndefined();
    });

    it('follows a reference change with one update and moves the binding', async () => {
      const { shop, detector, clock, since, journal, store } = setup();
      seedCatalogue(shop);
      await detector.sweep('product');
      const last = (await journal()).at(-1)?.seq ?? 0;
      clock.advance(minute);
      shop.update('products', '1', { reference: 'MUG-XL' });
      await detector.sweep('product');
      expect(await since(last)).toEqual(['product:1:updated']);
      expect((await journal()).at(-1)?.reference).toBe('MUG-XL');
      expect(await store.getBinding(shopId, 'product', 'MUG')).toBeNull();
      expect(await store.getBinding(shopId, 'product', 'MUG-XL')).toMatchObject({ platformId: '1' });
    });

    it('binds the second of two items sharing a reference by its id, without flip-flopping', async () => {
      const { shop, detector, clock, journal, store } = setup();
      shop.put('products', { id: '1', reference: 'DUP', price: '1' });
      shop.put('products', { id: '2', reference: 'DUP', price: '2' });
      await detector.sweep('product');
      clock.advance(minute);
      await detector.sweep('product');
      expect((await journal()).map((change) => `${change.id}:${change.op}:${change.reference}`)).toEqual([
        '1:created:DUP',
        '2:created:DUP',
      ]);
      expect(await store.getBinding(shopId, 'product', 'DUP')).toMatchObject({ platformId: '1' });
      expect(await store.getBinding(shopId, 'product', 'id:2')).toMatchObject({ platformId: '2' });

      // Once the first one is gone, the second takes its reference without a change being journaled.
      shop.remove('products', '1');
      clock.advance(minute);
      await detector.reconcile('product');
      clock.advance(minute);
      await detector.sweep('product');
      expect((await journal()).map((change) => `${change.id}:${change.op}`)).toEqual([
        '1:created',
        '2:created',
        '1:deleted',
      ]);
      expect(await store.getBinding(shopId, 'product', 'DUP')).toMatchObject({ platformId: '2' });
      expect(await store.getBinding(shopId, 'product', 'id:2')).toBeNull();
    });

    it('catches with a full sweep a change the platform did not date', async () => {
      const { shop, detector, clock, since, journal } = setup();
      seedProducts(shop, 3);
      await detector.sweep('product');
      clock.advance(60 * minute);
      shop.update('products', '3', { price: '9.00' });
      await detector.sweep('product');
      const last = (await journal()).at(-1)?.seq ?? 0;
      // A meta-only change: content moves, the platform's date does not (WooCommerce date_modified).
      shop.put('products', { id: '1', reference: 'P1', price: '7.00', sourceUpdatedAt: '2025-01-01T00:00:00.000Z' });
      clock.advance(minute);
      await detector.sweep('product');
      expect(await since(last)).toEqual([]);
      const summary = await detector.sweep('product', { full: true });
      expect(await since(last)).toEqual(['product:1:updated']);
      expect(summary.product).toMatchObject({ read: 3, updated: 1 });
    });

    it('never overlaps itself: a second call during a sweep joins it', async () => {
      const { shop, detector, journal } = setup();
      seedCatalogue(shop);
      const [first, second] = await Promise.all([detector.sweep(), detector.sweep()]);
      expect(second).toBe(first);
      expect(shop.calls.filter((call) => call.table === 'products')).toHaveLength(2);
      expect(await journal()).toHaveLength(10);
    });

    it('sweeps one entity on request and refuses an entity the adapter cannot read', async () => {
      const { shop, detector, lines } = setup();
      seedCatalogue(shop);
      const summary = await detector.sweep('order');
      expect(Object.keys(summary)).toEqual(['order']);
      expect(await lines()).toEqual(['order:1:created']);
      await expect(detector.sweep('shipment')).rejects.toBeInstanceOf(NotSupportedError);
      expect(detector.entities()).toEqual(['category', 'product', 'variant', 'stock', 'customer', 'order']);
    });

    it('writes one activity entry per entity with the counts', async () => {
      const { shop, detector, store, clock } = setup();
      seedCatalogue(shop);
      await detector.sweep();
      const first = await store.readActivity(shopId, { afterId: 0, limit: 50, kind: 'sweep' });
      expect(first.map((entry) => entry.entity)).toEqual([
        'category',
        'product',
        'variant',
        'stock',
        'customer',
        'order',
      ]);
      const product = first.find((entry) => entry.entity === 'product');
      expect(product).toMatchObject({
        level: 'info',
        outcome: 'ok',
        message: 'product sweep: read 3, created 3, updated 0, deleted 0, unchanged 0',
        details: { read: 3, created: 3, updated: 0, deleted: 0, unchanged: 0, full: false },
      });
      clock.advance(minute);
      await detector.sweep('product');
      const [latest] = await store.readActivity(shopId, { limit: 1, kind: 'sweep', entity: 'variant' });
      expect(latest).toMatchObject({ level: 'debug', details: { read: 2, unchanged: 2, created: 0 } });
    });

    it('skips and counts an item without an id instead of failing the sweep', async () => {
      const warnings: string[] = [];
      const { shop, detector, lines } = setup({ logger: { warn: (message) => warnings.push(message) } });
      shop.put('products', { id: '1', reference: 'A' });
      shop.put('products', { id: ' ', reference: 'B' } as never);
      const summary = await detector.sweep('product');
      expect(summary.product).toMatchObject({ read: 2, created: 1, skipped: 1 });
      expect(await lines()).toEqual(['product:1:created']);
      expect(warnings).toEqual(['item without an id skipped']);
    });
  });

  describe('change detector: reconcile', () => {
    it('journals deleted items (and the variants of a deleted product) and removes their bindings', async () => {
      const { shop, detector, clock, since, journal, store } = setup();
      seedCatalogue(shop);
      await detector.sweep();
      const last = (await journal()).at(-1)?.seq ?? 0;
      shop.remove('products', '2');
      shop.remove('stock', '21');
      shop.remove('customers', '1');
      clock.advance(minute);
      await detector.sweep();
      expect(await since(last)).toEqual([]);

      const summary = await detector.reconcile();
      expect((await since(last)).sort()).toEqual(
        ['product:2:deleted', 'variant:21:deleted', 'variant:22:deleted', 'stock:21:deleted'].sort(),
      );
      expect(summary.product).toMatchObject({ read: 2, deleted: 1 });
      expect(summary.variant).toMatchObject({ deleted: 2 });
      // Customers have no id list in this adapter: not reconciled.
      expect(summary.customer).toBeUndefined();
      expect(await store.getBindingByPlatformId(shopId, 'product', '2')).toBeNull();
      expect(await store.getBindingByPlatformId(shopId, 'variant', '21')).toBeNull();
      expect(await store.getBindingByPlatformId(shopId, 'product', '1')).not.toBeNull();
      expect(
        (await journal()).find((change) => change.op === 'deleted' && change.entity === 'product')?.reference,
      ).toBe('TEE');

      clock.advance(minute);
      await detector.reconcile();
      expect(await since(last)).toHaveLength(4);
      const entries = await store.readActivity(shopId, { limit: 50, kind: 'reconcile', entity: 'product' });
      expect(entries[1]).toMatchObject({ outcome: 'ok', details: { deleted: 1 } });
    });

    it('does not journal a delete for an item the id list missed but the platform still has', async () => {
      const { shop, detector, clock, journal } = setup();
      seedProducts(shop, 3);
      await detector.sweep('product');
      const products = shop.adapter.products!;
      const listIds = products.listIds!.bind(products);
      products.listIds = async (options) => {
        const page = await listIds(options);
        return { ...page, items: page.items.filter((id) => id !== '3') };
      };
      clock.advance(minute);
      await detector.reconcile('product');
      expect((await journal()).filter((change) => change.op === 'deleted')).toEqual([]);
    });

    it('refuses to journal every item as deleted when the platform lists none', async () => {
      const { shop, detector, clock, journal, store } = setup();
      seedCatalogue(shop);
      await detector.sweep();
      shop.remove('stock', '1');
      shop.remove('stock', '21');
      clock.advance(minute);
      await expect(detector.reconcile('stock')).rejects.toThrow('listed no stock at all');
      expect((await journal()).filter((change) => change.op === 'deleted')).toEqual([]);
      const [entry] = await store.readActivity(shopId, { limit: 1, kind: 'reconcile' });
      expect(entry).toMatchObject({ level: 'error', entity: 'stock', outcome: 'failed' });
    });

    it('refuses to reconcile an entity whose ids the adapter cannot list', async () => {
      const { detector } = setup();
      await expect(detector.reconcile('customer')).rejects.toBeInstanceOf(NotSupportedError);
    });
  });

  describe('change detector: refresh', () => {
    it('re-reads one item and journals it once, whatever the sweep does next', async () => {
      const { shop, detector, clock, since, journal } = setup();
      seedCatalogue(shop);
      await detector.sweep();
      const last = (await journal()).at(-1)?.seq ?? 0;
      clock.advance(minute);
      shop.update('orders', '1', { status: { status: 'cancelled', rawStatus: '6' } });
      const summary = await detector.refresh('order', '1');
      expect(summary.order).toMatchObject({ read: 1, updated: 1 });
      clock.advance(minute);
      await detector.sweep();
      expect(await since(last)).toEqual(['order:1:updated']);
    });

    it('journals a deleted item when the platform no longer has it', async () => {
      const { shop, detector, clock, since, journal } = setup();
      seedCatalogue(shop);
      await detector.sweep();
      const last = (await journal()).at(-1)?.seq ?? 0;
      shop.remove('products', '2');
      clock.advance(minute);
      await detector.refresh('product', '2');
      expect((await since(last)).sort()).toEqual(['product:2:deleted', 'variant:21:deleted', 'variant:22:deleted']);
      await detector.refresh('product', '2');
      expect(await since(last)).toHaveLength(3);
    });

    it('refreshes a variant only through its product, and sweeps an entity without get', async () => {
      const { shop, detector, lines } = setup();
      seedCatalogue(shop);
      await expect(detector.refresh('variant', '21')).rejects.toBeInstanceOf(NotSupportedError);
      const summary = await detector.refresh('stock', '21');
      expect(summary.stock).toMatchObject({ read: 2, created: 2 });
      expect(await lines()).toEqual(['stock:1:created', 'stock:21:created']);
    });
  });
});
