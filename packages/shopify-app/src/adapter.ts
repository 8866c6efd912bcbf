import type { PlatformAdapter, PlatformConfiguration, Store } from '@passerelle/core';
import type { AdapterContext } from './adapter-context.js';
import type { ShopifyClient } from './client.js';
import { CUSTOMER_TAGS_QUERY } from './graphql/shop.js';
import { createLevelCache } from './level-cache.js';
import { groupsOf } from './map/customer.js';
import type { BulkRunOptions } from './reads/bulk-export.js';
import { createCustomerReads } from './reads/customers.js';
import { createOrderReads } from './reads/orders.js';
import { createProductReads } from './reads/products.js';
import { createSpoolStore } from './reads/spool.js';
import { createStockReads } from './reads/stock.js';
import { defaultShopifySettings, type ShopifySettings } from './settings.js';
import { createShopInfoCache } from './shop-info.js';
import { createCustomerWriter } from './writes/customer-writes.js';
import { createOrderStatusWriter } from './writes/order-status-writes.js';
import { createPriceOperations } from './writes/price-writes.js';
import { createProductWriter } from './writes/product-writes.js';
import { createStockWriter } from './writes/stock-writes.js';

export interface ShopifyAdapterOptions {
  client: ShopifyClient;
  /** The module's shop id. @default client.shop */
  shopId?: string;
  /** The `platform.shopify` settings in force; a module passes its own. @default the section's defaults */
  settings?: () => Promise<ShopifySettings> | ShopifySettings;
  /** Core's store: customer references are looked up through its bindings. */
  store?: Store | null;
  /** Bulk export polling (tests shorten it). */
  bulk?: Omit<BulkRunOptions, 'signal'>;
}

export interface ShopifyAdapter extends PlatformAdapter {
  readonly client: ShopifyClient;
  close(): Promise<void>;
}

/** Shopify's order facts and the contract status each one leads to (see `map/order-status.ts`). */
const orderStates: NonNullable<PlatformConfiguration['orderStates']> = [
  { id: 'PENDING', name: 'Payment pending', status: 'awaiting_payment' },
  { id: 'AUTHORIZED', name: 'Payment authorized', status: 'awaiting_payment' },
  { id: 'PARTIALLY_PAID', name: 'Partially paid', status: 'awaiting_payment' },
  { id: 'PAID', name: 'Paid', status: 'paid' },
  { id: 'PARTIALLY_FULFILLED', name: 'Partially fulfilled', status: 'processing' },
  { id: 'IN_PROGRESS', name: 'Fulfillment in progress', status: 'processing' },
  { id: 'ON_HOLD', name: 'On hold', status: 'on_hold' },
  { id: 'FULFILLED', name: 'Fulfilled', status: 'shipped' },
  { id: 'DELIVERED', name: 'Delivered', status: 'delivered' },
  { id: 'CLOSED', name: 'Archived (closed)', status: 'completed' },
  { id: 'PARTIALLY_REFUNDED', name: 'Partially refunded', status: 'partially_refunded' },
  { id: 'REFUNDED', name: 'Refunded', status: 'refunded' },
  { id: 'VOIDED', name: 'Voided', status: 'cancelled' },
  { id: 'CANCELLED', name: 'Cancelled', status: 'cancelled' },
  { id: 'EXPIRED', name: 'Payment expired', status: 'failed' },
];

/**
 * The Shopify adapter of one shop: products with variants, stock per location, prices, customers and
 * orders over the Admin GraphQL API, with bulk exports for large full reads.
 */
export function createShopifyAdapter(options: ShopifyAdapterOptions): ShopifyAdapter {
  const { client } = options;
  const shopInfo = createShopInfoCache(client);
  const settings = async () => (options.settings ? await options.settings() : defaultShopifySettings());
  const context: AdapterContext = {
    client,
    shopId: options.shopId ?? client.shop,
    settings,
    shop: () => shopInfo.get(),
    spools: createSpoolStore(),
    levels: createLevelCache(),
    store: options.store ?? null,
    bulk: options.bulk ?? {},
  };

  const productReads = createProductReads(context);
  const productWriter = createProductWriter(context, {
    writeStock: (plans, writeContext) => stockWriter(plans, writeContext),
  });
  const stockWriter = createStockWriter(context, productWriter.setStatus);
  const stockReads = createStockReads(context);

  return {
    client,
    async describe() {
      return { platform: 'shopify', platformVersion: null, apiVersion: client.apiVersion, name: context.shopId };
    },
    async configuration() {
      const [shop, current, tags] = await Promise.all([
        shopInfo.get(),
        settings(),
        client.request<{ shop: { customerTags: { nodes: string[] } } }>(CUSTOMER_TAGS_QUERY),
      ]);
      return {
        orderStates,
        currencies: { default: shop.currency, items: shop.currencies.map((code) => ({ code })) },
        languages: shop.languages,
        shops: [{ id: context.shopId, name: shop.name }],
        warehouses: shop.locations.map((location) => ({ id: location.id, name: location.name })),
        customerGroups: groupsOf(tags.shop.customerTags.nodes, current.customerGroupTagPrefix).map((group) => ({
          id: group,
          name: group,
        })),
        taxesIncluded: shop.taxesIncluded,
      };
    },
    products: { ...productReads, write: productWriter.write, setActive: productWriter.setActive },
    stock: { ...stockReads, write: stockWriter },
    prices: createPriceOperations(context),
    customers: { ...createCustomerReads(context), write: createCustomerWriter(context) },
    orders: { ...createOrderReads(context), setStatus: createOrderStatusWriter(context) },
    async close() {
      await context.spools.close();
      context.levels.clear();
    },
  };
}
