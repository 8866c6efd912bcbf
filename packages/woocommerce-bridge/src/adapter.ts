import type {
  CategoryOperations,
  CustomerOperations,
  OrderOperations,
  PlatformAdapter,
  PlatformDescription,
  PriceOperations,
  ProductOperations,
  StockOperations,
} from '@passerelle/core';
import { createWooClient, WOO_API_VERSION, type WooClient, type WooClientOptions } from './client.js';
import { toPrice } from './map/price.js';
import { createCategoryReads } from './read/category-reads.js';
import { createConfigurationRead } from './read/configuration-read.js';
import { createCustomerReads } from './read/customer-reads.js';
import { createOrderReads } from './read/order-reads.js';
import { createProductReads, findBySkus } from './read/product-reads.js';
import { createStockReads } from './read/stock-reads.js';
import { createRuntime, type WooRuntime } from './runtime.js';
import { createShopContext, type ShopContext } from './shop-context.js';
import { readWebhookHealth, type WebhookHealth } from './webhooks/webhook-health.js';
import { writeProductActivation } from './write/activation-write.js';
import { writeCategories } from './write/category-write.js';
import { writeCustomers } from './write/customer-write.js';
import { writePrices } from './write/price-write.js';
import { writeProducts } from './write/product-write.js';
import { writeOrderStatuses } from './write/status-write.js';
import { writeStock } from './write/stock-write.js';

export interface WooCommerceAdapterOptions extends WooClientOptions {
  /** Platform ids of one shop; set when several shops share a store. */
  shopId?: string;
  /** Attach the untouched WooCommerce payload to every entity as `raw`. @default false */
  includeRaw?: boolean;
  /**
   * The module's current settings: order reads follow `orders.read.messages` (notes are read only when
   * messages are), product reads `categories.extraCategories.findBy`, both `platform.woocommerce`.
   * `createWooCommerceModule` wires it; without it the defaults apply.
   */
  settings?: () => Promise<unknown>;
  /** Overrides the site language (BCP 47 primary tag) that keys localized texts. @default the site's */
  language?: string;
  now?: () => Date;
}

type With<T, K extends keyof T> = T & Required<Pick<T, K>>;

/** The adapter, with the operations it always has spelled out (tests and hosts call them directly). */
export interface WooCommerceAdapter extends PlatformAdapter {
  products: With<ProductOperations, 'get' | 'getByReferences' | 'listIds' | 'write' | 'setActive'>;
  categories: With<CategoryOperations, 'get' | 'getByReferences' | 'listIds' | 'write'>;
  stock: With<StockOperations, 'getByReferences' | 'write'>;
  prices: With<PriceOperations, 'getByReferences'>;
  customers: With<CustomerOperations, 'get' | 'getByReferences' | 'getByEmails' | 'listIds' | 'write'>;
  orders: With<OrderOperations, 'listIds' | 'setStatus'>;
  readonly client: WooClient;
  readonly shop: ShopContext;
  /** Reads the shop again on the next call (after its settings changed). */
  refresh(): void;
  /** The shop's webhooks that no longer deliver (optionally only those pointing at `deliveryUrl`). */
  webhookHealth(deliveryUrl?: string): Promise<WebhookHealth>;
}

/**
 * The WooCommerce REST v3 adapter: products and variations, categories, stock, prices, customers,
 * orders (with notes, refunds and payments), status writes, and the shop's configuration. Mapping and
 * transport only: what to write comes planned from core's rules.
 */
export function createWooCommerceAdapter(options: WooCommerceAdapterOptions): WooCommerceAdapter {
  const client = createWooClient(options);
  const shop = createShopContext(client, options.language ? { language: options.language } : {});
  const runtime: WooRuntime = createRuntime({
    client,
    shop,
    ...(options.shopId ? { shopId: options.shopId } : {}),
    ...(options.includeRaw !== undefined ? { includeRaw: options.includeRaw } : {}),
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const products = createProductReads(runtime);
  const customers = createCustomerReads(runtime);
  const configuration = createConfigurationRead(runtime);

  return {
    client,
    shop,
    refresh: () => shop.invalidate(),
    webhookHealth: (deliveryUrl) => readWebhookHealth(runtime, deliveryUrl),

    async describe(): Promise<PlatformDescription> {
      const facts = await shop.facts();
      return {
        platform: 'woocommerce',
        platformVersion: facts.wcVersion,
        apiVersion: WOO_API_VERSION,
        name: facts.homeUrl ?? client.url,
      };
    },
    configuration,

    products: {
      ...products,
      write: (plans, context) => writeProducts(runtime, plans, context),
      setActive: (items) => writeProductActivation(runtime, items),
    },
    categories: {
      ...createCategoryReads(runtime),
      write: (plans, context) => writeCategories(runtime, plans, context),
    },
    stock: {
      ...createStockReads(runtime),
      write: (plans) => writeStock(runtime, plans),
    },
    prices: {
      async getByReferences(references) {
        const context = await runtime.mapContext();
        const found = await findBySkus(runtime, references);
        return new Map(
          found.filter((item) => item.type !== 'variable').map((item) => [item.sku, toPrice(item, context)]),
        );
      },
      write: (plans, context) => writePrices(runtime, plans, context),
    },
    customers: {
      list: customers.list,
      get: customers.get,
      getByReferences: customers.getByReferences,
      getByEmails: customers.getByEmails,
      listIds: customers.listIds,
      async write(plans, context) {
        const outcomes = await writeCustomers(runtime, plans, context);
        customers.forget();
        return outcomes;
      },
    },
    orders: {
      ...createOrderReads(runtime),
      setStatus: (plans, context) => writeOrderStatuses(runtime, plans, context),
    },
  };
}
