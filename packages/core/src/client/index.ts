/**
 * @module
 * The remote side's client of a Passerelle module endpoint (`@passerelle/core/client`): typed
 * methods per route, async iterators over cursors, chunked idempotent writes, retries as data.
 */

export { PROTOCOL_PREFIX } from './base-url.js';
export {
  type BatchWrite,
  type ClientOptions,
  createClient,
  type Listing,
  type PasserelleClient,
} from './create-client.js';
export { PasserelleBatchError } from './errors/passerelle-batch-error.js';
export { PasserelleClientError } from './errors/passerelle-client-error.js';
export { PasserelleHttpError } from './errors/passerelle-http-error.js';
export { PasserelleNetworkError } from './errors/passerelle-network-error.js';
export { PasserelleProtocolError } from './errors/passerelle-protocol-error.js';
export { PasserelleTimeoutError } from './errors/passerelle-timeout-error.js';
export { SIGNATURE_HEADER, signPayload, TIMESTAMP_HEADER } from './hmac-signature.js';
export { parseRetryAfter } from './retry-after.js';
export { defaultRetryPolicy, type RetryPolicy } from './retry-policy.js';
export type {
  AcknowledgeInput,
  ActivationInput,
  CallOptions,
  Category,
  Change,
  ChangeListParams,
  ClientTypes,
  Configuration,
  Customer,
  CustomerListParams,
  DefaultClientTypes,
  Entity,
  FieldIssue,
  Health,
  Invoice,
  ItemOutcome,
  ItemResult,
  IterateParams,
  JournalEntry,
  JournalLevel,
  JournalListParams,
  KeyedInput,
  ListParams,
  ModuleInfo,
  OpenApiDocument,
  Order,
  OrderStatus,
  OrderStatusUpdate,
  Page,
  Payment,
  Problem,
  Product,
  ResetRequest,
  ResetResult,
  StockInput,
  StockLevel,
  WriteOptions,
  WriteResult,
} from './types.js';
