import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyWebhookHmac, webhookHmac } from '../src/auth/hmac.js';
import type { DataRequestReport } from '../src/webhooks/compliance.js';
import { APP_URL, createTestApp } from './app-support.js';
import { useFakeShopify } from './support.js';

const { fake } = useFakeShopify();
const WEBHOOKS = `${APP_URL}/shopify/webhooks`;
const fixture = (name: string, shop: string): unknown =>
  JSON.parse(
    readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8').replaceAll('{shop}.myshopify.com', shop),
  );
const legacy = (gid: string) => Number(gid.split('/').pop()?.split('?')[0]);

async function installed(reports: DataRequestReport[] = []) {
  const shop = fake.addShop();
  const app = await createTestApp(fake, {
    shops: [{ shop: shop.domain, accessToken: shop.token }],
    onDataRequest: async (report) => void reports.push(report),
  });
  const module = await app.app.module(shop.domain);
  if (!module) throw new Error('not installed');
  await module.detector.sweep();
  const send = (topic: string, payload: unknown, extra: { eventId?: string; secret?: string; rawBody?: string } = {}) =>
    app.app.fetch(
      fake.webhook({
        url: WEBHOOKS,
        shop: shop.domain,
        topic,
        payload,
        secret: extra.secret ?? app.credentials.clientSecret,
        ...extra,
      }),
    );
  const changesAfter = async (seq: number) => app.store.readChanges(shop.domain, { afterSeq: seq, limit: 100 });
  return { shop, app, module, send, changesAfter, lastSeq: () => app.store.lastChangeSeq(shop.domain) };
}

describe('webhook signature: base64 HMAC-SHA256 of the raw body, constant-time', () => {
  it("matches Shopify's own example (shopify-api webhooks validate test: secret test_secret_key)", () => {
    expect(webhookHmac('{"foo": "bar"}', 'test_secret_key')).toBe('B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=');
    expect(
      verifyWebhookHmac('{"foo": "bar"}', 'B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=', ['test_secret_key']),
    ).toBe(true);
    // The raw bytes are signed: the same JSON re-serialised without the space fails.
    expect(
      verifyWebhookHmac('{"foo":"bar"}', 'B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=', ['test_secret_key']),
    ).toBe(false);
    expect(
      verifyWebhookHmac('{"foo": "bar"}', 'B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=', [
        'rotated',
        'test_secret_key',
      ]),
    ).toBe(true);
    expect(verifyWebhookHmac('{"foo": "bar"}', null, ['test_secret_key'])).toBe(false);
  });

  it('a delivery with a wrong signature is refused and nothing is stored', async () => {
    const { send, app, shop } = await installed();
    const refused = await send('products/update', { id: 1 }, { secret: 'not-the-app-secret' });
    expect(refused.status).toBe(401);
    expect(await app.store.inboxBacklog(shop.domain)).toBe(0);
    await app.app.close();
  });
});

describe('webhooks are stored first, deduplicated on X-Shopify-Event-Id, then journaled through the detector', () => {
  it('a product update is journaled once; the same event id delivered again is a duplicate processed once', async () => {
    const { shop, app, send, changesAfter, lastSeq } = await installed();
    const product = [...shop.products.values()].find((entry) => entry.handle === 'mug-blue');
    if (!product) throw new Error('no product');
    product.title = 'Blue mug XL';
    product.updatedAt = fake.stamp();
    const before = await lastSeq();
    const payload = {
      ...(fixture('webhook-products-update.json', shop.domain) as object),
      id: legacy(product.id),
      admin_graphql_api_id: product.id,
    };

    const first = await send('products/update', payload, { eventId: 'event-1' });
    expect(await first.json()).toEqual({ received: true, duplicate: false });
    const again = await send('products/update', payload, { eventId: 'event-1' });
    expect(await again.json()).toEqual({ received: true, duplicate: true });

    expect(await app.app.processWebhooks()).toMatchObject({ claimed: 1, processed: 1, failed: 0 });
    expect(await app.app.processWebhooks()).toMatchObject({ claimed: 0 });
    const changes = await changesAfter(before);
    expect(changes.map(({ entity, id, op }) => ({ entity, id, op }))).toEqual([
      { entity: 'product', id: product.id, op: 'updated' },
    ]);
    await app.app.close();
  });

  it('another topic of the same event is its own delivery; a stock level update journals the level', async () => {
    const { shop, app, send, changesAfter, lastSeq } = await installed();
    const variant = [...shop.variants.values()].find((entry) => entry.sku === 'MUG-BLUE');
    const location = shop.locations[0]?.id as string;
    const level = shop.levels.get(`${variant?.inventoryItemId}@${location}`);
    if (!variant || !level) throw new Error('no level');
    level.quantities.available = 2;
    level.updatedAt = fake.stamp();
    const before = await lastSeq();
    const payload = {
      inventory_item_id: legacy(variant.inventoryItemId),
      location_id: legacy(location),
      available: 2,
      updated_at: level.updatedAt,
      admin_graphql_api_id: `gid://shopify/InventoryLevel/${legacy(location)}?inventory_item_id=${legacy(variant.inventoryItemId)}`,
    };
    expect(await (await send('inventory_levels/update', payload, { eventId: 'event-7' })).json()).toMatchObject({
      duplicate: false,
    });
    expect(
      await (
        await send('inventory_items/update', { id: legacy(variant.inventoryItemId) }, { eventId: 'event-7' })
      ).json(),
    ).toMatchObject({ duplicate: false });
    const summary = await app.app.processWebhooks();
    expect(summary).toMatchObject({ claimed: 2, processed: 1, ignored: 1 });
    const changes = await changesAfter(before);
    expect(changes.map(({ entity, op, id }) => ({ entity, op, id }))).toEqual([
      { entity: 'stock', op: 'updated', id: `${variant.id}@${location}` },
    ]);
    await app.app.close();
  });

  it('an order webhook journals the order (fulfillments point at theirs through order_id)', async () => {
    const { shop, app, send, changesAfter, lastSeq } = await installed();
    const order = [...shop.orders.values()].find((entry) => entry.name === '#1002');
    if (!order) throw new Error('no order');
    order.cancelledAt = fake.stamp();
    order.updatedAt = order.cancelledAt;
    const before = await lastSeq();
    await send('fulfillments/update', { id: 1, order_id: legacy(order.id), status: 'success' });
    await app.app.processWebhooks();
    expect((await changesAfter(before)).map(({ entity, op, id }) => ({ entity, op, id }))).toEqual([
      { entity: 'order', op: 'updated', id: order.id },
    ]);
    await app.app.close();
  });
});

describe('mandatory compliance topics', () => {
  it('customers/data_request reports what the app holds; customers/redact deletes it', async () => {
    const reports: DataRequestReport[] = [];
    const { shop, app, send } = await installed(reports);
    const bob = [...shop.customers.values()].find((customer) => customer.firstName === 'Bob');
    if (!bob) throw new Error('no customer');
    const request = {
      ...(fixture('webhook-customers-data-request.json', shop.domain) as Record<string, unknown>),
      customer: { id: legacy(bob.id), email: bob.email },
    };
    await send('customers/data_request', request);
    await app.app.processWebhooks();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      shop: shop.domain,
      dataRequestId: '9999',
      customerId: bob.id,
      bindings: [{ entity: 'customer', reference: 'CUST-BOB', platformId: bob.id }],
    });
    expect(await app.store.getBinding(shop.domain, 'customer', 'CUST-BOB')).not.toBeNull();

    const redact = {
      ...(fixture('webhook-customers-redact.json', shop.domain) as Record<string, unknown>),
      customer: { id: legacy(bob.id) },
    };
    await send('customers/redact', redact);
    expect(await app.app.processWebhooks()).toMatchObject({ processed: 1 });
    expect(await app.store.getBinding(shop.domain, 'customer', 'CUST-BOB')).toBeNull();
    const journal = await app.store.readActivity(shop.domain, { limit: 20, kind: 'compliance' });
    expect(JSON.stringify(journal)).not.toContain(bob.email as string);
    await app.app.close();
  });

  it('shop/redact erases the session, the bindings and the settings; the shop endpoint is gone', async () => {
    const { shop, app, send } = await installed();
    expect((await app.call(`/passerelle/v1/shops/${shop.domain}/info`)).status).toBe(200);
    await send('shop/redact', fixture('webhook-shop-redact.json', shop.domain));
    expect(await app.app.processWebhooks()).toMatchObject({ processed: 1 });
    expect(await app.app.sessions.load(shop.domain)).toBeNull();
    expect(await app.store.listBindings(shop.domain, 'product', { limit: 10 })).toEqual([]);
    expect((await app.store.loadSettings(shop.domain))?.updatedBy).toBe('shop/redact');
    expect((await app.call(`/passerelle/v1/shops/${shop.domain}/info`)).status).toBe(404);
    await app.app.close();
  });

  it('a compliance payload naming another shop fails instead of erasing the wrong one', async () => {
    const { shop, app, send } = await installed();
    await send('shop/redact', fixture('webhook-shop-redact.json', 'someone-else.myshopify.com'));
    expect(await app.app.processWebhooks()).toMatchObject({ failed: 1 });
    expect(await app.app.sessions.load(shop.domain)).not.toBeNull();
    await app.app.close();
  });

  it('app/uninstalled drops the session and the module', async () => {
    const { shop, app, send } = await installed();
    await send('app/uninstalled', { id: 1, myshopify_domain: shop.domain });
    await app.app.processWebhooks();
    expect(await app.app.shops()).toEqual([]);
    expect((await app.call(`/passerelle/v1/shops/${shop.domain}/info`)).status).toBe(404);
    await app.app.close();
  });
});
