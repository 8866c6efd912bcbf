/**
 * @module
 * `@passerelle/core`: the entity contracts, settings and sync rules, the module endpoint,
 * the state store, the change journal, events and jobs. The remote side's client is
 * `@passerelle/core/client`; the conformance suites are `@passerelle/core/testing`.
 */

export {
  type ActivationWrite,
  type AdapterPage,
  type Capabilities,
  type CategoryOperations,
  type CategoryWrite,
  type CustomerGroupOperations,
  type CustomerGroupWrite,
  type CustomerListOptions,
  type CustomerOperations,
  type CustomerWrite,
  capabilitiesOf,
  type EntityReads,
  type ErpOperations,
  type ListOptions,
  type LookupItem,
  type OrderListOptions,
  type OrderOperations,
  type OrderStatusWrite,
  type PlannedWrite,
  type PlatformAdapter,
  type PlatformConfiguration,
  type PlatformDescription,
  type PriceOperations,
  type PriceWrite,
  type ProductOperations,
  type ProductWrite,
  type StatusWritePlan,
  type StockOperations,
  type StockWritePlan,
  type WriteContext,
  type WriteOutcome,
} from './adapter.js';
export {
  ADMIN_CSRF_FIELD,
  ADMIN_PASSWORD_MIN_LENGTH,
  ADMIN_SECURITY_HEADERS,
  ADMIN_SESSION_COOKIE,
  DEFAULT_ADMIN_PATH,
} from './admin/index.js';
export * from './contracts/index.js';
export { type GetClientAddress, PROTOCOL_VERSION } from './endpoint/app.js';
export type { RequestEnv } from './endpoint/context.js';
export { IDEMPOTENCY_HEADER } from './endpoint/idempotency.js';
export { DEFAULT_LIMIT, MAX_BATCH, MAX_BODY_BYTES, MAX_LIMIT } from './endpoint/limits.js';
export { buildOpenApi } from './endpoint/openapi.js';
export * from './errors/index.js';
export {
  createEventEmitter,
  type ItemResult,
  type ModuleEventEmitter,
  type ModuleEvents,
  type WriteOutcomeKind,
} from './events.js';
export { createJobs, type JobDefinition, type JobFunction, type Jobs } from './jobs.js';
export {
  type ActivityFields,
  type ActivityLog,
  type ChangeDetector,
  type ChangeSummary,
  contentHash,
  createActivityLog,
  createChangeDetector,
  createInbox,
  type Inbox,
  type IncomingWebhook,
  journalFromWebhook,
  redactSecrets,
} from './journal/index.js';
export {
  type CreateModuleOptions,
  createModule,
  DEFAULT_BASE_PATH,
  type ListenOptions,
  type Logger,
  MODULE_VERSION,
  type PasserelleModule,
  type RunningServer,
} from './module.js';
export * from './rules/index.js';
export { type ConcurrencyLimit, createConcurrencyLimit } from './runtime/concurrency-limit.js';
export { mapWithConcurrency } from './runtime/map-with-concurrency.js';
export type { SettingsRuntime, SettingsSnapshot } from './runtime/settings-runtime.js';
export * from './settings/index.js';
// Start-up as the examples do it: PASSERELLE_* and .env, store, password shown once, banner, signals.
export * from './starter/index.js';
export {
  type Acknowledgement,
  type ActivityEntry,
  type ActivityLevel,
  type Binding,
  type ChangeRecord,
  type Clock,
  type CursorEntry,
  createMemoryStore,
  createSqliteStore,
  type IdempotencyRecord,
  INBOX_MAX_ATTEMPTS,
  type InboxItem,
  type MemoryStoreOptions,
  type SqliteStoreOptions,
  type Store,
  type StoredSettingsRecord,
  systemClock,
} from './state/index.js';
// The reference in-memory adapter: the smallest complete bridge, for demos, embedding sketches and benchmarks.
export { createMemoryAdapter, type MemoryAdapter, type MemoryAdapterOptions } from './testing/memory-adapter.js';
export { demoSeed, type MemorySeed } from './testing/memory-seed.js';
