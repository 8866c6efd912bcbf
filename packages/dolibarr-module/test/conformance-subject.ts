import type { ConformanceSubject } from '@passerelle/core/testing';
import type { SetupServer } from 'msw/node';
import { createDolibarrAdapter, type DolibarrAdapter } from '../src/adapter.js';
import { dolibarrModuleSettingsSchema } from '../src/settings.js';
import { type CreateFakeOptions, createFakeDolibarr, type FakeDolibarr } from './fake-dolibarr.js';

/** The settings the suites run with: defaults, and the seeded guest account. */
export const conformanceSettings = dolibarrModuleSettingsSchema.parse({ orders: { read: { guestAccount: 'GUEST' } } });

export interface DolibarrSubject extends ConformanceSubject {
  adapter: DolibarrAdapter;
  fake: FakeDolibarr;
}

/** A fresh seeded fake behind msw, and an adapter on it, for one check. */
export function dolibarrSubject(
  server: SetupServer,
  options: CreateFakeOptions = {},
  settings: unknown = conformanceSettings,
): DolibarrSubject {
  const fake = createFakeDolibarr(options);
  server.resetHandlers(...fake.handlers);
  const adapter = createDolibarrAdapter({ url: fake.url, apiKey: fake.apiKey, settings: () => settings, retry: 0 });
  return {
    adapter,
    fake,
    fixtures: {
      simpleProduct: fake.fixtures.simpleProduct,
      productWithVariants: fake.fixtures.productWithVariants,
      guestOrderId: fake.fixtures.guestOrderId,
      multiTaxOrderId: fake.fixtures.multiTaxOrderId,
      stockReference: fake.fixtures.stockReference,
    },
    mutate: {
      touchProduct: (reference) => fake.backOffice.touchProduct(reference),
      createProduct: (reference) => fake.backOffice.createProduct(reference),
      placeOrder: () => fake.backOffice.placeOrder(),
    },
  };
}
