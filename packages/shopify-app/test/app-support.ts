import { createMemoryStore, type Store } from '@passerelle/core';
import { createShopifyApp, type ShopifyApp } from '../src/app/create-shopify-app.js';
import type { CreateShopifyAppOptions } from '../src/app/shopify-app-options.js';
import type { FakeShopify } from './fake-shopify.js';

export const APP_URL = 'https://passerelle-app.example.com';
export const PASSWORD = 'endpoint-password-0001';

let appCounter = 0;

/** An app registered with the fake (its own client id and secret) and served by `createShopifyApp`. */
export async function createTestApp(fake: FakeShopify, options: Partial<CreateShopifyAppOptions> = {}) {
  appCounter++;
  const credentials = fake.registerApp({
    clientId: `client-id-${appCounter}`,
    clientSecret: `client-secret-${appCounter}-do-not-log`,
    scopes:
      'read_products,write_products,read_inventory,write_inventory,read_orders,write_orders,read_customers,write_customers',
  });
  const store: Store = options.store ?? createMemoryStore();
  const app: ShopifyApp = await createShopifyApp({
    store,
    apiKey: credentials.clientId,
    apiSecret: credentials.clientSecret,
    appUrl: APP_URL,
    password: () => PASSWORD,
    sleep: async () => {},
    bulk: { pollIntervalMs: 1, sleep: async () => {} },
    ...options,
  });
  const call = (path: string, init: RequestInit & { password?: string | null } = {}) => {
    const { password = PASSWORD, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (password !== null && !headers.has('authorization')) headers.set('authorization', `Bearer ${password}`);
    return app.fetch(new Request(`${APP_URL}${path}`, { ...rest, headers }));
  };
  return { app, store, credentials, call };
}
