import type {
  ActivationWrite,
  AdapterPage,
  Category,
  CategoryOperations,
  CategoryWrite,
  Customer,
  CustomerGroup,
  CustomerGroupOperations,
  CustomerGroupWrite,
  CustomerListOptions,
  CustomerOperations,
  CustomerWrite,
  EntityReads,
  Invoice,
  ListOptions,
  Order,
  OrderListOptions,
  OrderOperations,
  Payment,
  PlannedWrite,
  PlatformAdapter,
  PlatformConfiguration,
  PlatformDescription,
  PriceOperations,
  PriceWrite,
  Product,
  ProductOperations,
  ProductWrite,
  Shipment,
  StatusWritePlan,
  StockLevel,
  StockOperations,
  StockWritePlan,
  WriteOutcome,
} from '@passerelle/core';
import { createCategoryRepository } from './catalog/categories.js';
import { createPriceRepository } from './catalog/prices.js';
import { createProductRepository, readDirectives } from './catalog/products.js';
import { createStockRepository } from './catalog/stock.js';
import { createCustomerGroupRepository } from './customers/customer-groups.js';
import { createCustomerRepository } from './customers/customers.js';
import { openDemoDatabase } from './database.js';
import { createDemoControls, type DemoControls } from './demo-controls.js';
import { createInvoiceReads, createPaymentReads, createShipmentReads } from './sales/order-documents.js';
import { createOrderRepository } from './sales/orders.js';
import { createShopClock } from './shop-clock.js';
import { SHOP_NAME, staticConfiguration } from './shop-configuration.js';
import { toRowId } from './shop-context.js';
import { applyEach } from './write-outcomes.js';

export interface DemoAdapterOptions {
  /** The demo shop's own SQLite file (created when missing), or `:memory:`. */
  path: string;
  /** The shop's clock, for tests that move time. @default () => new Date() */
  now?: () => Date;
}

/** Every operation the demo shop offers, typed as present (the adapter interface has them optional). */
export interface DemoAdapter extends PlatformAdapter {
  products: Required<ProductOperations>;
  categories: Required<CategoryOperations>;
  stock: Required<Omit<StockOperations, 'listIds'>>;
  prices: Required<PriceOperations>;
  customers: Required<CustomerOperations>;
  customerGroups: Required<Omit<CustomerGroupOperations, 'listIds'>>;
  orders: Required<OrderOperations>;
  invoices: Required<Omit<EntityReads<Invoice>, 'getByReferences' | 'listIds'>>;
  payments: Required<Omit<EntityReads<Payment>, 'getByReferences' | 'listIds'>>;
  shipments: Required<Omit<EntityReads<Shipment>, 'getByReferences' | 'listIds'>>;
  demo: DemoControls;
  close(): Promise<void>;
}

export const DEMO_PLATFORM: PlatformDescription = {
  platform: 'demo-shop',
  platformVersion: '1.0.0',
  apiVersion: 'demo/1',
  name: SHOP_NAME,
};

/**
 * A `PlatformAdapter` over the demo shop's own SQLite database: the reference platform that
 * `npm start` runs when there is no real shop. It behaves like one: keyset pages with opaque
 * cursors, update dates that move on every write, partial updates, one outcome per write.
 */
export function createDemoAdapter(options: DemoAdapterOptions): DemoAdapter {
  const db = openDemoDatabase(options.path);
  const clock = createShopClock(options.now);
  const context = { db, clock };
  const categories = createCategoryRepository(context);
  const stock = createStockRepository(context);
  const products = createProductRepository(context, categories, stock);
  const prices = createPriceRepository(context);
  const groups = createCustomerGroupRepository(context);
  const customers = createCustomerRepository(context, groups);
  const orders = createOrderRepository(context);
  const paymentReads = createPaymentReads(context);
  const invoiceReads = createInvoiceReads(context);
  const shipmentReads = createShipmentReads(context);
  let closed = false;

  // The shop's reads are synchronous SQLite; `async` turns a refused cursor into a rejection, as callers expect.
  const idOf = (platformId: string | null, what: string): number => {
    const id = toRowId(platformId);
    if (id === null) throw new Error(`no ${what} id given for an update`);
    return id;
  };

  return {
    async describe() {
      return { ...DEMO_PLATFORM };
    },
    async configuration(): Promise<PlatformConfiguration> {
      return {
        ...staticConfiguration(),
        customerGroups: groups.all().map((group) => ({
          id: group.id ?? '',
          name: group.name.en ?? Object.values(group.name)[0] ?? '',
          ...(group.reference ? { reference: group.reference } : {}),
          ...(group.reduction ? { reduction: group.reduction } : {}),
        })),
      };
    },

    products: {
      list: async (listOptions: ListOptions): Promise<AdapterPage<Product>> => products.list(listOptions),
      get: async (id: string) => products.get(id),
      getByReferences: async (references: string[]) => products.getByReferences(references),
      listIds: async (listOptions: ListOptions) => products.listIds(listOptions),
      async write(plans: PlannedWrite<ProductWrite>[]): Promise<WriteOutcome[]> {
        return applyEach(db, plans, (plan) => {
          const directives = readDirectives(plan.directives, plan.data);
          if (plan.action === 'create') {
            const reference = plan.data.reference ?? plan.incoming.reference ?? plan.key;
            return { id: String(products.create(reference, plan.data, directives)) };
          }
          const id = idOf(plan.platformId, 'product');
          const result = products.update(id, plan.data, directives);
          return { id: String(id), ...(result.note ? { note: result.note } : {}) };
        });
      },
      async setActive(items: ActivationWrite[]): Promise<WriteOutcome[]> {
        return applyEach(db, items, (item) => ({ id: products.setActive(item.platformId, item.active) }));
      },
    },

    categories: {
      list: async (listOptions: ListOptions): Promise<AdapterPage<Category>> => categories.list(listOptions),
      get: async (id: string) => categories.get(id),
      getByReferences: async (references: string[]) => categories.getByReferences(references),
      listIds: async (listOptions: ListOptions) => categories.listIds(listOptions),
      async write(plans: PlannedWrite<CategoryWrite>[]): Promise<WriteOutcome[]> {
        return applyEach(db, plans, (plan) => {
          if (plan.action === 'create') {
            const reference = plan.data.reference ?? plan.incoming.reference ?? plan.key;
            return { id: String(categories.create(plan.data, reference)) };
          }
          const id = idOf(plan.platformId, 'category');
          categories.update(id, plan.data);
          return { id: String(id) };
        });
      },
    },

    stock: {
      list: async (listOptions: ListOptions): Promise<AdapterPage<StockLevel>> => stock.list(listOptions),
      get: async (id: string) => stock.get(id),
      getByReferences: async (references: string[]) => stock.getByReferences(references),
      async write(plans: StockWritePlan[]): Promise<WriteOutcome[]> {
        return applyEach(db, plans, (plan) => ({ id: stock.write(plan) }));
      },
    },

    prices: {
      getByReferences: async (references: string[]) => prices.getByReferences(references),
      async write(plans: PlannedWrite<PriceWrite>[]): Promise<WriteOutcome[]> {
        return applyEach(db, plans, (plan) => prices.write(plan.incoming.reference ?? plan.key, plan.data));
      },
    },

    customers: {
      list: async (listOptions: CustomerListOptions): Promise<AdapterPage<Customer>> => customers.list(listOptions),
      get: async (id: string) => customers.get(id),
      getByReferences: async (references: string[]) => customers.getByReferences(references),
      getByEmails: async (emails: string[]) => customers.getByEmails(emails),
      listIds: async (listOptions: ListOptions) => customers.listIds(listOptions),
      async write(plans: PlannedWrite<CustomerWrite>[]): Promise<WriteOutcome[]> {
        return applyEach(db, plans, (plan) => {
          if (plan.action === 'create') {
            const reference = plan.data.reference ?? plan.incoming.reference ?? plan.key;
            return { id: String(customers.create(reference, plan.data)) };
          }
          const id = idOf(plan.platformId, 'customer');
          customers.update(id, plan.data);
          // An account found by email takes the ERP's customer code when it has none yet.
          customers.adoptReference(id, plan.incoming.reference ?? plan.key);
          return { id: String(id) };
        });
      },
      async setActive(items: ActivationWrite[]): Promise<WriteOutcome[]> {
        return applyEach(db, items, (item) => ({ id: customers.setActive(item.platformId, item.active) }));
      },
    },

    customerGroups: {
      list: async (listOptions: ListOptions): Promise<AdapterPage<CustomerGroup>> => groups.list(listOptions),
      get: async (id: string) => groups.get(id),
      getByReferences: async (references: string[]) => groups.getByReferences(references),
      async write(plans: PlannedWrite<CustomerGroupWrite>[]): Promise<WriteOutcome[]> {
        return applyEach(db, plans, (plan) => {
          if (plan.action === 'create') {
            const reference = plan.data.reference ?? plan.incoming.reference ?? plan.key;
            return { id: String(groups.create(reference, plan.data)) };
          }
          const id = idOf(plan.platformId, 'customer group');
          groups.update(id, plan.data);
          return { id: String(id) };
        });
      },
    },

    orders: {
      list: async (listOptions: OrderListOptions): Promise<AdapterPage<Order>> => orders.list(listOptions),
      get: async (id: string) => orders.get(id),
      listIds: async (listOptions: ListOptions) => orders.listIds(listOptions),
      async setStatus(plans: StatusWritePlan[]): Promise<WriteOutcome[]> {
        return applyEach(db, plans, (plan) => orders.setStatus(plan));
      },
    },

    invoices: {
      list: async (listOptions: ListOptions) => invoiceReads.list(listOptions),
      get: async (id: string) => invoiceReads.get(id),
    },
    payments: {
      list: async (listOptions: ListOptions) => paymentReads.list(listOptions),
      get: async (id: string) => paymentReads.get(id),
    },
    shipments: {
      list: async (listOptions: ListOptions) => shipmentReads.list(listOptions),
      get: async (id: string) => shipmentReads.get(id),
    },

    demo: createDemoControls({ db, clock, products, stock, customers, groups, orders }),

    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
