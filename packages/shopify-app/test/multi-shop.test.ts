import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '@passerelle/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from './app-support.js';
import { useFakeShopify } from './support.js';

const { fake } = useFakeShopify();
const directory = mkdtempSync(join(tmpdir(), 'passerelle-shopify-multi-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('two shops served by one process share one SQLite store and never see each other', () => {
  it('data, passwords, settings, queues, bindings and webhooks stay per shop', async () => {
    const a = fake.addShop();
    const b = fake.addShop({ currency: 'EUR' });
    // Shop B's catalogue differs: the same SKUs, other titles.
    for (const product of b.products.values()) product.title = `B ${product.title}`;
    const store = createSqliteStore({ path: join(directory, 'passerelle-shopify.db') });
    const passwords: Record<string, string> = {
      [a.domain]: 'password-of-shop-a-0001',
      [b.domain]: 'password-of-shop-b-0002',
    };
    const { app, call, credentials } = await createTestApp(fake, {
      store,
      shops: [
        { shop: a.domain, accessToken: a.token },
        { shop: b.domain, accessToken: b.token },
      ],
      password: (shop) => passwords[shop],
      settings: (shop: string) =>
        shop === a.domain
          ? { orders: { read: { syncStatuses: ['paid'] } } }
          : { platform: { shopify: { orderCurrency: 'presentment' } } },
    });
    const get = async (shop: string, path: string, password = passwords[shop]) => {
      const response = await call(`/passerelle/v1/shops/${shop}${path}`, { password: password ?? null });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };

    // Passwords: each shop's endpoint opens with its own only.
    expect((await get(a.domain, '/info')).status).toBe(200);
    expect((await get(a.domain, '/info', passwords[b.domain])).status).toBe(401);
    expect((await get(b.domain, '/info', passwords[a.domain])).status).toBe(401);

    // Data: each endpoint reads its own shop only.
    const productsOf = async (shop: string) =>
      (await get(shop, '/products?limit=50')).body.items as { id: string; name: Record<string, string> }[];
    const productsA = await productsOf(a.domain);
    const productsB = await productsOf(b.domain);
    expect(productsA.map((product) => product.id).sort()).toEqual([...a.products.keys()].sort());
    expect(productsB.map((product) => product.id).sort()).toEqual([...b.products.keys()].sort());
    expect(productsB.every((product) => product.name.en?.startsWith('B '))).toBe(true);
    expect(productsA.some((product) => product.name.en?.startsWith('B '))).toBe(false);

    // Settings: each shop has its own.
    const moduleA = await app.module(a.domain);
    const moduleB = await app.module(b.domain);
    if (!moduleA || !moduleB) throw new Error('both shops are installed');
    const settingsA = (await moduleA.settings.current()).settings as unknown as {
      orders: { read: { syncStatuses: string[] } };
      platform: { shopify: { orderCurrency: string } };
    };
    const settingsB = (await moduleB.settings.current()).settings as unknown as typeof settingsA;
    expect(settingsA.orders.read.syncStatuses).toEqual(['paid']);
    expect(settingsB.orders.read.syncStatuses).not.toEqual(['paid']);
    expect(settingsA.platform.shopify.orderCurrency).toBe('shop');
    expect(settingsB.platform.shopify.orderCurrency).toBe('presentment');
    await moduleA.settings.update({ products: { update: { price: false } } }, 'test');
    expect(
      ((await moduleB.settings.current()).settings as unknown as { products: { update: { price: boolean } } }).products
        .update.price,
    ).toBe(true);

    // Queues and acknowledgements: acknowledging on A leaves B's queue whole.
    const queueOf = async (shop: string) =>
      ((await get(shop, '/orders?limit=50')).body.items as { id: string }[]).map((order) => order.id);
    const queueB = await queueOf(b.domain);
    const [first] = await queueOf(a.domain);
    const ack = await call(`/passerelle/v1/shops/${a.domain}/orders/acknowledge`, {
      method: 'POST',
      password: passwords[a.domain] ?? null,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ items: [{ id: first, documentNumber: 'CMD-1' }] }),
    });
    expect(ack.status).toBe(200);
    expect(await queueOf(a.domain)).not.toContain(first);
    expect(await queueOf(b.domain)).toEqual(queueB);
    expect(queueB.every((id) => b.orders.has(id))).toBe(true);

    // Bindings and the change journal: a sweep of A binds and journals A only.
    await moduleA.detector.sweep();
    expect((await store.listBindings(a.domain, 'product', { limit: 50 })).length).toBe(a.products.size);
    expect(await store.listBindings(b.domain, 'product', { limit: 50 })).toEqual([]);
    expect(await store.lastChangeSeq(b.domain)).toBe(0);
    const changesB = (await get(b.domain, '/changes')).body.items as unknown[];
    expect(changesB).toEqual([]);

    // Webhooks: a delivery for B lands in B's inbox and is journaled for B.
    await moduleB.detector.sweep();
    const product = [...b.products.values()][0];
    if (!product) throw new Error('no product');
    product.title = 'B renamed';
    product.updatedAt = fake.stamp();
    const seqA = await store.lastChangeSeq(a.domain);
    const seqB = await store.lastChangeSeq(b.domain);
    await app.fetch(
      fake.webhook({
        url: 'https://passerelle-app.example.com/shopify/webhooks',
        shop: b.domain,
        topic: 'products/update',
        payload: { id: 1, admin_graphql_api_id: product.id },
        secret: credentials.clientSecret,
      }),
    );
    expect(await store.inboxBacklog(a.domain)).toBe(0);
    expect(await store.inboxBacklog(b.domain)).toBe(1);
    await app.processWebhooks();
    expect(await store.lastChangeSeq(a.domain)).toBe(seqA);
    expect((await store.readChanges(b.domain, { afterSeq: seqB, limit: 10 })).map((change) => change.id)).toEqual([
      product.id,
    ]);

    // Each module talks to its own shop only.
    expect(fake.calls.filter((entry) => entry.shop === a.domain).length).toBeGreaterThan(0);
    expect(moduleA.client.shop).toBe(a.domain);
    expect(moduleB.client.shop).toBe(b.domain);
    await app.close();
    await store.close();
  });
});
