/**
 * @module
 * `@passerelle/prestashop-bridge`: a Passerelle module over the PrestaShop 8/9 Webservice. JSON reads,
 * XML writes (CDATA, `<language id>` fields), PATCH or read-modify-write updates, stock through
 * `stock_availables`, statuses through `order_histories`, tracking through `order_carriers`.
 */
export {
  createPrestashopAdapter,
  PRESTASHOP_API_VERSION,
  type PrestashopAdapter,
  type PrestashopAdapterOptions,
} from './adapter.js';
export {
  createPrestashopClient,
  type ListQuery,
  type PrestashopClient,
  type PrestashopClientOptions,
  type ProductImageUpload,
  type PsRow,
  type WebserviceDescription,
  type WriteParams,
} from './client.js';
export {
  type CreatePrestashopModuleOptions,
  createPrestashopModule,
  FULL_SWEEP_SCHEDULE,
  type PrestashopModule,
} from './module.js';
export { createNodeTransport, type NodeTransport, type NodeTransportOptions } from './node-transport.js';
export { missingPermissions, REQUIRED_PERMISSIONS } from './permissions.js';
export { PrestashopError, type PrestashopFailure, type WebserviceErrorEntry } from './prestashop-error.js';
export {
  type BindingReader,
  type BoundEntity,
  emptyReferenceBook,
  type ReferenceBook,
  referenceBookFromStore,
} from './reference-book.js';
export { type PsResource, resourceNodes } from './resources.js';
export { defaultRetryPolicy, type RetryPolicy, resolveRetryPolicy } from './retry-policy.js';
export { type PrestashopModuleSettings, prestashopSettings, prestashopSettingsSchema } from './settings.js';
export {
  buildEntityXml,
  type PsAssociation,
  type PsEntity,
  type PsFieldValue,
  type PsScalar,
  type PsTranslated,
} from './xml.js';
