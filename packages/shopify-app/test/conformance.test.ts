import { defaultSettings } from '@passerelle/core';
import { runAdapterConformance, runModuleConformance } from '@passerelle/core/testing';
import { shopifySettingsSchema } from '../src/settings.js';
import { adapterFor, useFakeShopify } from './support.js';

const { fake } = useFakeShopify();

function subject() {
  const { shop, adapter } = adapterFor(fake);
  const orders = [...shop.orders.values()];
  const byName = (name: string) => orders.find((order) => order.name === name)?.id as string;
  return {
    adapter,
    fixtures: {
      simpleProduct: 'MUG-BLUE',
      productWithVariants: 'ipod-nano',
      guestOrderId: byName('#1003'),
      multiTaxOrderId: byName('#1004'),
      statusOrderId: byName('#1002'),
      stockReference: 'MUG-BLUE',
      unknownIds: {
        products: 'gid://shopify/Product/999999999',
        orders: 'gid://shopify/Order/999999999',
        customers: 'gid://shopify/Customer/999999999',
        stock: 'gid://shopify/ProductVariant/999999999@gid://shopify/Location/999999999',
      },
    },
    mutate: {
      touchProduct: async (reference: string) => {
        if (!fake.touchProduct(shop.domain, reference)) throw new Error(`no product ${reference}`);
      },
    },
    cleanup: async () => {
      await adapter.close();
      fake.removeShop(shop.domain);
    },
  };
}

runAdapterConformance('shopify', subject, {
  settings: shopifySettingsSchema.parse({}) ?? defaultSettings(),
});

runModuleConformance('shopify', subject, { settingsSchema: shopifySettingsSchema });
