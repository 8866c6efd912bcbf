import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';
import { createShopifyAdapter, type ShopifyAdapterOptions } from '../src/adapter.js';
import { createShopifyClient, type ShopifyClientOptions } from '../src/client.js';
import { createFakeShopify, type FakeShopify, type FakeShopOptions } from './fake-shopify.js';

/**
 * One fake Shopify and one msw server per test file (msw intercepts fetch process-wide); every test
 * adds its own shop, so tests never share state.
 */
export function useFakeShopify(options: Parameters<typeof createFakeShopify>[0] = {}): {
  fake: FakeShopify;
  server: ReturnType<typeof setupServer>;
} {
  const fake = createFakeShopify(options);
  const server = setupServer(...fake.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());
  return { fake, server };
}

/** An instant sleep that still records the waits, so throttling tests run in milliseconds. */
export function recordingSleep() {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms: number) => {
      waits.push(ms);
    },
  };
}

export function adapterFor(
  fake: FakeShopify,
  shopOptions: FakeShopOptions = {},
  overrides: { client?: Partial<ShopifyClientOptions>; adapter?: Partial<ShopifyAdapterOptions> } = {},
) {
  const shop = fake.addShop(shopOptions);
  const client = createShopifyClient({
    shop: shop.domain,
    accessToken: shop.token,
    sleep: async () => {},
    ...overrides.client,
  });
  const adapter = createShopifyAdapter({
    client,
    bulk: { pollIntervalMs: 1, sleep: async () => {} },
    ...overrides.adapter,
  });
  return { shop, client, adapter };
}
