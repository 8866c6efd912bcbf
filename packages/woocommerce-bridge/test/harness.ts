import { createMemoryStore } from '@passerelle/core';
import { onTestFinished } from 'vitest';
import { createWooCommerceAdapter, type WooCommerceAdapterOptions } from '../src/adapter.js';
import { type CreateWooCommerceModuleOptions, createWooCommerceModule, type WooCommerceModule } from '../src/module.js';
import { createFakeWooCommerce, type FakeWooCommerce, type FakeWooOptions } from './fake-woocommerce.js';

export const PASSWORD = 'harness-password-0123456789';

/** A fake shop listening for the current test only. */
export function startFake(options: FakeWooOptions = {}): FakeWooCommerce {
  const fake = createFakeWooCommerce(options);
  fake.listen();
  onTestFinished(() => fake.close());
  return fake;
}

/** Fast retries, so fault tests do not wait for real backoffs. */
export const quickRetry = { delay: () => 5, backoffLimit: 20, jitter: false } as const;

export function adapterFor(fake: FakeWooCommerce, extra: Partial<WooCommerceAdapterOptions> = {}) {
  return createWooCommerceAdapter({
    url: fake.baseUrl,
    consumerKey: fake.consumerKey,
    consumerSecret: fake.consumerSecret,
    retry: quickRetry,
    ...extra,
  });
}

export interface Answer {
  status: number;
  body: unknown;
}

export async function moduleFor(
  fake: FakeWooCommerce,
  settings: Record<string, unknown> = {},
  extra: Partial<CreateWooCommerceModuleOptions> = {},
): Promise<WooCommerceModule & { call(method: string, path: string, body?: unknown): Promise<Answer> }> {
  const module = await createWooCommerceModule({
    woocommerce: {
      url: fake.baseUrl,
      consumerKey: fake.consumerKey,
      consumerSecret: fake.consumerSecret,
      retry: quickRetry,
    },
    store: createMemoryStore(),
    settings,
    ...extra,
  });
  onTestFinished(() => module.close());
  await module.settings.setPassword(PASSWORD, 'test');
  return Object.assign(module, {
    async call(method: string, path: string, body?: unknown): Promise<Answer> {
      const response = await module.fetch(
        new Request(`http://module.test${module.basePath}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${PASSWORD}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      );
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
    },
  });
}

/** The body of the last `POST <path>/batch` the fake received. */
export function lastBatch(
  fake: FakeWooCommerce,
  path = 'products',
): { create?: Record<string, unknown>[]; update?: Record<string, unknown>[] } {
  const call = fake.batchCalls(path).at(-1);
  if (!call) throw new Error(`no batch call to ${path}`);
  return call.body as { create?: Record<string, unknown>[]; update?: Record<string, unknown>[] };
}
