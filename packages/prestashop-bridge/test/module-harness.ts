import { createMemoryStore, type ItemResult } from '@passerelle/core';
import { createPrestashopModule, type PrestashopModule } from '../src/index.js';
import {
  createFakePrestashop,
  FAKE_KEY,
  FAKE_URL,
  type FakePrestashop,
  type FakePrestashopOptions,
} from './fake-prestashop.js';
import { SEEDED_BINDINGS } from './subject.js';

const PASSWORD = 'harness-password-123456';

export interface ModuleShop {
  fake: FakePrestashop;
  module: PrestashopModule;
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  /** `PUT`/`POST` a batch of one item and return its result. */
  writeOne(method: 'PUT' | 'POST', path: string, item: Record<string, unknown>): Promise<ItemResult>;
  close(): Promise<void>;
}

/** A PrestaShop module (memory store, seeded bindings) over a fresh fake, driven through its endpoint. */
export async function moduleShop(
  settings: Record<string, unknown> = {},
  fakeOptions: FakePrestashopOptions = {},
): Promise<ModuleShop> {
  const fake = createFakePrestashop(fakeOptions);
  const store = createMemoryStore();
  for (const binding of SEEDED_BINDINGS) {
    await store.upsertBinding({
      shopId: 'default',
      ...binding,
      contentHash: null,
      sourceUpdatedAt: null,
      syncedAt: new Date().toISOString(),
    });
  }
  const module = await createPrestashopModule({
    store,
    settings,
    prestashop: { url: FAKE_URL, key: FAKE_KEY, retry: { limit: 1, delay: () => 5, jitter: false }, timeoutMs: 2000 },
  });
  await module.settings.setPassword(PASSWORD, 'test');
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await module.fetch(
      new Request(`http://module.test${module.basePath}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${PASSWORD}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
  return {
    fake,
    module,
    call,
    async writeOne(method, path, item) {
      const answer = await call(method, path, { items: [item] });
      if (answer.status !== 200)
        throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      const [result] = (answer.body as { results: ItemResult[] }).results;
      return result as ItemResult;
    },
    async close() {
      await module.close();
      fake.stop();
    },
  };
}

/** `'products.update.price'` → `{ products: { update: { price: value } } }`. */
export function settingAt(path: string, value: unknown): Record<string, unknown> {
  return path
    .split('.')
    .reverse()
    .reduce<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

/** Deep merge of settings patches. */
export function mergeSettings(...patches: Record<string, unknown>[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const patch of patches) {
    for (const [key, value] of Object.entries(patch)) {
      const current = out[key];
      out[key] =
        current && typeof current === 'object' && value && typeof value === 'object' && !Array.isArray(value)
          ? mergeSettings(current as Record<string, unknown>, value as Record<string, unknown>)
          : value;
    }
  }
  return out;
}
