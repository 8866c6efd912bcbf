/**
 * @module
 * `@passerelle/dolibarr-module`: the Dolibarr side of Passerelle. `createDolibarrModule` is core's
 * module over Dolibarr's REST API: it serves products, stock, prices, order statuses with tracking
 * numbers and invoice numbers, and receives the shops' customers, orders, invoices and payments.
 */
export { createDolibarrAdapter, type DolibarrAdapter, type DolibarrAdapterOptions } from './adapter.js';
export { externalRef, parseExternalRef } from './adapter-context.js';
export {
  apiBaseOf,
  createDolibarrClient,
  type DolibarrCall,
  type DolibarrClient,
  type DolibarrClientOptions,
  type Query,
} from './client.js';
export { type DolibarrVersion, parseDolibarrVersion, STRICT_FILTERS_SINCE } from './dolibarr-version.js';
export { DOLIBARR_ORDER_STATES } from './map/order-status.js';
export { type CreateDolibarrModuleOptions, createDolibarrModule, type DolibarrModule } from './module.js';
export { DOLIBARR_API_VERSION } from './resources/describe.js';
export { type DolibarrRetryPolicy, defaultDolibarrRetryPolicy } from './retry-policy.js';
export {
  type DolibarrModuleSettings,
  type DolibarrSettings,
  dolibarrModuleSettingsSchema,
  dolibarrSection,
  dolibarrSettingsSchema,
} from './settings.js';
export { dialectFor, type FilterDialect } from './sqlfilters.js';
