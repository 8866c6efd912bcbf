import { runAdapterConformance, runModuleConformance } from '@passerelle/core/testing';
import { createWooCommerceAdapter } from '../src/adapter.js';
import { woocommerceSettingsSchema } from '../src/settings.js';
import { createFakeWooCommerce } from './fake-woocommerce.js';

function subject() {
  const fake = createFakeWooCommerce();
  fake.listen();
  const adapter = createWooCommerceAdapter({
    url: fake.baseUrl,
    consumerKey: fake.consumerKey,
    consumerSecret: fake.consumerSecret,
  });
  return { adapter, fixtures: fake.fixtures, mutate: fake.backOffice, cleanup: async () => fake.close() };
}

const skip = {
  'stock.updatedSince':
    'WooCommerce has no date for stock changes (they do not move date_modified): stock is read whole',
  'categories.updatedSince': 'WordPress terms carry no modification date: categories are read whole',
  'stock.get':
    'WooCommerce has no stock resource with ids: a level is a field of its product or variation, read by SKU or listed',
} as const;

runAdapterConformance('woocommerce', subject, { skip, settings: woocommerceSettingsSchema.parse({}) });
runModuleConformance('woocommerce', subject, { settingsSchema: woocommerceSettingsSchema });
