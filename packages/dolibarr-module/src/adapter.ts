import { createConcurrencyLimit, type PlatformAdapter } from '@passerelle/core';
import type { AdapterContext } from './adapter-context.js';
import { createDolibarrClient, type DolibarrClient, type DolibarrClientOptions } from './client.js';
import { createKeyedLock } from './keyed-lock.js';
import { createLookups } from './lookups.js';
import { createCategoryOperations } from './resources/categories.js';
import { createCustomerOperations } from './resources/customers.js';
import { configurationOf, describeDolibarr } from './resources/describe.js';
import { createInvoiceReads, createOrderReads, createShipmentReads } from './resources/documents.js';
import { createErpOperations } from './resources/erp-documents.js';
import { createProductOperations } from './resources/products.js';
import { createStockOperations } from './resources/stock.js';
import { dolibarrModuleSettingsSchema } from './settings.js';

export interface DolibarrAdapterOptions extends Omit<DolibarrClientOptions, 'timeZone'> {
  /**
   * The module's settings in force (core sections and `platform.dolibarr`), read on every call so an
   * admin change applies at once. `createDolibarrModule` wires the module's own.
   * @default the defaults of every setting
   */
  settings?: () => unknown | Promise<unknown>;
  /** A client already built (tests, a shared instance); `url`, `apiKey` and the rest are then ignored. */
  client?: DolibarrClient;
  /** @default () => new Date() */
  now?: () => Date;
}

export interface DolibarrAdapter extends PlatformAdapter {
  client: DolibarrClient;
}

/**
 * The Dolibarr bridge: reads products (variants as child products), stock, categories, customers,
 * orders, invoices and shipments; writes products, categories, stock (as movements), customers
 * (third parties and contacts), and on the ERP side the shop's orders, invoices and payments.
 */
export function createDolibarrAdapter(options: DolibarrAdapterOptions): DolibarrAdapter {
  const defaults = dolibarrModuleSettingsSchema.parse({});
  const settings = async () => (options.settings ? await options.settings() : defaults);
  const base = options.client ?? createDolibarrClient(options);
  // The server's zone is a setting: read when a filter is built, so a change applies without a restart.
  const client: DolibarrClient = {
    ...base,
    async dialect() {
      const current = (await settings()) as { platform?: { dolibarr?: { timeZone?: unknown } } } | null;
      const zone = current?.platform?.dolibarr?.timeZone;
      return { ...(await base.dialect()), timeZone: typeof zone === 'string' ? zone : 'UTC' };
    },
  };
  const lock = createKeyedLock();
  const context: AdapterContext = {
    client,
    lookups: createLookups(client, lock),
    lock,
    settings,
    now: options.now ?? (() => new Date()),
    stockWrites: new Map(),
    writeSlots: createConcurrencyLimit(),
  };
  const customers = createCustomerOperations(context);
  const { findThirdparty: _find, ...customerOperations } = customers;
  return {
    client,
    describe: () => describeDolibarr(context),
    configuration: () => configurationOf(context),
    products: createProductOperations(context),
    categories: createCategoryOperations(context),
    stock: createStockOperations(context),
    customers: customerOperations,
    orders: createOrderReads(context),
    invoices: createInvoiceReads(context),
    shipments: createShipmentReads(context),
    erp: createErpOperations(context, customers),
  };
}
