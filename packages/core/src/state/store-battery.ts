import { afterEach, describe, expect, it } from 'vitest';
import { BindingConflictError, NotFoundError, PasserelleError, StoreUnavailableError } from '../errors/index.js';
import { INBOX_LEASE_SECONDS, INBOX_MAX_ATTEMPTS } from './inbox-limits.js';
import { createManualClock, type ManualClock } from './manual-clock.js';
import type { ActivityEntry, Binding, ChangeRecord, Store } from './store.types.js';

export interface StoreConformanceContext {
  /** The store must take its time from this clock: the battery moves it. */
  clock: ManualClock;
  /** Unique to one test and stable within it: a persistent store opened twice with it sees the same data. */
  name: string;
}

export interface StoreConformanceOptions {
  /**
   * The store keeps its data across close and reopen (the same `name`): the battery then also proves that
   * acknowledgements, settings and the journal survive it.
   * @default false
   */
  persistent?: boolean;
}

const START = '2025-03-01T10:00:00.000Z';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function binding(overrides: Partial<Binding> = {}): Binding {
  return {
    shopId: 'default',
    entity: 'product',
    reference: 'SKU-1',
    platformId: '101',
    contentHash: 'h1',
    sourceUpdatedAt: '2025-02-01T00:00:00.000Z',
    syncedAt: '2025-03-01T10:00:00.000Z',
    ...overrides,
  };
}

function change(overrides: Partial<Omit<ChangeRecord, 'seq'>> = {}): Omit<ChangeRecord, 'seq'> {
  return { shopId: 'default', entity: 'order', id: '1', reference: null, op: 'updated', at: START, ...overrides };
}

function activity(overrides: Partial<Omit<ActivityEntry, 'id'>> = {}): Omit<ActivityEntry, 'id'> {
  return {
    shopId: 'default',
    at: START,
    level: 'info',
    kind: 'write',
    entity: 'product',
    reference: null,
    outcome: 'updated',
    message: 'ok',
    details: null,
    ...overrides,
  };
}

function inboxItem(deliveryId: string, overrides: Partial<{ shopId: string; source: string; topic: string }> = {}) {
  return {
    shopId: 'default',
    source: 'shopify',
    topic: 'orders/updated',
    payload: `{"id":"${deliveryId}"}`,
    deliveryId,
    ...overrides,
  };
}

/**
 * The behaviour every `Store` must have. Registers a vitest suite; call it once per implementation:
 *
 * ```ts
 * runStoreConformance('memory store', ({ clock }) => createMemoryStore({ clock }));
 * ```
 */
export function runStoreConformance(
  name: string,
  makeStore: (context: StoreConformanceContext) => Promise<Store> | Store,
  options: StoreConformanceOptions = {},
): void {
  const persistent = options.persistent ?? false;
  let opened: Store[] = [];
  let counter = 0;

  /** A fresh store, its clock, and `reopen` (a new instance over the same data when the store is persistent). */
  async function setup(): Promise<{ store: Store; clock: ManualClock; reopen: (current: Store) => Promise<Store> }> {
    const context: StoreConformanceContext = {
      clock: createManualClock(START),
      name: `store-${process.pid}-${++counter}`,
    };
    const store = await makeStore(context);
    opened.push(store);
    const reopen = async (current: Store): Promise<Store> => {
      if (!persistent) return current;
      await current.close();
      const next = await makeStore(context);
      opened.push(next);
      return next;
    };
    return { store, clock: context.clock, reopen };
  }

  describe(name, () => {
    afterEach(async () => {
      const stores = opened;
      opened = [];
      for (const store of stores) await store.close();
    });

    describe('settings', () => {
      it('has no settings for a shop that never saved any', async () => {
        const { store } = await setup();
        expect(await store.loadSettings('default')).toBeNull();
      });

      it('starts at revision 1 and bumps the revision on every save, with the clock time and author', async () => {
        const { store, clock } = await setup();
        const first = await store.saveSettings('default', 1, { orders: { syncStatuses: ['paid'] } }, 'admin');
        expect(first).toEqual({
          shopId: 'default',
          schemaVersion: 1,
          revision: 1,
          data: { orders: { syncStatuses: ['paid'] } },
          updatedAt: START,
          updatedBy: 'admin',
        });
        clock.advance(MINUTE);
        const second = await store.saveSettings('default', 2, { orders: { syncStatuses: ['shipped'] } }, null);
        expect(second.revision).toBe(2);
        expect(second.schemaVersion).toBe(2);
        expect(second.updatedBy).toBeNull();
        expect(second.updatedAt).toBe('2025-03-01T10:01:00.000Z');
        expect(await store.loadSettings('default')).toEqual(second);
      });

      it('keeps settings as JSON, copied: later changes to the saved object do not leak in', async () => {
        const { store } = await setup();
        const data = { a: 1, nested: { list: [1, 2] }, when: new Date(START), gone: undefined };
        await store.saveSettings('default', 1, data, null);
        data.nested.list.push(3);
        const loaded = await store.loadSettings('default');
        expect(loaded?.data).toEqual({ a: 1, nested: { list: [1, 2] }, when: START });
        expect(loaded?.data).not.toHaveProperty('gone');
      });

      it('keeps each shop its own settings and revision', async () => {
        const { store } = await setup();
        await store.saveSettings('shop-a', 1, { v: 'a' }, null);
        await store.saveSettings('shop-a', 1, { v: 'a2' }, null);
        const b = await store.saveSettings('shop-b', 1, { v: 'b' }, null);
        expect(b.revision).toBe(1);
        expect((await store.loadSettings('shop-a'))?.data).toEqual({ v: 'a2' });
        expect((await store.loadSettings('shop-b'))?.data).toEqual({ v: 'b' });
      });
    });

    describe('bindings', () => {
      it('finds a binding by reference and by platform id', async () => {
        const { store } = await setup();
        expect(await store.getBinding('default', 'product', 'SKU-1')).toBeNull();
        await store.upsertBinding(binding());
        expect(await store.getBinding('default', 'product', 'SKU-1')).toEqual(binding());
        expect(await store.getBindingByPlatformId('default', 'product', '101')).toEqual(binding());
        expect(await store.getBindingByPlatformId('default', 'product', '999')).toBeNull();
      });

      it('updates the binding of a known reference, releasing its old platform id', async () => {
        const { store } = await setup();
        await store.upsertBinding(binding());
        const moved = binding({
          platformId: '202',
          contentHash: 'h2',
          sourceUpdatedAt: null,
          syncedAt: '2025-03-02T00:00:00.000Z',
        });
        await store.upsertBinding(moved);
        expect(await store.getBinding('default', 'product', 'SKU-1')).toEqual(moved);
        expect(await store.getBindingByPlatformId('default', 'product', '101')).toBeNull();
        await store.upsertBinding(binding({ reference: 'SKU-2', platformId: '101' }));
        expect((await store.getBindingByPlatformId('default', 'product', '101'))?.reference).toBe('SKU-2');
      });

      it('refuses to bind a platform id that another reference holds, and changes nothing', async () => {
        const { store } = await setup();
        await store.upsertBinding(binding());
        const attempt = store.upsertBinding(binding({ reference: 'SKU-2', contentHash: 'other' }));
        await expect(attempt).rejects.toBeInstanceOf(BindingConflictError);
        await attempt.catch((error: unknown) => {
          expect(PasserelleError.is(error) && error.code).toBe('validation');
          expect((error as BindingConflictError).boundReference).toBe('SKU-1');
        });
        expect(await store.getBinding('default', 'product', 'SKU-2')).toBeNull();
        expect(await store.getBindingByPlatformId('default', 'product', '101')).toEqual(binding());
      });

      it('allows the same platform id in another entity and in another shop', async () => {
        const { store } = await setup();
        await store.upsertBinding(binding());
        await store.upsertBinding(binding({ entity: 'variant', reference: 'SKU-9' }));
        await store.upsertBinding(binding({ shopId: 'other', reference: 'SKU-8' }));
        expect((await store.getBindingByPlatformId('default', 'variant', '101'))?.reference).toBe('SKU-9');
        expect((await store.getBindingByPlatformId('other', 'product', '101'))?.reference).toBe('SKU-8');
        expect((await store.getBindingByPlatformId('default', 'product', '101'))?.reference).toBe('SKU-1');
      });

      it('lists bindings by reference in code point order, page by page', async () => {
        const { store } = await setup();
        // Code point order: 'B' < 'a' < 'é' < U+FFFD < '😀' (plain UTF-16 comparison would put the emoji first).
        const references = ['😀', 'a', '\uFFFD', 'é', 'B', 'a1'];
        for (const [index, reference] of references.entries()) {
          await store.upsertBinding(binding({ reference, platformId: String(index) }));
        }
        await store.upsertBinding(binding({ entity: 'category', reference: 'A', platformId: 'c' }));
        const first = await store.listBindings('default', 'product', { limit: 4 });
        expect(first.map((b) => b.reference)).toEqual(['B', 'a', 'a1', 'é']);
        const second = await store.listBindings('default', 'product', { afterReference: 'é', limit: 4 });
        expect(second.map((b) => b.reference)).toEqual(['\uFFFD', '😀']);
        expect(await store.listBindings('default', 'product', { afterReference: '😀', limit: 4 })).toEqual([]);
        expect(await store.listBindings('default', 'product', { limit: 0 })).toEqual([]);
      });

      it('deletes a binding and frees its platform id', async () => {
        const { store } = await setup();
        await store.upsertBinding(binding());
        expect(await store.deleteBinding('default', 'product', 'SKU-1')).toBe(true);
        expect(await store.deleteBinding('default', 'product', 'SKU-1')).toBe(false);
        expect(await store.getBinding('default', 'product', 'SKU-1')).toBeNull();
        await store.upsertBinding(binding({ reference: 'SKU-2' }));
        expect((await store.getBindingByPlatformId('default', 'product', '101'))?.reference).toBe('SKU-2');
      });

      it('hands out copies: mutating a returned binding does not change the store', async () => {
        const { store } = await setup();
        await store.upsertBinding(binding());
        const got = await store.getBinding('default', 'product', 'SKU-1');
        if (got !== null) got.contentHash = 'tampered';
        expect((await store.getBinding('default', 'product', 'SKU-1'))?.contentHash).toBe('h1');
      });

      it('finds many bindings at once: only the bound references of that shop and entity, as copies', async () => {
        const { store } = await setup();
        await store.upsertBinding(binding());
        await store.upsertBinding(binding({ reference: 'SKU-2', platformId: '102' }));
        await store.upsertBinding(binding({ entity: 'category', reference: 'SKU-3', platformId: '103' }));
        await store.upsertBinding(binding({ shopId: 'other', reference: 'SKU-4', platformId: '104' }));
        const found = await store.getBindings('default', 'product', [
          'SKU-2',
          'nope',
          'SKU-1',
          'SKU-3',
          'SKU-4',
          'SKU-2',
        ]);
        expect([...found.keys()].sort()).toEqual(['SKU-1', 'SKU-2']);
        expect(found.get('SKU-1')).toEqual(binding());
        expect(found.get('SKU-2')).toEqual(binding({ reference: 'SKU-2', platformId: '102' }));
        expect((await store.getBindings('default', 'product', [])).size).toBe(0);
        const copy = found.get('SKU-1');
        if (copy !== undefined) copy.contentHash = 'tampered';
        expect((await store.getBinding('default', 'product', 'SKU-1'))?.contentHash).toBe('h1');
      });

      it('upserts many bindings in order, as one call of upsertBinding each would', async () => {
        const { store } = await setup();
        await store.upsertBinding(binding());
        const moved = binding({ platformId: '201', contentHash: null, syncedAt: '2025-03-02T00:00:00.000Z' });
        const results = await store.upsertBindings([
          binding({ reference: 'SKU-2', platformId: '102' }),
          // SKU-1 moves to 201 and releases 101, which SKU-3 then takes, in the same call.
          moved,
          binding({ reference: 'SKU-3', platformId: '101' }),
          binding({ entity: 'variant', reference: 'SKU-2', platformId: '102' }),
          binding({ shopId: 'other', reference: 'SKU-9', platformId: '102' }),
        ]);
        expect(results).toEqual([null, null, null, null, null]);
        expect(await store.getBinding('default', 'product', 'SKU-1')).toEqual(moved);
        expect((await store.getBindingByPlatformId('default', 'product', '101'))?.reference).toBe('SKU-3');
        expect((await store.getBindingByPlatformId('default', 'product', '102'))?.reference).toBe('SKU-2');
        expect((await store.getBindingByPlatformId('default', 'variant', '102'))?.reference).toBe('SKU-2');
        expect((await store.getBindingByPlatformId('other', 'product', '102'))?.reference).toBe('SKU-9');
        expect(await store.upsertBindings([])).toEqual([]);
      });

      it('skips and reports only the bindings whose platform id another reference holds, writing the rest', async () => {
        const { store } = await setup();
        await store.upsertBinding(binding());
        const results = await store.upsertBindings([
          binding({ reference: 'SKU-2', platformId: '102' }),
          // 101 is held by SKU-1 from before the call.
          binding({ reference: 'SKU-3', platformId: '101', contentHash: 'other' }),
          binding({ reference: 'SKU-4', platformId: '104' }),
          // 102 is held by SKU-2 from earlier in this call.
          binding({ reference: 'SKU-5', platformId: '102' }),
          // Rebinding a reference to the id it already holds is no conflict.
          binding({ contentHash: 'h2' }),
        ]);
        expect(results.map((result) => result === null)).toEqual([true, false, true, false, true]);
        const [, first, , second] = results;
        expect(first).toBeInstanceOf(BindingConflictError);
        expect(PasserelleError.is(first) && first.code).toBe('validation');
        expect(first).toMatchObject({
          entity: 'product',
          reference: 'SKU-3',
          platformId: '101',
          boundReference: 'SKU-1',
        });
        expect(first?.message).toBe(new BindingConflictError(binding({ reference: 'SKU-3' }), 'SKU-1').message);
        expect(second).toMatchObject({ reference: 'SKU-5', platformId: '102', boundReference: 'SKU-2' });
        expect(await store.getBinding('default', 'product', 'SKU-3')).toBeNull();
        expect(await store.getBinding('default', 'product', 'SKU-5')).toBeNull();
        expect((await store.getBinding('default', 'product', 'SKU-4'))?.platformId).toBe('104');
        expect(await store.getBinding('default', 'product', 'SKU-1')).toEqual(binding({ contentHash: 'h2' }));
        expect((await store.getBindingByPlatformId('default', 'product', '102'))?.reference).toBe('SKU-2');
      });

      it(`keeps bindings upserted together once the promise resolves${persistent ? ', across close and reopen' : ''}`, async () => {
        const setupResult = await setup();
        const written = [binding(), binding({ reference: 'SKU-2', platformId: '102', contentHash: null })];
        await setupResult.store.upsertBindings(written);
        const store = await setupResult.reopen(setupResult.store);
        const found = await store.getBindings('default', 'product', ['SKU-1', 'SKU-2']);
        expect([found.get('SKU-1'), found.get('SKU-2')]).toEqual(written);
      });
    });

    describe('acknowledgements', () => {
      it('acknowledges once: a repeat keeps the first acknowledgedAt', async () => {
        const { store, clock } = await setup();
        expect(await store.acknowledge('default', [{ orderId: '76', documentNumber: null }])).toEqual([
          { orderId: '76', alreadyAcknowledged: false },
        ]);
        clock.advance(MINUTE);
        expect(await store.acknowledge('default', [{ orderId: '76', documentNumber: null }])).toEqual([
          { orderId: '76', alreadyAcknowledged: true },
        ]);
        const acks = await store.getAcknowledgements('default', ['76']);
        expect(acks.get('76')).toEqual({
          shopId: 'default',
          orderId: '76',
          documentNumber: null,
          acknowledgedAt: START,
        });
      });

      it('updates documentNumber when a new non-null one comes, and never erases it with null', async () => {
        const { store } = await setup();
        await store.acknowledge('default', [{ orderId: '1', documentNumber: null }]);
        await store.acknowledge('default', [{ orderId: '1', documentNumber: 'CO2503-0001' }]);
        expect((await store.getAcknowledgements('default', ['1'])).get('1')?.documentNumber).toBe('CO2503-0001');
        await store.acknowledge('default', [{ orderId: '1', documentNumber: null }]);
        expect((await store.getAcknowledgements('default', ['1'])).get('1')?.documentNumber).toBe('CO2503-0001');
        await store.acknowledge('default', [{ orderId: '1', documentNumber: 'CO2503-0002' }]);
        expect((await store.getAcknowledgements('default', ['1'])).get('1')?.documentNumber).toBe('CO2503-0002');
      });

      it('answers one result per item in order, an id repeated in the batch being already acknowledged', async () => {
        const { store } = await setup();
        await store.acknowledge('default', [{ orderId: '2', documentNumber: null }]);
        const results = await store.acknowledge('default', [
          { orderId: '1', documentNumber: null },
          { orderId: '2', documentNumber: null },
          { orderId: '1', documentNumber: 'D-1' },
        ]);
        expect(results).toEqual([
          { orderId: '1', alreadyAcknowledged: false },
          { orderId: '2', alreadyAcknowledged: true },
          { orderId: '1', alreadyAcknowledged: true },
        ]);
        expect((await store.getAcknowledgements('default', ['1'])).get('1')?.documentNumber).toBe('D-1');
      });

      it(`keeps an acknowledgement once the promise resolves${persistent ? ', across close and reopen' : ''}`, async () => {
        const setupResult = await setup();
        await setupResult.store.acknowledge('default', [{ orderId: '9', documentNumber: 'F-9' }]);
        const store = await setupResult.reopen(setupResult.store);
        const acks = await store.getAcknowledgements('default', ['9']);
        expect(acks.get('9')).toEqual({
          shopId: 'default',
          orderId: '9',
          documentNumber: 'F-9',
          acknowledgedAt: START,
        });
        expect(
          (await store.acknowledge('default', [{ orderId: '9', documentNumber: null }]))[0]?.alreadyAcknowledged,
        ).toBe(true);
      });

      it('returns only acknowledged ids, and only those of the shop asked about', async () => {
        const { store } = await setup();
        await store.acknowledge('shop-a', [{ orderId: '1', documentNumber: null }]);
        await store.acknowledge('shop-b', [{ orderId: '2', documentNumber: null }]);
        const acks = await store.getAcknowledgements('shop-a', ['1', '2', '3']);
        expect([...acks.keys()]).toEqual(['1']);
        expect((await store.getAcknowledgements('shop-a', [])).size).toBe(0);
      });

      it('resets by ids: unknown ids are ignored and the answer lists only the ids that were reset', async () => {
        const { store, clock } = await setup();
        await store.acknowledge('default', [
          { orderId: '1', documentNumber: null },
          { orderId: '2', documentNumber: null },
        ]);
        await store.acknowledge('other', [{ orderId: '3', documentNumber: null }]);
        expect(await store.resetAcknowledgements('default', { ids: ['2', 'nope', '3', '2'] })).toEqual(['2']);
        expect([...(await store.getAcknowledgements('default', ['1', '2'])).keys()]).toEqual(['1']);
        expect((await store.getAcknowledgements('other', ['3'])).has('3')).toBe(true);
        clock.advance(MINUTE);
        expect(await store.acknowledge('default', [{ orderId: '2', documentNumber: null }])).toEqual([
          { orderId: '2', alreadyAcknowledged: false },
        ]);
        expect((await store.getAcknowledgements('default', ['2'])).get('2')?.acknowledgedAt).toBe(
          '2025-03-01T10:01:00.000Z',
        );
      });

      it('resets all of one shop, oldest acknowledgement first, leaving other shops alone', async () => {
        const { store, clock } = await setup();
        await store.acknowledge('default', [{ orderId: 'b', documentNumber: null }]);
        clock.advance(MINUTE);
        await store.acknowledge('default', [
          { orderId: 'c', documentNumber: null },
          { orderId: 'a', documentNumber: null },
        ]);
        await store.acknowledge('other', [{ orderId: 'z', documentNumber: null }]);
        expect(await store.resetAcknowledgements('default', { all: true })).toEqual(['b', 'a', 'c']);
        expect((await store.getAcknowledgements('default', ['a', 'b', 'c'])).size).toBe(0);
        expect((await store.getAcknowledgements('other', ['z'])).size).toBe(1);
        expect(await store.resetAcknowledgements('default', { all: true })).toEqual([]);
      });
    });

    describe('idempotency', () => {
      it('saves a record with the clock time and finds it by shop and key', async () => {
        const { store } = await setup();
        expect(await store.getIdempotency('default', 'k1')).toBeNull();
        await store.saveIdempotency({
          shopId: 'default',
          key: 'k1',
          requestHash: 'sha-1',
          status: 200,
          body: '{"results":[]}',
        });
        expect(await store.getIdempotency('default', 'k1')).toEqual({
          shopId: 'default',
          key: 'k1',
          requestHash: 'sha-1',
          status: 200,
          body: '{"results":[]}',
          createdAt: START,
        });
        expect(await store.getIdempotency('other', 'k1')).toBeNull();
      });

      it('keeps the first record when the same key is saved again', async () => {
        const { store, clock } = await setup();
        await store.saveIdempotency({ shopId: 'default', key: 'k1', requestHash: 'first', status: 200, body: '1' });
        clock.advance(MINUTE);
        await store.saveIdempotency({ shopId: 'default', key: 'k1', requestHash: 'second', status: 422, body: '2' });
        const record = await store.getIdempotency('default', 'k1');
        expect(record?.requestHash).toBe('first');
        expect(record?.status).toBe(200);
        expect(record?.createdAt).toBe(START);
      });

      it('purges records created before the horizon, in every shop, and counts them', async () => {
        const { store, clock } = await setup();
        await store.saveIdempotency({ shopId: 'default', key: 'old', requestHash: 'h', status: 200, body: '' });
        await store.saveIdempotency({ shopId: 'other', key: 'old', requestHash: 'h', status: 200, body: '' });
        clock.advance(DAY);
        await store.saveIdempotency({ shopId: 'default', key: 'new', requestHash: 'h', status: 200, body: '' });
        expect(await store.purgeIdempotency(new Date(clock.now().getTime() - MINUTE))).toBe(2);
        expect(await store.getIdempotency('default', 'old')).toBeNull();
        expect(await store.getIdempotency('other', 'old')).toBeNull();
        expect(await store.getIdempotency('default', 'new')).not.toBeNull();
        expect(await store.purgeIdempotency(new Date(clock.now().getTime() - MINUTE))).toBe(0);
      });
    });

    describe('change journal', () => {
      it('gives strictly increasing seqs and reads them back in order', async () => {
        const { store } = await setup();
        const first = await store.appendChanges([change({ id: '1', op: 'created' }), change({ id: '2' })]);
        const second = await store.appendChanges([change({ id: '3', entity: 'stock', reference: 'SKU-3' })]);
        const seqs = [...first, ...second].map((c) => c.seq);
        expect(seqs[0]).toBeGreaterThan(0);
        for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1] ?? Number.POSITIVE_INFINITY);
        expect(second[0]).toEqual({ ...change({ id: '3', entity: 'stock', reference: 'SKU-3' }), seq: seqs[2] });
        expect(await store.readChanges('default', { afterSeq: 0, limit: 10 })).toEqual([...first, ...second]);
        expect(await store.lastChangeSeq('default')).toBe(seqs[2]);
        expect(await store.appendChanges([])).toEqual([]);
      });

      it('normalises `at` to UTC and refuses a batch with a bad date as a whole', async () => {
        const { store } = await setup();
        const [stored] = await store.appendChanges([change({ at: '2025-03-01T12:00:00+02:00' })]);
        expect(stored?.at).toBe(START);
        const attempt = store.appendChanges([change({ id: 'ok' }), change({ id: 'bad', at: '01/03/2025' })]);
        await expect(attempt).rejects.toMatchObject({ code: 'validation' });
        expect((await store.readChanges('default', { afterSeq: 0, limit: 10 })).map((c) => c.id)).toEqual(['1']);
      });

      it('filters by entities (an empty list means every entity)', async () => {
        const { store } = await setup();
        await store.appendChanges([
          change({ entity: 'order', id: 'o1' }),
          change({ entity: 'product', id: 'p1' }),
          change({ entity: 'payment', id: 'pay1' }),
          change({ entity: 'order', id: 'o2' }),
        ]);
        const orders = await store.readChanges('default', { afterSeq: 0, entities: ['order', 'payment'], limit: 10 });
        expect(orders.map((c) => c.id)).toEqual(['o1', 'pay1', 'o2']);
        expect(await store.readChanges('default', { afterSeq: 0, entities: [], limit: 10 })).toHaveLength(4);
        expect(await store.readChanges('default', { afterSeq: 0, entities: ['invoice'], limit: 10 })).toEqual([]);
      });

      it('pages with afterSeq and limit without skipping or repeating', async () => {
        const { store } = await setup();
        await store.appendChanges(Array.from({ length: 7 }, (_, i) => change({ id: String(i) })));
        const seen: string[] = [];
        let afterSeq = 0;
        for (let guard = 0; guard < 10; guard++) {
          const page = await store.readChanges('default', { afterSeq, limit: 3 });
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(3);
          seen.push(...page.map((c) => c.id));
          afterSeq = page.at(-1)?.seq ?? afterSeq;
        }
        expect(seen).toEqual(['0', '1', '2', '3', '4', '5', '6']);
        expect(await store.readChanges('default', { afterSeq: 0, limit: 0 })).toEqual([]);
      });

      it('keeps shops apart while sharing one sequence', async () => {
        const { store } = await setup();
        const [a] = await store.appendChanges([change({ shopId: 'shop-a', id: 'a' })]);
        const [b] = await store.appendChanges([change({ shopId: 'shop-b', id: 'b' })]);
        expect((await store.readChanges('shop-a', { afterSeq: 0, limit: 10 })).map((c) => c.id)).toEqual(['a']);
        expect((await store.readChanges('shop-b', { afterSeq: 0, limit: 10 })).map((c) => c.id)).toEqual(['b']);
        expect(b?.seq).toBeGreaterThan(a?.seq ?? Number.POSITIVE_INFINITY);
        expect(await store.lastChangeSeq('shop-a')).toBe(a?.seq);
        expect(await store.lastChangeSeq('shop-b')).toBe(b?.seq);
        expect(await store.lastChangeSeq('nobody')).toBe(0);
      });

      it('never reuses a seq after a purge, and still knows the last seq of a purged shop', async () => {
        const { store, clock } = await setup();
        const old = await store.appendChanges([change({ id: '1' }), change({ id: '2' })]);
        const lastOld = old.at(-1)?.seq ?? 0;
        clock.advance(DAY);
        expect(await store.purgeChanges(clock.now())).toBe(2);
        expect(await store.readChanges('default', { afterSeq: 0, limit: 10 })).toEqual([]);
        expect(await store.lastChangeSeq('default')).toBe(lastOld);
        const [next] = await store.appendChanges([change({ id: '3', at: clock.now().toISOString() })]);
        expect(next?.seq).toBeGreaterThan(lastOld);
      });

      it('purges only changes older than the horizon', async () => {
        const { store } = await setup();
        await store.appendChanges([
          change({ id: 'old', at: '2025-01-01T00:00:00.000Z' }),
          change({ id: 'edge', at: '2025-02-01T00:00:00.000Z' }),
          change({ id: 'new', at: '2025-03-01T00:00:00.000Z' }),
        ]);
        expect(await store.purgeChanges(new Date('2025-02-01T00:00:00.000Z'))).toBe(1);
        expect((await store.readChanges('default', { afterSeq: 0, limit: 10 })).map((c) => c.id)).toEqual([
          'edge',
          'new',
        ]);
      });

      it(`keeps the journal position${persistent ? ' across close and reopen' : ''}`, async () => {
        const setupResult = await setup();
        const [first] = await setupResult.store.appendChanges([change()]);
        const store = await setupResult.reopen(setupResult.store);
        expect(await store.lastChangeSeq('default')).toBe(first?.seq);
        const [second] = await store.appendChanges([change({ id: '2' })]);
        expect(second?.seq).toBeGreaterThan(first?.seq ?? Number.POSITIVE_INFINITY);
      });
    });

    describe('activity log', () => {
      async function seeded(): Promise<{ store: Store; ids: number[] }> {
        const { store } = await setup();
        await store.appendActivity([
          activity({ message: 'm0', level: 'info', kind: 'read', entity: 'order', outcome: 'ok' }),
          activity({ message: 'm1', level: 'warn', kind: 'write', entity: 'product', outcome: 'skipped' }),
          activity({ message: 'm2', level: 'error', kind: 'write', entity: 'product', outcome: 'failed' }),
          activity({ message: 'm3', level: 'info', kind: 'auth', entity: null, outcome: 'rejected' }),
          activity({ message: 'm4', level: 'info', kind: 'write', entity: 'customer', outcome: 'updated' }),
          activity({ shopId: 'other', message: 'x' }),
        ]);
        const all = await store.readActivity('default', { afterId: 0, limit: 100 });
        return { store, ids: all.map((entry) => entry.id) };
      }

      it('gives increasing ids and reads newest first by default', async () => {
        const { store, ids } = await seeded();
        expect(ids).toHaveLength(5);
        for (let i = 1; i < ids.length; i++) expect(ids[i]).toBeGreaterThan(ids[i - 1] ?? Number.POSITIVE_INFINITY);
        const newest = await store.readActivity('default', { limit: 2 });
        expect(newest.map((e) => e.message)).toEqual(['m4', 'm3']);
      });

      it('pages forward with afterId, oldest first', async () => {
        const { store, ids } = await seeded();
        const page1 = await store.readActivity('default', { afterId: 0, limit: 2 });
        expect(page1.map((e) => e.message)).toEqual(['m0', 'm1']);
        const page2 = await store.readActivity('default', { afterId: page1.at(-1)?.id ?? 0, limit: 2 });
        expect(page2.map((e) => e.message)).toEqual(['m2', 'm3']);
        expect(await store.readActivity('default', { afterId: ids.at(-1) ?? 0, limit: 2 })).toEqual([]);
      });

      it('pages backward with beforeId, newest first', async () => {
        const { store, ids } = await seeded();
        const page = await store.readActivity('default', { beforeId: ids[3] ?? 0, limit: 2 });
        expect(page.map((e) => e.message)).toEqual(['m2', 'm1']);
        const rest = await store.readActivity('default', { beforeId: page.at(-1)?.id ?? 0, limit: 2 });
        expect(rest.map((e) => e.message)).toEqual(['m0']);
      });

      it('filters by level, kind, entity and outcome, alone or together', async () => {
        const { store } = await seeded();
        const messages = async (filter: Partial<Parameters<Store['readActivity']>[1]>) =>
          (await store.readActivity('default', { limit: 100, ...filter })).map((e) => e.message);
        expect(await messages({ level: 'info' })).toEqual(['m4', 'm3', 'm0']);
        expect(await messages({ kind: 'write' })).toEqual(['m4', 'm2', 'm1']);
        expect(await messages({ entity: 'product' })).toEqual(['m2', 'm1']);
        expect(await messages({ outcome: 'rejected' })).toEqual(['m3']);
        expect(await messages({ kind: 'write', level: 'error', entity: 'product', outcome: 'failed' })).toEqual(['m2']);
        expect(await messages({ kind: 'write', afterId: 0, limit: 2 })).toEqual(['m1', 'm2']);
      });

      it('round-trips every field, details included, and keeps shops apart', async () => {
        const { store } = await setup();
        const entry = activity({
          at: '2025-03-01T11:00:00+01:00',
          reference: 'SKU-1',
          details: { withheld: ['price'], count: 2, nested: { ok: true } },
        });
        await store.appendActivity([entry]);
        const [read] = await store.readActivity('default', { limit: 1 });
        expect(read).toEqual({ ...entry, at: START, id: read?.id });
        expect(await store.readActivity('other', { limit: 10 })).toEqual([]);
        await expect(store.appendActivity([activity({ at: 'yesterday' })])).rejects.toMatchObject({
          code: 'validation',
        });
      });

      it('purges entries older than the horizon without reusing their ids', async () => {
        const { store, clock } = await setup();
        await store.appendActivity([activity({ message: 'old' }), activity({ message: 'old2' })]);
        const last = (await store.readActivity('default', { limit: 1 }))[0]?.id ?? 0;
        clock.advance(DAY);
        expect(await store.purgeActivity(clock.now())).toBe(2);
        expect(await store.readActivity('default', { limit: 10 })).toEqual([]);
        await store.appendActivity([activity({ message: 'new', at: clock.now().toISOString() })]);
        const [fresh] = await store.readActivity('default', { limit: 1 });
        expect(fresh?.message).toBe('new');
        expect(fresh?.id).toBeGreaterThan(last);
      });
    });

    describe('cursors', () => {
      it('sets, overwrites and reads a cursor per shop and name', async () => {
        const { store } = await setup();
        expect(await store.getCursor('default', 'sweep:orders')).toBeNull();
        await store.setCursor('default', 'sweep:orders', '2025-03-01T00:00:00Z|42');
        await store.setCursor('default', 'sweep:orders', '2025-03-02T00:00:00Z|7');
        await store.setCursor('default', 'sweep:products', 'p');
        await store.setCursor('other', 'sweep:orders', 'o');
        expect(await store.getCursor('default', 'sweep:orders')).toBe('2025-03-02T00:00:00Z|7');
        expect(await store.getCursor('default', 'sweep:products')).toBe('p');
        expect(await store.getCursor('other', 'sweep:orders')).toBe('o');
      });

      it('sets and reads many cursors at once, in order: a name given twice keeps the last value', async () => {
        const { store } = await setup();
        await store.setCursor('default', 'applied:product:A', 'old');
        await store.setCursors('default', [
          { name: 'applied:product:A', value: '2025-03-01T00:00:00Z' },
          { name: 'applied:product:B', value: 'b1' },
          { name: 'applied:product:B', value: 'b2' },
          { name: 'applied:product:C', value: '' },
        ]);
        await store.setCursors('other', [{ name: 'applied:product:A', value: 'other' }]);
        await store.setCursors('default', []);
        const found = await store.getCursors('default', [
          'applied:product:B',
          'applied:product:A',
          'applied:product:C',
          'applied:product:D',
        ]);
        expect(Object.fromEntries([...found].sort(([a], [b]) => (a < b ? -1 : 1)))).toEqual({
          'applied:product:A': '2025-03-01T00:00:00Z',
          'applied:product:B': 'b2',
          'applied:product:C': '',
        });
        expect(await store.getCursor('default', 'applied:product:B')).toBe('b2');
        expect(await store.getCursor('other', 'applied:product:A')).toBe('other');
        expect((await store.getCursors('default', [])).size).toBe(0);
      });
    });

    describe('auth throttle', () => {
      it('counts failures inside the window, forgetting those the clock has left behind', async () => {
        const { store, clock } = await setup();
        expect(await store.recordAuthFailure('203.0.113.7', 600)).toBe(1);
        clock.advance(4 * MINUTE);
        expect(await store.recordAuthFailure('203.0.113.7', 600)).toBe(2);
        clock.advance(4 * MINUTE);
        expect(await store.recordAuthFailure('203.0.113.7', 600)).toBe(3);
        clock.advance(3 * MINUTE); // the first failure is now 11 minutes old
        expect(await store.recordAuthFailure('203.0.113.7', 600)).toBe(3);
        clock.advance(20 * MINUTE);
        expect(await store.recordAuthFailure('203.0.113.7', 600)).toBe(1);
      });

      it('counts each address alone and clears one without touching the others', async () => {
        const { store } = await setup();
        await store.recordAuthFailure('203.0.113.7', 600);
        await store.recordAuthFailure('203.0.113.7', 600);
        expect(await store.recordAuthFailure('2001:db8::1', 600)).toBe(1);
        await store.clearAuthFailures('203.0.113.7');
        expect(await store.recordAuthFailure('203.0.113.7', 600)).toBe(1);
        expect(await store.recordAuthFailure('2001:db8::1', 600)).toBe(2);
        await expect(store.recordAuthFailure('203.0.113.7', 0)).rejects.toMatchObject({ code: 'validation' });
      });

      it('blocks an address until the given time, then lets it go', async () => {
        const { store, clock } = await setup();
        expect(await store.getBlock('203.0.113.7')).toBeNull();
        const until = new Date(clock.now().getTime() + 15 * MINUTE);
        await store.setBlock('203.0.113.7', until);
        expect(await store.getBlock('203.0.113.7')).toEqual(until);
        expect(await store.getBlock('203.0.113.8')).toBeNull();
        clock.advance(15 * MINUTE);
        expect(await store.getBlock('203.0.113.7')).toBeNull();
      });

      it('replaces a block with the latest one set', async () => {
        const { store, clock } = await setup();
        await store.setBlock('203.0.113.7', new Date(clock.now().getTime() + MINUTE));
        const longer = new Date(clock.now().getTime() + 60 * MINUTE);
        await store.setBlock('203.0.113.7', longer);
        clock.advance(2 * MINUTE);
        expect(await store.getBlock('203.0.113.7')).toEqual(longer);
      });
    });

    describe('webhook inbox', () => {
      it('stores a delivery once: a redelivery answers inserted false with the first id', async () => {
        const { store } = await setup();
        const first = await store.inboxPut(inboxItem('evt-1'));
        expect(first.inserted).toBe(true);
        expect(await store.inboxPut(inboxItem('evt-1'))).toEqual({ inserted: false, id: first.id });
        const otherSource = await store.inboxPut(inboxItem('evt-1', { source: 'woocommerce' }));
        const otherShop = await store.inboxPut(inboxItem('evt-1', { shopId: 'other' }));
        expect(otherSource.inserted && otherShop.inserted).toBe(true);
        expect(new Set([first.id, otherSource.id, otherShop.id]).size).toBe(3);
        expect(await store.inboxBacklog()).toBe(3);
      });

      it('claims oldest first, up to the limit, counting the attempt', async () => {
        const { store, clock } = await setup();
        for (const id of ['a', 'b', 'c']) {
          await store.inboxPut(inboxItem(id, { topic: `t-${id}` }));
          clock.advance(1000);
        }
        const claimed = await store.inboxClaim(2);
        expect(claimed.map((item) => item.deliveryId)).toEqual(['a', 'b']);
        expect(claimed[0]).toEqual({
          id: claimed[0]?.id,
          shopId: 'default',
          source: 'shopify',
          deliveryId: 'a',
          topic: 't-a',
          payload: '{"id":"a"}',
          receivedAt: START,
          attempts: 1,
          processedAt: null,
          lastError: null,
        });
        expect((await store.inboxClaim(10)).map((item) => item.deliveryId)).toEqual(['c']);
        expect(await store.inboxClaim(0)).toEqual([]);
      });

      it('hides a claimed item until its lease ends, then hands it out again', async () => {
        const { store, clock } = await setup();
        await store.inboxPut(inboxItem('a'));
        expect(await store.inboxClaim(10)).toHaveLength(1);
        expect(await store.inboxClaim(10)).toEqual([]);
        clock.advance(INBOX_LEASE_SECONDS * 1000);
        const again = await store.inboxClaim(10);
        expect(again.map((item) => [item.deliveryId, item.attempts])).toEqual([['a', 2]]);
      });

      it('completes an item: it leaves the backlog and is never claimed again', async () => {
        const { store, clock } = await setup();
        const { id } = await store.inboxPut(inboxItem('a'));
        await store.inboxPut(inboxItem('b'));
        await store.inboxClaim(1);
        await store.inboxComplete(id);
        await store.inboxComplete(id);
        expect(await store.inboxBacklog()).toBe(1);
        clock.advance(INBOX_LEASE_SECONDS * 1000);
        expect((await store.inboxClaim(10)).map((item) => item.deliveryId)).toEqual(['b']);
        await expect(store.inboxComplete(id + 1000)).rejects.toBeInstanceOf(NotFoundError);
      });

      it(`records a failure, retries at once, and gives up after ${INBOX_MAX_ATTEMPTS} attempts`, async () => {
        const { store } = await setup();
        const { id } = await store.inboxPut(inboxItem('poison'));
        for (let attempt = 1; attempt <= INBOX_MAX_ATTEMPTS; attempt++) {
          const [item] = await store.inboxClaim(10);
          expect(item?.attempts).toBe(attempt);
          expect(item?.lastError).toBe(attempt === 1 ? null : `boom ${attempt - 1}`);
          await store.inboxFail(id, `boom ${attempt}`);
        }
        expect(await store.inboxClaim(10)).toEqual([]);
        expect(await store.inboxBacklog()).toBe(1);
        await expect(store.inboxFail(id + 1000, 'x')).rejects.toBeInstanceOf(NotFoundError);
      });

      it('claims only the given shop when asked, leaving other shops untouched', async () => {
        const { store } = await setup();
        await store.inboxPut(inboxItem('a', { shopId: 'shop-a' }));
        await store.inboxPut(inboxItem('b', { shopId: 'shop-b' }));
        await store.inboxPut(inboxItem('a2', { shopId: 'shop-a' }));
        const claimed = await store.inboxClaim(10, 'shop-a');
        expect(claimed.map((item) => item.deliveryId)).toEqual(['a', 'a2']);
        const [other] = await store.inboxClaim(10);
        expect(other?.deliveryId).toBe('b');
        expect(other?.attempts).toBe(1);
        expect(await store.inboxClaim(10, 'shop-c')).toEqual([]);
      });

      it('counts the backlog per shop and in total', async () => {
        const { store } = await setup();
        const { id } = await store.inboxPut(inboxItem('a'));
        await store.inboxPut(inboxItem('b'));
        await store.inboxPut(inboxItem('c', { shopId: 'other' }));
        expect(await store.inboxBacklog('default')).toBe(2);
        expect(await store.inboxBacklog('other')).toBe(1);
        expect(await store.inboxBacklog('nobody')).toBe(0);
        await store.inboxComplete(id);
        expect(await store.inboxBacklog()).toBe(2);
      });

      it('purges processed items older than the horizon and keeps unprocessed ones', async () => {
        const { store, clock } = await setup();
        const done = await store.inboxPut(inboxItem('done'));
        await store.inboxPut(inboxItem('pending'));
        await store.inboxComplete(done.id);
        clock.advance(DAY);
        expect(await store.inboxPurge(clock.now())).toBe(1);
        expect(await store.inboxBacklog()).toBe(1);
        expect((await store.inboxPut(inboxItem('pending'))).inserted).toBe(false);
      });
    });

    describe('clock and lifecycle', () => {
      it('takes time from the injected clock', async () => {
        const { store, clock } = await setup();
        clock.set('2030-06-15T08:30:00.000Z');
        expect((await store.saveSettings('default', 1, {}, null)).updatedAt).toBe('2030-06-15T08:30:00.000Z');
        await store.inboxPut(inboxItem('a'));
        expect((await store.inboxClaim(1))[0]?.receivedAt).toBe('2030-06-15T08:30:00.000Z');
      });

      it('refuses a limit that is not a non-negative integer', async () => {
        const { store } = await setup();
        await expect(store.readChanges('default', { afterSeq: 0, limit: -1 })).rejects.toMatchObject({
          code: 'validation',
        });
        await expect(store.listBindings('default', 'product', { limit: 1.5 })).rejects.toMatchObject({
          code: 'validation',
        });
      });

      it('rejects every call after close with StoreUnavailableError, and closes twice quietly', async () => {
        const { store } = await setup();
        await store.close();
        await store.close();
        const outcomes = await Promise.allSettled([
          store.loadSettings('default'),
          store.saveSettings('default', 1, {}, null),
          store.acknowledge('default', [{ orderId: '1', documentNumber: null }]),
          store.appendChanges([change()]),
          store.readActivity('default', { limit: 1 }),
          store.inboxPut(inboxItem('a')),
          store.getBlock('203.0.113.7'),
          store.getBindings('default', 'product', ['SKU-1']),
          store.upsertBindings([binding()]),
          store.getCursors('default', ['c']),
          store.setCursors('default', [{ name: 'c', value: 'v' }]),
        ]);
        for (const outcome of outcomes) {
          expect(outcome.status).toBe('rejected');
          if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(StoreUnavailableError);
        }
      });
    });
  });
}
