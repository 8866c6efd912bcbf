import type {
  CategoryOperations,
  CustomerGroupOperations,
  CustomerOperations,
  EntityReads,
  Invoice,
  OrderOperations,
  OrderStatus,
  Payment,
  PlatformAdapter,
  PlatformConfiguration,
  PlatformDescription,
  PriceOperations,
  ProductOperations,
  Shipment,
  StockOperations,
} from '@passerelle/core';
import { createConcurrencyLimit } from '@passerelle/core';
import type { Bridge } from './bridge-context.js';
import { createPrestashopClient, type PrestashopClient, type PrestashopClientOptions } from './client.js';
import { createLookups } from './lookups.js';
import { setActive } from './ops/activation.js';
import {
  categoriesByReferences,
  getCategory,
  listCategories,
  listCategoryIds,
  writeCategories,
} from './ops/categories.js';
import { readConfiguration } from './ops/configuration.js';
import { getGroup, groupsByReferences, listGroups, writeGroups } from './ops/customer-groups.js';
import {
  customersByEmails,
  customersByReferences,
  getCustomer,
  listCustomerIds,
  listCustomers,
  writeCustomers,
} from './ops/customers.js';
import {
  getInvoice,
  getPayment,
  getShipment,
  listInvoices,
  listPayments,
  listShipments,
} from './ops/order-documents.js';
import { getOrder, listOrderIds, listOrders, setOrderStatuses } from './ops/orders.js';
import { type PriceOperationsState, pricesByReferences, writePrices } from './ops/prices.js';
import { getProduct, listProductIds, listProducts, productsByReferences } from './ops/product-reads.js';
import { writeProducts } from './ops/product-writes.js';
import { getStock, listStock, type StockOperationsState, stockByReferences, writeStock } from './ops/stock.js';
import { emptyReferenceBook, type ReferenceBook } from './reference-book.js';
import { createSerialLock } from './serial.js';
import { createShopContext } from './shop-context.js';

/** The Webservice has no versions of its own: the bridge targets the PrestaShop 8 and 9 Webservice. */
export const PRESTASHOP_API_VERSION = 'webservice-8.x-9.x';

export interface PrestashopAdapterOptions extends PrestashopClientOptions {
  /** A client made beforehand (the adapter then ignores the connection options). */
  client?: PrestashopClient;
  /** The contract `shopId` stamped on every item (the module's shop id). @default none */
  contractShopId?: string;
  /** References of categories, groups and customers (PrestaShop has no field for them). @default none: matched by id or name */
  references?: ReferenceBook;
  /** The shop's time zone, when `PS_TIMEZONE` cannot be read. @default PS_TIMEZONE */
  timeZone?: string;
  /** Webservice calls in flight for one batch of writes. @default 4 */
  concurrency?: number;
  /** PrestaShop state id → contract status, for custom states. @default {} */
  orderStates?: Record<string, OrderStatus>;
  /** Keep the untouched Webservice payload in `raw`. @default false */
  includeRaw?: boolean;
  /** Downloads an image the ERP names by URL. @default fetch, 30 s, images only */
  fetchImage?: (url: string) => Promise<{ data: Blob; filename: string }>;
  /** @default () => new Date() */
  now?: () => Date;
}

/** The PrestaShop adapter: every entity core reads and writes, plus runtime settings. */
export interface PrestashopAdapter extends PlatformAdapter {
  products: ProductOperations &
    Required<Pick<ProductOperations, 'write' | 'setActive' | 'get' | 'getByReferences' | 'listIds'>>;
  categories: CategoryOperations & Required<Pick<CategoryOperations, 'write' | 'get' | 'getByReferences' | 'listIds'>>;
  stock: StockOperations & Required<Pick<StockOperations, 'write' | 'get' | 'getByReferences'>>;
  prices: PriceOperations & Required<Pick<PriceOperations, 'getByReferences'>>;
  customers: CustomerOperations &
    Required<Pick<CustomerOperations, 'write' | 'setActive' | 'get' | 'getByReferences' | 'getByEmails' | 'listIds'>>;
  customerGroups: CustomerGroupOperations &
    Required<Pick<CustomerGroupOperations, 'write' | 'get' | 'getByReferences'>>;
  orders: OrderOperations & Required<Pick<OrderOperations, 'setStatus' | 'listIds'>>;
  invoices: EntityReads<Invoice> & Required<Pick<EntityReads<Invoice>, 'get'>>;
  payments: EntityReads<Payment> & Required<Pick<EntityReads<Payment>, 'get'>>;
  shipments: EntityReads<Shipment> & Required<Pick<EntityReads<Shipment>, 'get'>>;
  readonly client: PrestashopClient;
  /** Applies `platform.prestashop` settings while running (shop context, custom states, concurrency). */
  configure(options: {
    shopId?: string | null;
    shopGroupId?: string | null;
    orderStates?: Record<string, OrderStatus>;
    concurrency?: number;
  }): void;
}

const IMAGE_TIMEOUT_MS = 30_000;
const CONFIGURATION_TTL_MS = 30_000;

function defaultFetchImage(fetchImpl: typeof globalThis.fetch) {
  return async (url: string) => {
    const response = await fetchImpl(url, { signal: AbortSignal.timeout(IMAGE_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`the image URL answered ${response.status}`);
    const type = response.headers.get('content-type') ?? '';
    if (!type.startsWith('image/'))
      throw new Error(`the image URL answered ${type || 'no content type'}, not an image`);
    const name = new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? 'image.jpg';
    return {
      data: new Blob([await response.arrayBuffer()], { type }),
      filename: /\.[a-z0-9]{2,5}$/i.test(name) ? name : `${name}.jpg`,
    };
  };
}

/**
 * Builds the PrestaShop 8/9 adapter over the Webservice: JSON reads, XML writes, stock through
 * `stock_availables`, statuses through `order_histories`, tracking through `order_carriers`.
 */
export function createPrestashopAdapter(options: PrestashopAdapterOptions): PrestashopAdapter {
  const client = options.client ?? createPrestashopClient(options);
  const shop = createShopContext(client, options.timeZone ? { timeZone: options.timeZone } : {});
  const initialShop = client.shopContext();
  const bridge: Bridge = {
    client,
    shop,
    lookups: createLookups(client, () => shop.snapshot()),
    references: options.references ?? emptyReferenceBook,
    runtime: { orderStates: { ...(options.orderStates ?? {}) }, concurrency: options.concurrency ?? 4 },
    writeSlots: createConcurrencyLimit(),
    contractShopId: options.contractShopId,
    includeRaw: options.includeRaw ?? false,
    fetchImage: options.fetchImage ?? defaultFetchImage(options.fetch ?? globalThis.fetch),
    now: options.now ?? (() => new Date()),
  };
  const lock = createSerialLock();
  const stockState: StockOperationsState = { targets: new Map() };
  const priceState: PriceOperationsState = { targets: new Map() };
  let configuration: { at: number; value: Promise<PlatformConfiguration> } | null = null;

  return {
    client,
    configure(next) {
      if (next.shopId !== undefined || next.shopGroupId !== undefined) {
        const current = client.shopContext();
        const shopId = next.shopId === undefined ? current.shopId : (next.shopId ?? initialShop.shopId);
        const shopGroupId =
          next.shopGroupId === undefined ? current.shopGroupId : (next.shopGroupId ?? initialShop.shopGroupId);
        if (shopId !== current.shopId || shopGroupId !== current.shopGroupId) {
          client.setShopContext({ shopId, shopGroupId });
          shop.refresh();
          configuration = null;
          stockState.targets.clear();
          priceState.targets.clear();
        }
      }
      if (next.orderStates) {
        bridge.runtime.orderStates = { ...next.orderStates };
        configuration = null;
      }
      if (next.concurrency !== undefined) bridge.runtime.concurrency = next.concurrency;
    },
    async describe(): Promise<PlatformDescription> {
      const description = await client.describe();
      return {
        platform: 'prestashop',
        platformVersion: description.version,
        apiVersion: PRESTASHOP_API_VERSION,
        name: description.shopName ?? client.shopUrl,
      };
    },
    configuration(): Promise<PlatformConfiguration> {
      // Core asks for it once per product batch (the main language): a fresh read every 30 s is enough.
      const now = Date.now();
      if (!configuration || now - configuration.at > CONFIGURATION_TTL_MS) {
        const value = readConfiguration(bridge);
        configuration = { at: now, value };
        value.catch(() => {
          configuration = null;
        });
      }
      return configuration.value;
    },
    products: {
      list: (listOptions) => listProducts(bridge, listOptions),
      get: (id) => getProduct(bridge, id),
      getByReferences: (references) => productsByReferences(bridge, references),
      listIds: (listOptions) => listProductIds(bridge, listOptions),
      write: (plans, context) => writeProducts(bridge, lock, plans, context),
      setActive: (items, context) => setActive(bridge, 'products', items, context),
    },
    categories: {
      list: (listOptions) => listCategories(bridge, listOptions),
      get: (id) => getCategory(bridge, id),
      getByReferences: (references) => categoriesByReferences(bridge, references),
      listIds: (listOptions) => listCategoryIds(bridge, listOptions),
      write: (plans) => lock.run(() => writeCategories(bridge, plans)),
    },
    stock: {
      list: (listOptions) => listStock(bridge, stockState, listOptions),
      get: (id) => getStock(bridge, stockState, id),
      getByReferences: (references) => stockByReferences(bridge, stockState, references),
      write: (plans, context) => writeStock(bridge, stockState, plans, context),
    },
    prices: {
      getByReferences: (references) => pricesByReferences(bridge, priceState, references),
      write: (plans, context) => writePrices(bridge, priceState, plans, context),
    },
    customers: {
      list: (listOptions) => listCustomers(bridge, listOptions),
      get: (id) => getCustomer(bridge, id),
      getByReferences: (references) => customersByReferences(bridge, references),
      getByEmails: (emails) => customersByEmails(bridge, emails),
      listIds: (listOptions) => listCustomerIds(bridge, listOptions),
      write: (plans, context) => writeCustomers(bridge, plans, context),
      setActive: (items, context) => setActive(bridge, 'customers', items, context),
    },
    customerGroups: {
      list: (listOptions) => listGroups(bridge, listOptions),
      get: (id) => getGroup(bridge, id),
      getByReferences: (references) => groupsByReferences(bridge, references),
      write: (plans, context) => writeGroups(bridge, plans, context),
    },
    orders: {
      list: (listOptions) => listOrders(bridge, listOptions),
      get: (id) => getOrder(bridge, id),
      listIds: (listOptions) => listOrderIds(bridge, listOptions),
      setStatus: (plans, context) => setOrderStatuses(bridge, plans, context),
    },
    invoices: { list: (listOptions) => listInvoices(bridge, listOptions), get: (id) => getInvoice(bridge, id) },
    payments: { list: (listOptions) => listPayments(bridge, listOptions), get: (id) => getPayment(bridge, id) },
    shipments: { list: (listOptions) => listShipments(bridge, listOptions), get: (id) => getShipment(bridge, id) },
    async close() {
      if (!options.client) client.close();
    },
  };
}
