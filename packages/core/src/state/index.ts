/**
 * @module
 * The state store: settings, bindings, acknowledgements, idempotency records, change journal, activity log,
 * cursors, auth throttle and webhook inbox, behind one async `Store` interface. `createSqliteStore` is the
 * default (one WAL file); `createMemoryStore` is for tests and demos. The conformance battery lives in
 * `./testing.js`, because it imports vitest.
 */
export { INBOX_LEASE_SECONDS, INBOX_MAX_ATTEMPTS } from './inbox-limits.js';
export { createMemoryStore, type MemoryStoreOptions } from './memory-store.js';
export {
  createSqliteStore,
  type SqliteStoreOptions,
  type SynchronousLevel,
  type WriteObservation,
  type WriteOperation,
} from './sqlite-store.js';
export type {
  Acknowledgement,
  ActivityEntry,
  ActivityLevel,
  Binding,
  ChangeEntity,
  ChangeOp,
  ChangeRecord,
  Clock,
  CursorEntry,
  IdempotencyRecord,
  InboxItem,
  ListBindingsOptions,
  ReadActivityOptions,
  ReadChangesOptions,
  Store,
  StoredSettingsRecord,
} from './store.types.js';
export { systemClock } from './system-clock.js';
