import { afterEach, describe, expect, it } from 'vitest';
import type { PlatformAdapter } from '../../adapter.js';
import type { Order } from '../../contracts/index.js';
import { createMemoryAdapter, createMemoryStore, createModule, demoSeed, type Store } from '../../index.js';

// What a batch write remembers once the platform has it: the binding of every created or updated item (one
// store write per batch) and the write's own date for the stale guard. Through the module's fetch, as the cloud
// sees it, and the store, as the sweep and the admin page see it.

const PASSWORD = 'writes-remember-password-0123';
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close();
});

async function boot(adapter: PlatformAdapter, store: Store = createMemoryStore()) {
  const module = await createModule({ adapter, store });
  await module.settings.setPassword(PASSWORD, 'test');
  cleanup.push(
    () => module.close(),
    () => store.close(),
  );
  const send = async (method: string, path: string, items: unknown[]) => {
    const response = await module.fetch(
      new Request(`http://module.test/passerelle/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${PASSWORD}`, 'content-type': 'application/json' },
        body: JSON.stringify({ items }),
      }),
    );
    expect(response.status, await response.clone().text()).toBe(200);
    return ((await response.json()) as { results: { key: string; outcome: string; id?: string }[] }).results;
  };
  const warnings = async () =>
    (await store.readActivity('default', { afterId: 0, level: 'warn', limit: 100 })).map((entry) => ({
      reference: entry.reference,
      message: entry.message,
      details: entry.details,
    }));
  return { store, send, warnings };
}

const emptyShop = () => createMemoryAdapter({ products: [], orders: [], customers: [], categories: [] });

function binding(reference: string, platformId: string, entity = 'product') {
  return {
    shopId: 'default',
    entity,
    reference,
    platformId,
    contentHash: null,
    sourceUpdatedAt: null,
    syncedAt: '2025-01-01T00:00:00.000Z',
  };
}

describe('PUT /products remembers what it wrote', () => {
  it('binds every created item, and warns for exactly the one whose platform id another reference holds', async () => {
    const { store, send, warnings } = await boot(emptyShop());
    // The empty shop hands out ids 1, 2, 3: id 2 is already bound to a reference the cloud does not send.
    await store.upsertBinding(binding('GHOST', '2'));
    const items = ['P-1', 'P-2', 'P-3'].map((reference) => ({ reference, name: { en: reference }, price: '1.00' }));
    const results = await send('PUT', '/products', items);
    expect(results.map((result) => [result.key, result.outcome, result.id])).toEqual([
      ['P-1', 'created', '1'],
      ['P-2', 'created', '2'],
      ['P-3', 'created', '3'],
    ]);

    const bound = await store.getBindings('default', 'product', ['P-1', 'P-2', 'P-3']);
    expect([...bound].map(([reference, found]) => [reference, found.platformId]).sort()).toEqual([
      ['P-1', '1'],
      ['P-3', '3'],
    ]);
    expect((await store.getBindingByPlatformId('default', 'product', '2'))?.reference).toBe('GHOST');
    expect(await warnings()).toEqual([
      {
        reference: 'P-2',
        message: 'binding not recorded: the platform id is bound to another reference',
        details: {
          id: '2',
          error: 'product 2 is already bound to reference "GHOST"; it cannot also be bound to "P-2".',
        },
      },
    ]);
  });

  it('keeps the content hash and source date the sweep recorded, and stamps writes for the stale guard', async () => {
    const { store, send } = await boot(emptyShop());
    const created = await send('PUT', '/products', [
      { reference: 'P-1', name: { en: 'One' }, price: '1.00', sourceUpdatedAt: '2025-03-01T10:00:00Z' },
      { reference: 'P-2', name: { en: 'Two' }, price: '2.00' },
    ]);
    expect(created.map((result) => result.outcome)).toEqual(['created', 'created']);
    // The sweep hashes what the platform shows; a later write must not forget it.
    const swept = { ...binding('P-1', '1'), contentHash: 'sweep-hash', sourceUpdatedAt: '2025-03-01T10:00:05.000Z' };
    await store.upsertBinding(swept);

    const again = await send('PUT', '/products', [
      // Not newer than the write already applied: stale.
      { reference: 'P-1', name: { en: 'One' }, price: '9.00', sourceUpdatedAt: '2025-03-01T10:00:00Z' },
      { reference: 'P-2', name: { en: 'Two' }, price: '3.00', sourceUpdatedAt: '2025-03-01T11:00:00Z' },
    ]);
    expect(again.map((result) => [result.key, result.outcome])).toEqual([
      ['P-1', 'skipped'],
      ['P-2', 'updated'],
    ]);
    const newer = await send('PUT', '/products', [
      { reference: 'P-1', name: { en: 'One' }, price: '9.00', sourceUpdatedAt: '2025-03-01T12:00:00Z' },
      { reference: 'P-2', name: { en: 'Two' }, price: '4.00', sourceUpdatedAt: '2025-03-01T11:00:00Z' },
    ]);
    expect(newer.map((result) => [result.key, result.outcome])).toEqual([
      ['P-1', 'updated'],
      ['P-2', 'skipped'],
    ]);

    const bound = await store.getBindings('default', 'product', ['P-1', 'P-2']);
    expect(bound.get('P-1')).toMatchObject({
      platformId: '1',
      contentHash: 'sweep-hash',
      sourceUpdatedAt: '2025-03-01T10:00:05.000Z',
    });
    expect(bound.get('P-1')?.syncedAt).not.toBe(swept.syncedAt);
    expect(bound.get('P-2')).toMatchObject({ platformId: '2', contentHash: null, sourceUpdatedAt: null });
  });
});

describe('POST /orders/status stamps what it applied', () => {
  it('skips a status no newer than the last one applied for that order, order by order', async () => {
    const { send } = await boot(createMemoryAdapter());
    const [first, second] = (demoSeed().orders ?? []).map((order) => order.id);
    if (first === undefined || second === undefined) throw new Error('the demo seed has two orders');
    const applied = await send('POST', '/orders/status', [
      { id: first, status: 'shipped', at: '2025-03-01T10:00:00Z' },
      { id: second, status: 'shipped' },
    ]);
    expect(applied.map((result) => result.outcome)).toEqual(['updated', 'updated']);
    const replay = await send('POST', '/orders/status', [
      { id: first, status: 'delivered', at: '2025-03-01T10:00:00Z' },
      { id: second, status: 'delivered', at: '2025-03-01T10:00:00Z' },
    ]);
    expect(replay.map((result) => result.outcome)).toEqual(['skipped', 'updated']);
    const later = await send('POST', '/orders/status', [
      { id: first, status: 'delivered', at: '2025-03-01T11:00:00Z' },
    ]);
    expect(later.map((result) => result.outcome)).toEqual(['updated']);
  });
});

describe('PUT /orders (ERP side) binds the received documents', () => {
  it('binds each document once, warns for one whose ERP id is taken, and updates the bound ones', async () => {
    // The ERP answers the same id for O-1 and O-2: the second cannot be bound.
    const erpIds: Record<string, string> = { 'O-1': 'ERP-1', 'O-2': 'ERP-1', 'O-3': 'ERP-3', 'O-4': 'ERP-4' };
    const adapter: PlatformAdapter = {
      describe: async () => ({ platform: 'erp', platformVersion: '1', apiVersion: 'erp/1' }),
      configuration: async () => ({}),
      erp: {
        upsertOrders: async (orders) =>
          orders.map((order) => ({ key: order.id, ok: true as const, id: erpIds[order.id] ?? 'ERP-?' })),
      },
    };
    const { store, send, warnings } = await boot(adapter);
    const template = (demoSeed().orders ?? [])[0] as Order;
    const order = (id: string): Order => ({ ...structuredClone(template), id, reference: `REF-${id}` });

    const received = await send('PUT', '/orders', [order('O-1'), order('O-2'), order('O-3')]);
    expect(received.map((result) => result.outcome)).toEqual(['created', 'created', 'created']);
    const bound = await store.getBindings('default', 'erp-order', ['O-1', 'O-2', 'O-3']);
    expect([...bound].map(([reference, found]) => [reference, found.platformId]).sort()).toEqual([
      ['O-1', 'ERP-1'],
      ['O-3', 'ERP-3'],
    ]);
    expect(await warnings()).toEqual([
      { reference: 'O-2', message: 'binding not recorded for a received document', details: { id: 'ERP-1' } },
    ]);

    const again = await send('PUT', '/orders', [order('O-3'), order('O-4'), order('O-1')]);
    expect(again.map((result) => [result.key, result.outcome])).toEqual([
      ['O-3', 'updated'],
      ['O-4', 'created'],
      ['O-1', 'updated'],
    ]);
  });
});
