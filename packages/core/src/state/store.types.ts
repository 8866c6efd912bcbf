import type { BindingConflictError } from '../errors/index.js';

/** Where every store takes "now" from, so tests can move time (purges, throttle windows, block expiry). */
export interface Clock {
  now(): Date;
}

export type ChangeEntity =
  | 'product'
  | 'variant'
  | 'category'
  | 'stock'
  | 'price'
  | 'customer'
  | 'customer-group'
  | 'order'
  | 'payment'
  | 'invoice'
  | 'shipment';

export type ChangeOp = 'created' | 'updated' | 'deleted';

/** One line of the change journal. `seq` is store-wide, so one shop's sequence has gaps. */
export interface ChangeRecord {
  seq: number;
  shopId: string;
  entity: ChangeEntity;
  id: string;
  reference: string | null;
  op: ChangeOp;
  /** ISO 8601 UTC; normalised by the store to `Date#toISOString()` form. */
  at: string;
}

/** `(shopId, entity, reference) <-> platformId`: the anti-duplicate primitive, unique both ways. */
export interface Binding {
  shopId: string;
  entity: string;
  reference: string;
  platformId: string;
  contentHash: string | null;
  sourceUpdatedAt: string | null;
  syncedAt: string;
}

export interface Acknowledgement {
  shopId: string;
  orderId: string;
  documentNumber: string | null;
  acknowledgedAt: string;
}

export interface IdempotencyRecord {
  shopId: string;
  key: string;
  requestHash: string;
  status: number;
  body: string;
  createdAt: string;
}

export type ActivityLevel = 'debug' | 'info' | 'warn' | 'error';

export interface ActivityEntry {
  id: number;
  shopId: string;
  /** ISO 8601 UTC; normalised by the store. */
  at: string;
  level: ActivityLevel;
  /** e.g. 'read', 'write', 'ack', 'reset', 'auth', 'job', 'settings'. */
  kind: string;
  entity: string | null;
  reference: string | null;
  /** created | updated | unchanged | skipped | failed | ok | rejected */
  outcome: string | null;
  message: string;
  details: Record<string, unknown> | null;
}

export interface InboxItem {
  id: number;
  shopId: string;
  source: string;
  deliveryId: string;
  topic: string;
  payload: string;
  receivedAt: string;
  attempts: number;
  processedAt: string | null;
  lastError: string | null;
}

export interface StoredSettingsRecord {
  shopId: string;
  schemaVersion: number;
  /** 1 on the first save, then +1 on every save. */
  revision: number;
  /** Stored as JSON: what comes back is what `JSON.parse(JSON.stringify(data))` gives. */
  data: unknown;
  updatedAt: string;
  updatedBy: string | null;
}

export interface ReadChangesOptions {
  afterSeq: number;
  /** Only these entities; absent or empty = every entity. */
  entities?: ChangeEntity[];
  limit: number;
}

export interface ReadActivityOptions {
  /** Entries with a larger id, oldest first. Takes precedence over the default order. */
  afterId?: number;
  /** Entries with a smaller id; newest first unless `afterId` is also given. */
  beforeId?: number;
  limit: number;
  level?: ActivityLevel;
  kind?: string;
  entity?: string;
  outcome?: string;
}

/** One value of `setCursors`. */
export interface CursorEntry {
  name: string;
  value: string;
}

export interface ListBindingsOptions {
  /** Exclusive lower bound. */
  afterReference?: string;
  limit: number;
}

/**
 * Everything the module must remember. Async so that a networked store (Postgres for a multi-shop
 * Shopify deployment) can implement it; every record carries `shopId` ('default' for single-shop modules).
 *
 * Shared semantics, proven for every implementation by `runStoreConformance`:
 * - strings order by Unicode code point (SQLite's BINARY collation on UTF-8), e.g. binding references;
 * - `limit` is a non-negative integer, 0 answers an empty page; anything else is a ValidationError;
 * - ISO timestamps given to the store (`at`) must be ISO 8601 with a zone and come back in UTC `toISOString()` form;
 * - returned objects are copies: mutating them never changes the store;
 * - after `close()` every method rejects with StoreUnavailableError; a write the store cannot make durable
 *   (read-only file, full disk, I/O error) rejects with StoreUnavailableError and applies nothing.
 */
export interface Store {
  // settings
  loadSettings(shopId: string): Promise<StoredSettingsRecord | null>;
  /** Revision = previous + 1 (1 for the first save). */
  saveSettings(
    shopId: string,
    schemaVersion: number,
    data: unknown,
    updatedBy: string | null,
  ): Promise<StoredSettingsRecord>;

  // bindings: (shopId, entity, reference) UNIQUE and (shopId, entity, platformId) UNIQUE
  getBinding(shopId: string, entity: string, reference: string): Promise<Binding | null>;
  getBindingByPlatformId(shopId: string, entity: string, platformId: string): Promise<Binding | null>;
  /** Only the references that are bound appear in the map; an empty list answers an empty map. */
  getBindings(shopId: string, entity: string, references: string[]): Promise<Map<string, Binding>>;
  /** Same reference: updates it. A platformId already bound to another reference: BindingConflictError. */
  upsertBinding(binding: Binding): Promise<void>;
  /**
   * `upsertBinding` for each binding, in order, as one write with the durability of `upsertBinding`. A binding
   * whose platformId another reference holds (before the call or from an earlier binding of the same call) is
   * not written and does not stop the others: its entry is the BindingConflictError `upsertBinding` would have
   * thrown. One entry per binding, in order, `null` for those written. A store failure applies none of them.
   */
  upsertBindings(bindings: Binding[]): Promise<(BindingConflictError | null)[]>;
  /** Ordered by reference. */
  listBindings(shopId: string, entity: string, options: ListBindingsOptions): Promise<Binding[]>;
  deleteBinding(shopId: string, entity: string, reference: string): Promise<boolean>;

  // acknowledgements (the order transfer queue); durable when the promise resolves
  /**
   * Idempotent: acknowledging twice keeps the first acknowledgedAt and updates documentNumber when a new
   * non-null one comes. One result per item, in order; an id repeated in one call is already acknowledged
   * the second time. All or nothing.
   */
  acknowledge(
    shopId: string,
    items: { orderId: string; documentNumber: string | null }[],
  ): Promise<{ orderId: string; alreadyAcknowledged: boolean }[]>;
  /** Only the ids that are acknowledged appear in the map. */
  getAcknowledgements(shopId: string, orderIds: string[]): Promise<Map<string, Acknowledgement>>;
  /**
   * Returns the ids that were reset: for `ids`, those that were acknowledged, in the order given, without
   * repeats; for `all`, every acknowledged id of the shop, oldest acknowledgement first.
   */
  resetAcknowledgements(shopId: string, target: { ids: string[] } | { all: true }): Promise<string[]>;

  // idempotency
  getIdempotency(shopId: string, key: string): Promise<IdempotencyRecord | null>;
  /** The first record saved for a key wins: a second save with the same key changes nothing. */
  saveIdempotency(record: Omit<IdempotencyRecord, 'createdAt'>): Promise<void>;
  /** Deletes records created before `olderThan`, in every shop; returns how many. */
  purgeIdempotency(olderThan: Date): Promise<number>;

  // change journal: seq is monotonic per store (strictly increasing, never reused even after purge)
  /** Atomic: all are appended, in order, or none. */
  appendChanges(changes: Omit<ChangeRecord, 'seq'>[]): Promise<ChangeRecord[]>;
  /** Ascending seq. */
  readChanges(shopId: string, options: ReadChangesOptions): Promise<ChangeRecord[]>;
  /** The highest seq ever given to this shop (0 if none), still known after its changes are purged. */
  lastChangeSeq(shopId: string): Promise<number>;
  /** Deletes changes whose `at` is before `olderThan`, in every shop; returns how many. */
  purgeChanges(olderThan: Date): Promise<number>;

  // activity log
  appendActivity(entries: Omit<ActivityEntry, 'id'>[]): Promise<void>;
  /** afterId: ascending; otherwise (beforeId or nothing): newest first. */
  readActivity(shopId: string, options: ReadActivityOptions): Promise<ActivityEntry[]>;
  /** Deletes entries whose `at` is before `olderThan`, in every shop; ids are never reused. */
  purgeActivity(olderThan: Date): Promise<number>;

  // cursors / checkpoints (sweep high-water marks etc.)
  getCursor(shopId: string, name: string): Promise<string | null>;
  /** Only the names that are set appear in the map; an empty list answers an empty map. */
  getCursors(shopId: string, names: string[]): Promise<Map<string, string>>;
  setCursor(shopId: string, name: string, value: string): Promise<void>;
  /**
   * `setCursor` for each entry, in order, as one write with the durability of `setCursor`: a name given twice
   * keeps the last value. All or nothing.
   */
  setCursors(shopId: string, entries: CursorEntry[]): Promise<void>;

  // auth throttle, keyed by client address
  /**
   * Failures from `address` in the last `windowSeconds`, including this one. Failures older than the
   * window are forgotten for every address, so the window is meant to be one module-wide setting.
   */
  recordAuthFailure(address: string, windowSeconds: number): Promise<number>;
  clearAuthFailures(address: string): Promise<void>;
  /** The end of the block on `address`, or null when there is none or it has expired. */
  getBlock(address: string): Promise<Date | null>;
  setBlock(address: string, until: Date): Promise<void>;

  // webhook inbox: store first, process later, dedupe on (shopId, source, deliveryId)
  /** A delivery seen before answers `inserted: false` and the id it was stored under. */
  inboxPut(item: {
    shopId: string;
    source: string;
    deliveryId: string;
    topic: string;
    payload: string;
  }): Promise<{ inserted: boolean; id: number }>;
  /**
   * Unprocessed items, oldest first, with fewer than INBOX_MAX_ATTEMPTS attempts; increments attempts and
   * leases them for INBOX_LEASE_SECONDS, during which another claim skips them (a crashed worker's items come
   * back when the lease ends). With `shopId`, only that shop's items: each shop's worker claims its own.
   */
  inboxClaim(limit: number, shopId?: string): Promise<InboxItem[]>;
  /** Marks the item processed; unknown id: NotFoundError. Completing twice keeps the first processedAt. */
  inboxComplete(id: number): Promise<void>;
  /** Records the error and ends the lease so the next claim retries it; unknown id: NotFoundError. */
  inboxFail(id: number, error: string): Promise<void>;
  /** Unprocessed items, including those that ran out of attempts (they need a human). */
  inboxBacklog(shopId?: string): Promise<number>;
  /** Deletes items processed before `olderThan`; returns how many. */
  inboxPurge(olderThan: Date): Promise<number>;

  close(): Promise<void>;
}
