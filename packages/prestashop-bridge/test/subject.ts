import { createMemoryStore, type Store } from '@passerelle/core';
import type { ConformanceSubject } from '@passerelle/core/testing';
import {
  createPrestashopAdapter,
  type PrestashopAdapter,
  type PrestashopAdapterOptions,
  referenceBookFromStore,
} from '../src/index.js';
import {
  createFakePrestashop,
  FAKE_KEY,
  FAKE_URL,
  type FakePrestashop,
  type FakePrestashopOptions,
} from './fake-prestashop.js';

export interface TestShop extends ConformanceSubject {
  adapter: PrestashopAdapter;
  fake: FakePrestashop;
  store: Store;
}

/** References the ERP gave seeded items: PrestaShop keeps none for categories, groups and customers. */
export const SEEDED_BINDINGS = [
  { entity: 'category', reference: 'CAT-MEN', platformId: '4' },
  { entity: 'category', reference: 'CAT-CLOTHES', platformId: '3' },
  { entity: 'customer-group', reference: 'FAM-WHOLESALE', platformId: '4' },
  { entity: 'customer', reference: 'CL00002', platformId: '2' },
];

/** A fresh fake shop and an adapter over it; retries are quick so fault tests stay fast. */
export async function testShop(
  fakeOptions: FakePrestashopOptions = {},
  adapterOptions: Partial<PrestashopAdapterOptions> = {},
): Promise<TestShop> {
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
  const adapter = createPrestashopAdapter({
    url: FAKE_URL,
    key: FAKE_KEY,
    retry: { limit: 2, delay: () => 5, jitter: false },
    timeoutMs: 2000,
    references: referenceBookFromStore(store, 'default'),
    ...adapterOptions,
  });
  return {
    adapter,
    fake,
    store,
    fixtures: fake.fixtures,
    mutate: fake.backOffice,
    now: () => fake.now(),
    cleanup: async () => fake.stop(),
  };
}
