import { PlatformError, PlatformThrottledError } from '@passerelle/core';
import { describe, expect, it } from 'vitest';
import { createShopifyClient } from '../src/client.js';
import { createCostLimiter } from '../src/cost-limiter.js';
import { PRODUCT_UPDATE_MUTATION, PRODUCTS_QUERY } from '../src/graphql/products.js';
import { SHOP_QUERY } from '../src/graphql/shop.js';
import { backoffDelay, defaultRetryPolicy, parseRetryAfter } from '../src/retry-policy.js';
import { recordingSleep, useFakeShopify } from './support.js';

const { fake } = useFakeShopify();

function clientFor(
  shop: { domain: string; token: string },
  extra: Partial<Parameters<typeof createShopifyClient>[0]> = {},
) {
  const timing = recordingSleep();
  const client = createShopifyClient({ shop: shop.domain, accessToken: shop.token, sleep: timing.sleep, ...extra });
  return { client, waits: timing.waits };
}

describe('transport: @shopify/admin-api-client with a cost-aware limiter', () => {
  it('pins the API version, reads extensions.cost and reports what Shopify served', async () => {
    const shop = fake.addShop();
    const { client } = clientFor(shop);
    const data = await client.request<{ shop: { name: string } }>(SHOP_QUERY);
    expect(data.shop.name).toBe(shop.name);
    expect(client.apiVersion).toBe('2026-07');
    expect(client.servedVersion()).toBe('2026-07');
    expect(client.limiter.status()?.maximumAvailable).toBe(2000);
    expect(client.stats.cost).toBeGreaterThan(0);
  });

  it('retries THROTTLED after the wait the bucket needs, then succeeds', async () => {
    const shop = fake.addShop({ restoreRate: 1000, maximumAvailable: 1000 });
    shop.bucket.available = 0;
    shop.bucket.at = Date.now();
    const timing = recordingSleep();
    // A real sleep so the fake's bucket refills (1,000 points per second: ~150 ms for a page).
    const client = createShopifyClient({
      shop: shop.domain,
      accessToken: shop.token,
      sleep: async (ms) => {
        timing.waits.push(ms);
        await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 400)));
      },
    });
    const data = await client.request<{ products: { nodes: unknown[] } }>(PRODUCTS_QUERY, { first: 7 });
    expect(data.products.nodes.length).toBeGreaterThan(0);
    expect(client.stats.throttled).toBeGreaterThanOrEqual(1);
    expect(fake.calls.filter((call) => call.shop === shop.domain && call.throttled).length).toBe(
      client.stats.throttled,
    );
    expect(timing.waits.length).toBeGreaterThanOrEqual(1);
  });

  it('gives up after the throttle budget with a retryable PlatformThrottledError', async () => {
    const shop = fake.addShop({ restoreRate: 0.0001, maximumAvailable: 1000 });
    shop.bucket.available = 0;
    const { client } = clientFor(shop, { retry: { throttledLimit: 2 } });
    const error = await client.request(PRODUCTS_QUERY, { first: 7 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PlatformThrottledError);
    expect((error as PlatformThrottledError).retryable).toBe(true);
    expect(client.stats.throttled).toBe(3);
  });

  it('the limiter waits before a call the last answer says would be throttled', async () => {
    const waits: number[] = [];
    let now = 0;
    const limiter = createCostLimiter({
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    });
    limiter.update({ maximumAvailable: 2000, currentlyAvailable: 100, restoreRate: 100 });
    await limiter.acquire(300);
    expect(waits).toEqual([2000]);
    now += 60_000;
    limiter.release(300);
    await limiter.acquire(300);
    expect(waits).toHaveLength(1);
  });

  it('honours Retry-After on 429 and backs off on 503 for queries', async () => {
    const shop = fake.addShop();
    const { client, waits } = clientFor(shop);
    fake.failNext(shop.domain, { status: 429, retryAfter: '2' });
    fake.failNext(shop.domain, { status: 503 });
    const data = await client.request<{ shop: { name: string } }>(SHOP_QUERY);
    expect(data.shop.name).toBe(shop.name);
    expect(waits[0]).toBe(2000);
    expect(waits[1]).toBeGreaterThan(0);
    expect(client.stats.retries).toBe(2);
  });

  it('never replays a mutation without an idempotency key after a 5xx', async () => {
    const shop = fake.addShop();
    const { client } = clientFor(shop);
    fake.failNext(shop.domain, { status: 502 });
    const error = await client
      .request(PRODUCT_UPDATE_MUTATION, { product: { id: 'gid://shopify/Product/1', title: 'x' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).status).toBe(502);
    expect((error as PlatformError).retryable).toBe(false);
    expect(client.stats.retries).toBe(0);
  });

  it('a refused token fails plainly, and no error ever carries the token', async () => {
    const shop = fake.addShop();
    const secretToken = 'shpat_this_is_a_secret_token_0001';
    const { client } = clientFor({ domain: shop.domain, token: secretToken });
    const error = (await client.request(SHOP_QUERY).catch((caught: unknown) => caught)) as PlatformError;
    expect(error).toBeInstanceOf(PlatformError);
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/access token was refused/);
    const everything = JSON.stringify({
      message: error.message,
      body: error.body,
      stack: error.stack,
      cause: String(error.cause),
    });
    expect(everything).not.toContain(secretToken);
  });

  it('renews the token once on 401 when the session allows it', async () => {
    const shop = fake.addShop();
    let token = 'shpat_revoked';
    const client = createShopifyClient({
      shop: shop.domain,
      accessToken: async () => token,
      onUnauthorized: async () => {
        token = shop.token;
        return true;
      },
      sleep: async () => {},
    });
    await expect(client.request(SHOP_QUERY)).resolves.toMatchObject({ shop: { name: shop.name } });
  });

  it('a query over 1,000 points is refused as such, not retried', async () => {
    const shop = fake.addShop();
    const { client } = clientFor(shop);
    const error = (await client
      .request(PRODUCTS_QUERY, { first: 250 })
      .catch((caught: unknown) => caught)) as PlatformError;
    expect(error.message).toMatch(/costs more than Shopify allows/);
    expect(client.stats.retries).toBe(0);
  });

  it('retry policy as data: Retry-After parsing and bounded, jittered backoff', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('1.5')).toBe(1500);
    expect(parseRetryAfter(new Date(Date.now() + 3000).toUTCString())).toBeGreaterThan(1000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(backoffDelay(defaultRetryPolicy, 1, () => 1)).toBe(300);
    expect(backoffDelay(defaultRetryPolicy, 1, () => 0)).toBe(150);
    expect(backoffDelay(defaultRetryPolicy, 20, () => 1)).toBe(defaultRetryPolicy.backoffLimit);
  });

  it('every document the bridge sent in this file validated against the schema', () => {
    expect(fake.calls.flatMap((call) => call.validationErrors)).toEqual([]);
  });
});
