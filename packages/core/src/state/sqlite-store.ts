import Database from 'better-sqlite3';
import { BindingConflictError, NotFoundError, StoreUnavailableError } from '../errors/index.js';
import { INBOX_LEASE_SECONDS, INBOX_MAX_ATTEMPTS } from './inbox-limits.js';
import { migrate } from './migrations.js';
import type {
  Acknowledgement,
  ActivityEntry,
  ActivityLevel,
  Binding,
  ChangeEntity,
  ChangeOp,
  ChangeRecord,
  Clock,
  IdempotencyRecord,
  InboxItem,
  Store,
  StoredSettingsRecord,
} from './store.types.js';
import { pageLimit, toInstant, toJson, windowMs } from './store-input.js';
import { systemClock } from './system-clock.js';

export type SynchronousLevel = 'off' | 'normal' | 'full' | 'extra';

/** What `observeWrites` sees: the operation and the `PRAGMA synchronous` its transaction committed under. */
export interface WriteObservation {
  operation: WriteOperation;
  synchronous: SynchronousLevel;
}

export interface SqliteStoreOptions {
  /** A file path, or ':memory:' for a store that lives as long as the process. */
  path: string;
  /** @default systemClock */
  clock?: Clock;
  /**
   * Called inside every write transaction, just before it commits, with the synchronous level actually in
   * force (read back from SQLite, not from our bookkeeping). For tests and diagnostics; leave it out otherwise.
   */
  observeWrites?: (write: WriteObservation) => void;
}

/**
 * How each write is committed. One connection-wide level would be either slow or unsafe, so it is chosen per
 * transaction (SQLite only allows changing it between transactions).
 *
 * 'full': in WAL mode NORMAL already survives a SIGKILL of the process (a committed transaction is in the WAL
 * file, in the OS page cache), but not an OS crash or power cut, which can lose the last commits. For an
 * acknowledgement that means an order the cloud got a 200 for comes back in GET /orders and is imported twice;
 * for the journal, a seq the cloud already read is handed out again and a change is skipped; for the inbox, a
 * webhook we answered 200 to is gone and the platform will not resend it. So these, and the settings, bindings
 * and idempotency records, wait for the WAL fsync (FULL) before the promise resolves.
 *
 * 'normal': losing the last few of these to a power cut costs a repeated sweep, a repeated inbox item (handlers
 * are idempotent upserts), a forgotten auth failure or a lost log line: never a duplicate or a skipped record.
 */
const durability = {
  saveSettings: 'full',
  upsertBinding: 'full',
  upsertBindings: 'full',
  deleteBinding: 'full',
  acknowledge: 'full',
  resetAcknowledgements: 'full',
  saveIdempotency: 'full',
  appendChanges: 'full',
  inboxPut: 'full',
  purgeIdempotency: 'normal',
  purgeChanges: 'normal',
  appendActivity: 'normal',
  purgeActivity: 'normal',
  setCursor: 'normal',
  setCursors: 'normal',
  recordAuthFailure: 'normal',
  clearAuthFailures: 'normal',
  setBlock: 'normal',
  inboxClaim: 'normal',
  inboxComplete: 'normal',
  inboxFail: 'normal',
  inboxPurge: 'normal',
} as const satisfies Partial<Record<keyof Store, 'full' | 'normal'>>;

export type WriteOperation = keyof typeof durability;

const synchronousLevels: readonly SynchronousLevel[] = ['off', 'normal', 'full', 'extra'];

// Why the store cannot serve, by SQLite primary result code. Messages never carry the file path.
const unavailableReasons: Record<string, string> = {
  SQLITE_READONLY: 'its file is read-only',
  SQLITE_FULL: 'the disk is full',
  SQLITE_IOERR: 'the disk returned an I/O error',
  SQLITE_CANTOPEN: 'its file cannot be opened',
  SQLITE_BUSY: 'another process holds its lock',
  SQLITE_LOCKED: 'another connection holds its lock',
  SQLITE_CORRUPT: 'its file is damaged',
  SQLITE_NOTADB: 'its file is not a database',
};

function toStoreError(error: unknown): unknown {
  if (error instanceof Database.SqliteError) {
    const primary = error.code.split('_').slice(0, 2).join('_');
    const reason = unavailableReasons[primary];
    if (reason !== undefined) {
      // SQLite's own messages ("attempt to write a readonly database") name no path, so the cause can stay.
      return new StoreUnavailableError(`The state store is unavailable: ${reason}.`, { cause: error });
    }
  }
  // better-sqlite3 checks the directory itself and throws a TypeError; no cause, in case a message names it.
  if (error instanceof TypeError && /directory does not exist/i.test(error.message)) {
    return new StoreUnavailableError(`The state store is unavailable: ${unavailableReasons.SQLITE_CANTOPEN}.`);
  }
  return error;
}

interface SettingsRow {
  shop_id: string;
  schema_version: number;
  revision: number;
  data: string;
  updated_at: string;
  updated_by: string | null;
}
interface BindingRow {
  shop_id: string;
  entity: string;
  reference: string;
  platform_id: string;
  content_hash: string | null;
  source_updated_at: string | null;
  synced_at: string;
}
interface AcknowledgementRow {
  shop_id: string;
  order_id: string;
  document_number: string | null;
  acknowledged_at: string;
}
interface IdempotencyRow {
  shop_id: string;
  key: string;
  request_hash: string;
  status: number;
  body: string;
  created_at: string;
}
interface ChangeRow {
  seq: number;
  shop_id: string;
  entity: ChangeEntity;
  entity_id: string;
  reference: string | null;
  op: ChangeOp;
  at: string;
}
interface ActivityRow {
  id: number;
  shop_id: string;
  at: string;
  level: ActivityLevel;
  kind: string;
  entity: string | null;
  reference: string | null;
  outcome: string | null;
  message: string;
  details: string | null;
}
interface InboxRow {
  id: number;
  shop_id: string;
  source: string;
  delivery_id: string;
  topic: string;
  payload: string;
  received_at: string;
  attempts: number;
  processed_at: string | null;
  last_error: string | null;
}

const toSettings = (row: SettingsRow): StoredSettingsRecord => ({
  shopId: row.shop_id,
  schemaVersion: row.schema_version,
  revision: row.revision,
  data: JSON.parse(row.data) as unknown,
  updatedAt: row.updated_at,
  updatedBy: row.updated_by,
});
const toBinding = (row: BindingRow): Binding => ({
  shopId: row.shop_id,
  entity: row.entity,
  reference: row.reference,
  platformId: row.platform_id,
  contentHash: row.content_hash,
  sourceUpdatedAt: row.source_updated_at,
  syncedAt: row.synced_at,
});
const toAcknowledgement = (row: AcknowledgementRow): Acknowledgement => ({
  shopId: row.shop_id,
  orderId: row.order_id,
  documentNumber: row.document_number,
  acknowledgedAt: row.acknowledged_at,
});
const toIdempotency = (row: IdempotencyRow): IdempotencyRecord => ({
  shopId: row.shop_id,
  key: row.key,
  requestHash: row.request_hash,
  status: row.status,
  body: row.body,
  createdAt: row.created_at,
});
const toChange = (row: ChangeRow): ChangeRecord => ({
  seq: row.seq,
  shopId: row.shop_id,
  entity: row.entity,
  id: row.entity_id,
  reference: row.reference,
  op: row.op,
  at: row.at,
});
const toActivity = (row: ActivityRow): ActivityEntry => ({
  id: row.id,
  shopId: row.shop_id,
  at: row.at,
  level: row.level,
  kind: row.kind,
  entity: row.entity,
  reference: row.reference,
  outcome: row.outcome,
  message: row.message,
  details: row.details === null ? null : (JSON.parse(row.details) as Record<string, unknown>),
});
const toInboxItem = (row: InboxRow): InboxItem => ({
  id: row.id,
  shopId: row.shop_id,
  source: row.source,
  deliveryId: row.delivery_id,
  topic: row.topic,
  payload: row.payload,
  receivedAt: row.received_at,
  attempts: row.attempts,
  processedAt: row.processed_at,
  lastError: row.last_error,
});

function openDatabase(path: string, clock: Clock): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { timeout: 5000 });
    // WAL: readers (GET /orders) never wait for the writer, and a commit is one append to the WAL.
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    migrate(db, undefined, clock.now());
    return db;
  } catch (error) {
    db?.close();
    throw toStoreError(error);
  }
}

/**
 * The default store: one SQLite file (WAL), safe to share between the processes of one host. Opening it applies
 * any pending schema migration. Throws StoreUnavailableError when the file cannot be opened or migrated.
 */
export function createSqliteStore(options: SqliteStoreOptions): Store {
  const clock = options.clock ?? systemClock;
  const observe = options.observeWrites;
  const db = openDatabase(options.path, clock);
  let closed = false;
  let synchronous: 'normal' | 'full' = 'normal';

  const q = {
    loadSettings: db.prepare<[string], SettingsRow>('SELECT * FROM settings WHERE shop_id = ?'),
    saveSettings: db.prepare<[Record<string, unknown>], SettingsRow>(`
      INSERT INTO settings (shop_id, schema_version, revision, data, updated_at, updated_by)
      VALUES (@shopId, @schemaVersion, 1, @data, @updatedAt, @updatedBy)
      ON CONFLICT (shop_id) DO UPDATE SET
        schema_version = excluded.schema_version, revision = settings.revision + 1, data = excluded.data,
        updated_at = excluded.updated_at, updated_by = excluded.updated_by
      RETURNING *`),
    getBinding: db.prepare<[string, string, string], BindingRow>(
      'SELECT * FROM bindings WHERE shop_id = ? AND entity = ? AND reference = ?',
    ),
    getBindings: db.prepare<[string, string, string], BindingRow>(`
      SELECT * FROM bindings WHERE shop_id = ? AND entity = ? AND reference IN (SELECT value FROM json_each(?))`),
    getBindingByPlatformId: db.prepare<[string, string, string], BindingRow>(
      'SELECT * FROM bindings WHERE shop_id = ? AND entity = ? AND platform_id = ?',
    ),
    upsertBinding: db.prepare<[Record<string, unknown>]>(`
      INSERT INTO bindings (shop_id, entity, reference, platform_id, content_hash, source_updated_at, synced_at)
      VALUES (@shopId, @entity, @reference, @platformId, @contentHash, @sourceUpdatedAt, @syncedAt)
      ON CONFLICT (shop_id, entity, reference) DO UPDATE SET
        platform_id = excluded.platform_id, content_hash = excluded.content_hash,
        source_updated_at = excluded.source_updated_at, synced_at = excluded.synced_at`),
    listBindings: db.prepare<[Record<string, unknown>], BindingRow>(`
      SELECT * FROM bindings
      WHERE shop_id = @shopId AND entity = @entity AND (@after IS NULL OR reference > @after)
      ORDER BY reference LIMIT @limit`),
    deleteBinding: db.prepare<[string, string, string]>(
      'DELETE FROM bindings WHERE shop_id = ? AND entity = ? AND reference = ?',
    ),
    getAcknowledgement: db.prepare<[string, string], AcknowledgementRow>(
      'SELECT * FROM acknowledgements WHERE shop_id = ? AND order_id = ?',
    ),
    insertAcknowledgement: db.prepare<[string, string, string | null, string]>(
      'INSERT INTO acknowledgements (shop_id, order_id, document_number, acknowledged_at) VALUES (?, ?, ?, ?)',
    ),
    updateDocumentNumber: db.prepare<[string, string, string]>(
      'UPDATE acknowledgements SET document_number = ? WHERE shop_id = ? AND order_id = ?',
    ),
    getAcknowledgements: db.prepare<[string, string], AcknowledgementRow>(`
      SELECT * FROM acknowledgements WHERE shop_id = ? AND order_id IN (SELECT value FROM json_each(?))`),
    deleteAcknowledgement: db.prepare<[string, string]>(
      'DELETE FROM acknowledgements WHERE shop_id = ? AND order_id = ?',
    ),
    listAcknowledged: db.prepare<[string], { order_id: string }>(
      'SELECT order_id FROM acknowledgements WHERE shop_id = ? ORDER BY acknowledged_at, order_id',
    ),
    deleteAllAcknowledgements: db.prepare<[string]>('DELETE FROM acknowledgements WHERE shop_id = ?'),
    getIdempotency: db.prepare<[string, string], IdempotencyRow>(
      'SELECT * FROM idempotency WHERE shop_id = ? AND key = ?',
    ),
    saveIdempotency: db.prepare<[Record<string, unknown>]>(`
      INSERT INTO idempotency (shop_id, key, request_hash, status, body, created_at)
      VALUES (@shopId, @key, @requestHash, @status, @body, @createdAt)
      ON CONFLICT (shop_id, key) DO NOTHING`),
    purgeIdempotency: db.prepare<[string]>('DELETE FROM idempotency WHERE created_at < ?'),
    insertChange: db.prepare<[Record<string, unknown>]>(`
      INSERT INTO changes (shop_id, entity, entity_id, reference, op, at)
      VALUES (@shopId, @entity, @id, @reference, @op, @at)`),
    advanceHead: db.prepare<[string, number]>(`
      INSERT INTO change_heads (shop_id, last_seq) VALUES (?, ?)
      ON CONFLICT (shop_id) DO UPDATE SET last_seq = MAX(last_seq, excluded.last_seq)`),
    readChanges: db.prepare<[string, number, number], ChangeRow>(
      'SELECT * FROM changes WHERE shop_id = ? AND seq > ? ORDER BY seq LIMIT ?',
    ),
    readChangesOf: db.prepare<[string, number, string, number], ChangeRow>(`
      SELECT * FROM changes WHERE shop_id = ? AND seq > ? AND entity IN (SELECT value FROM json_each(?))
      ORDER BY seq LIMIT ?`),
    lastChangeSeq: db.prepare<[string], { last_seq: number }>('SELECT last_seq FROM change_heads WHERE shop_id = ?'),
    purgeChanges: db.prepare<[string]>('DELETE FROM changes WHERE at < ?'),
    insertActivity: db.prepare<[Record<string, unknown>]>(`
      INSERT INTO activity (shop_id, at, level, kind, entity, reference, outcome, message, details)
      VALUES (@shopId, @at, @level, @kind, @entity, @reference, @outcome, @message, @details)`),
    purgeActivity: db.prepare<[string]>('DELETE FROM activity WHERE at < ?'),
    getCursor: db.prepare<[string, string], { value: string }>(
      'SELECT value FROM cursors WHERE shop_id = ? AND name = ?',
    ),
    getCursors: db.prepare<[string, string], { name: string; value: string }>(
      'SELECT name, value FROM cursors WHERE shop_id = ? AND name IN (SELECT value FROM json_each(?))',
    ),
    setCursor: db.prepare<[string, string, string]>(`
      INSERT INTO cursors (shop_id, name, value) VALUES (?, ?, ?)
      ON CONFLICT (shop_id, name) DO UPDATE SET value = excluded.value`),
    forgetAuthFailures: db.prepare<[number]>('DELETE FROM auth_failures WHERE at_ms <= ?'),
    insertAuthFailure: db.prepare<[string, number]>('INSERT INTO auth_failures (address, at_ms) VALUES (?, ?)'),
    countAuthFailures: db.prepare<[string, number], { failures: number }>(
      'SELECT COUNT(*) AS failures FROM auth_failures WHERE address = ? AND at_ms > ?',
    ),
    clearAuthFailures: db.prepare<[string]>('DELETE FROM auth_failures WHERE address = ?'),
    getBlock: db.prepare<[string, number], { until_ms: number }>(
      'SELECT until_ms FROM auth_blocks WHERE address = ? AND until_ms > ?',
    ),
    forgetBlocks: db.prepare<[number]>('DELETE FROM auth_blocks WHERE until_ms <= ?'),
    setBlock: db.prepare<[string, number]>(`
      INSERT INTO auth_blocks (address, until_ms) VALUES (?, ?)
      ON CONFLICT (address) DO UPDATE SET until_ms = excluded.until_ms`),
    inboxInsert: db.prepare<[Record<string, unknown>]>(`
      INSERT INTO inbox (shop_id, source, delivery_id, topic, payload, received_at)
      VALUES (@shopId, @source, @deliveryId, @topic, @payload, @receivedAt)
      ON CONFLICT (shop_id, source, delivery_id) DO NOTHING`),
    inboxFind: db.prepare<[string, string, string], { id: number }>(
      'SELECT id FROM inbox WHERE shop_id = ? AND source = ? AND delivery_id = ?',
    ),
    inboxClaim: db.prepare<[Record<string, unknown>], InboxRow>(`
      UPDATE inbox SET attempts = attempts + 1, claimed_until_ms = @leaseEnd
      WHERE id IN (
        SELECT id FROM inbox
        WHERE processed_at IS NULL AND attempts < @maxAttempts AND (claimed_until_ms IS NULL OR claimed_until_ms <= @now)
          AND (@shopId IS NULL OR shop_id = @shopId)
        ORDER BY id LIMIT @limit
      )
      RETURNING id, shop_id, source, delivery_id, topic, payload, received_at, attempts, processed_at, last_error`),
    inboxState: db.prepare<[number], { processed_at: string | null }>('SELECT processed_at FROM inbox WHERE id = ?'),
    inboxComplete: db.prepare<[string, number]>(
      'UPDATE inbox SET processed_at = ?, claimed_until_ms = NULL WHERE id = ? AND processed_at IS NULL',
    ),
    inboxFail: db.prepare<[string, number]>(
      'UPDATE inbox SET last_error = ?, claimed_until_ms = NULL WHERE id = ? AND processed_at IS NULL',
    ),
    inboxBacklog: db.prepare<[], { backlog: number }>(
      'SELECT COUNT(*) AS backlog FROM inbox WHERE processed_at IS NULL',
    ),
    inboxBacklogOf: db.prepare<[string], { backlog: number }>(
      'SELECT COUNT(*) AS backlog FROM inbox WHERE processed_at IS NULL AND shop_id = ?',
    ),
    inboxPurge: db.prepare<[string]>('DELETE FROM inbox WHERE processed_at IS NOT NULL AND processed_at < ?'),
  };

  // readActivity filters combine freely: one statement per combination, prepared on first use.
  const activityQueries = new Map<string, Database.Statement<[Record<string, unknown>], ActivityRow>>();
  const transaction = db.transaction((body: () => unknown) => body());

  const ensureOpen = (): void => {
    if (closed) throw new StoreUnavailableError('The state store is closed.');
  };
  const now = (): string => clock.now().toISOString();

  /** Inside a write transaction: binds one reference, or answers the conflict that kept it from being bound. */
  function bind(binding: Binding): BindingConflictError | null {
    const holder = q.getBindingByPlatformId.get(binding.shopId, binding.entity, binding.platformId);
    if (holder !== undefined && holder.reference !== binding.reference) {
      return new BindingConflictError(binding, holder.reference);
    }
    q.upsertBinding.run({ ...binding });
    return null;
  }

  function read<T>(body: () => T): T {
    ensureOpen();
    try {
      return body();
    } catch (error) {
      throw toStoreError(error);
    }
  }

  function write<T>(operation: WriteOperation, body: () => T): T {
    ensureOpen();
    try {
      const wanted = durability[operation];
      if (synchronous !== wanted) {
        db.pragma(`synchronous = ${wanted.toUpperCase()}`);
        synchronous = wanted;
      }
      // IMMEDIATE takes the write lock up front: a deferred transaction that reads and then writes can fail
      // with SQLITE_BUSY when another process wrote in between, without waiting for busy_timeout.
      return transaction.immediate(() => {
        const result = body();
        if (observe !== undefined) {
          const level = synchronousLevels[db.pragma('synchronous', { simple: true }) as number] ?? 'off';
          observe({ operation, synchronous: level });
        }
        return result;
      }) as T;
    } catch (error) {
      throw toStoreError(error);
    }
  }

  return {
    async loadSettings(shopId) {
      return read(() => {
        const row = q.loadSettings.get(shopId);
        return row === undefined ? null : toSettings(row);
      });
    },

    async saveSettings(shopId, schemaVersion, data, updatedBy) {
      return write('saveSettings', () => {
        const row = q.saveSettings.get({ shopId, schemaVersion, data: toJson(data), updatedAt: now(), updatedBy });
        return toSettings(row as SettingsRow);
      });
    },

    async getBinding(shopId, entity, reference) {
      return read(() => {
        const row = q.getBinding.get(shopId, entity, reference);
        return row === undefined ? null : toBinding(row);
      });
    },

    async getBindingByPlatformId(shopId, entity, platformId) {
      return read(() => {
        const row = q.getBindingByPlatformId.get(shopId, entity, platformId);
        return row === undefined ? null : toBinding(row);
      });
    },

    async getBindings(shopId, entity, references) {
      return read(() => {
        const found = new Map<string, Binding>();
        if (references.length === 0) return found;
        for (const row of q.getBindings.all(shopId, entity, JSON.stringify(references))) {
          found.set(row.reference, toBinding(row));
        }
        return found;
      });
    },

    async upsertBinding(binding) {
      write('upsertBinding', () => {
        const conflict = bind(binding);
        if (conflict !== null) throw conflict;
      });
    },

    async upsertBindings(bindings) {
      ensureOpen();
      if (bindings.length === 0) return [];
      // One transaction, so one WAL fsync for the whole batch: a conflict is an answer, not a rollback.
      return write('upsertBindings', () => bindings.map(bind));
    },

    async listBindings(shopId, entity, { afterReference, limit }) {
      const size = pageLimit(limit);
      return read(() =>
        q.listBindings.all({ shopId, entity, after: afterReference ?? null, limit: size }).map(toBinding),
      );
    },

    async deleteBinding(shopId, entity, reference) {
      return write('deleteBinding', () => q.deleteBinding.run(shopId, entity, reference).changes > 0);
    },

    async acknowledge(shopId, items) {
      return write('acknowledge', () => {
        const acknowledgedAt = now();
        return items.map(({ orderId, documentNumber }) => {
          const existing = q.getAcknowledgement.get(shopId, orderId);
          if (existing !== undefined) {
            if (documentNumber !== null && documentNumber !== existing.document_number) {
              q.updateDocumentNumber.run(documentNumber, shopId, orderId);
            }
            return { orderId, alreadyAcknowledged: true };
          }
          q.insertAcknowledgement.run(shopId, orderId, documentNumber, acknowledgedAt);
          return { orderId, alreadyAcknowledged: false };
        });
      });
    },

    async getAcknowledgements(shopId, orderIds) {
      return read(() => {
        const found = new Map<string, Acknowledgement>();
        for (const row of q.getAcknowledgements.all(shopId, JSON.stringify(orderIds))) {
          found.set(row.order_id, toAcknowledgement(row));
        }
        return found;
      });
    },

    async resetAcknowledgements(shopId, target) {
      return write('resetAcknowledgements', () => {
        if ('all' in target) {
          const reset = q.listAcknowledged.all(shopId).map((row) => row.order_id);
          q.deleteAllAcknowledgements.run(shopId);
          return reset;
        }
        return target.ids.filter((orderId) => q.deleteAcknowledgement.run(shopId, orderId).changes > 0);
      });
    },

    async getIdempotency(shopId, key) {
      return read(() => {
        const row = q.getIdempotency.get(shopId, key);
        return row === undefined ? null : toIdempotency(row);
      });
    },

    async saveIdempotency(record) {
      write('saveIdempotency', () => q.saveIdempotency.run({ ...record, createdAt: now() }));
    },

    async purgeIdempotency(olderThan) {
      return write('purgeIdempotency', () => q.purgeIdempotency.run(olderThan.toISOString()).changes);
    },

    async appendChanges(input) {
      ensureOpen();
      const changes = input.map((change, index) => ({ ...change, at: toInstant(change.at, `changes.${index}.at`) }));
      return write('appendChanges', () =>
        changes.map((change): ChangeRecord => {
          const seq = Number(q.insertChange.run(change).lastInsertRowid);
          q.advanceHead.run(change.shopId, seq);
          return { ...change, seq };
        }),
      );
    },

    async readChanges(shopId, { afterSeq, entities, limit }) {
      const size = pageLimit(limit);
      return read(() => {
        const rows =
          entities !== undefined && entities.length > 0
            ? q.readChangesOf.all(shopId, afterSeq, JSON.stringify(entities), size)
            : q.readChanges.all(shopId, afterSeq, size);
        return rows.map(toChange);
      });
    },

    async lastChangeSeq(shopId) {
      return read(() => q.lastChangeSeq.get(shopId)?.last_seq ?? 0);
    },

    async purgeChanges(olderThan) {
      return write('purgeChanges', () => q.purgeChanges.run(olderThan.toISOString()).changes);
    },

    async appendActivity(entries) {
      ensureOpen();
      const rows = entries.map((entry, index) => ({
        ...entry,
        at: toInstant(entry.at, `entries.${index}.at`),
        details: entry.details === null ? null : toJson(entry.details),
      }));
      write('appendActivity', () => {
        for (const row of rows) q.insertActivity.run(row);
      });
    },

    async readActivity(shopId, options) {
      const size = pageLimit(options.limit);
      return read(() => {
        const where = ['shop_id = @shopId'];
        if (options.afterId !== undefined) where.push('id > @afterId');
        if (options.beforeId !== undefined) where.push('id < @beforeId');
        for (const column of ['level', 'kind', 'entity', 'outcome'] as const) {
          if (options[column] !== undefined) where.push(`${column} = @${column}`);
        }
        const order = options.afterId === undefined ? 'DESC' : 'ASC';
        const sql = `SELECT * FROM activity WHERE ${where.join(' AND ')} ORDER BY id ${order} LIMIT @limit`;
        let statement = activityQueries.get(sql);
        if (statement === undefined) {
          statement = db.prepare<[Record<string, unknown>], ActivityRow>(sql);
          activityQueries.set(sql, statement);
        }
        // Named parameters must all be used by the statement, so pass only those this combination has.
        const parameters: Record<string, unknown> = { shopId, limit: size };
        for (const name of ['afterId', 'beforeId', 'level', 'kind', 'entity', 'outcome'] as const) {
          if (options[name] !== undefined) parameters[name] = options[name];
        }
        return statement.all(parameters).map(toActivity);
      });
    },

    async purgeActivity(olderThan) {
      return write('purgeActivity', () => q.purgeActivity.run(olderThan.toISOString()).changes);
    },

    async getCursor(shopId, name) {
      return read(() => q.getCursor.get(shopId, name)?.value ?? null);
    },

    async getCursors(shopId, names) {
      return read(() => {
        const found = new Map<string, string>();
        if (names.length === 0) return found;
        for (const row of q.getCursors.all(shopId, JSON.stringify(names))) found.set(row.name, row.value);
        return found;
      });
    },

    async setCursor(shopId, name, value) {
      write('setCursor', () => q.setCursor.run(shopId, name, value));
    },

    async setCursors(shopId, entries) {
      ensureOpen();
      if (entries.length === 0) return;
      write('setCursors', () => {
        for (const { name, value } of entries) q.setCursor.run(shopId, name, value);
      });
    },

    async recordAuthFailure(address, windowSeconds) {
      ensureOpen();
      const window = windowMs(windowSeconds);
      return write('recordAuthFailure', () => {
        const at = clock.now().getTime();
        q.forgetAuthFailures.run(at - window);
        q.insertAuthFailure.run(address, at);
        return (q.countAuthFailures.get(address, at - window) as { failures: number }).failures;
      });
    },

    async clearAuthFailures(address) {
      write('clearAuthFailures', () => q.clearAuthFailures.run(address));
    },

    async getBlock(address) {
      return read(() => {
        const row = q.getBlock.get(address, clock.now().getTime());
        return row === undefined ? null : new Date(row.until_ms);
      });
    },

    async setBlock(address, until) {
      write('setBlock', () => {
        q.forgetBlocks.run(clock.now().getTime());
        q.setBlock.run(address, until.getTime());
      });
    },

    async inboxPut(item) {
      return write('inboxPut', () => {
        const inserted = q.inboxInsert.run({ ...item, receivedAt: now() });
        if (inserted.changes > 0) return { inserted: true, id: Number(inserted.lastInsertRowid) };
        const existing = q.inboxFind.get(item.shopId, item.source, item.deliveryId) as { id: number };
        return { inserted: false, id: existing.id };
      });
    },

    async inboxClaim(limit, shopId) {
      const size = pageLimit(limit);
      return write('inboxClaim', () => {
        const at = clock.now().getTime();
        const rows = q.inboxClaim.all({
          leaseEnd: at + INBOX_LEASE_SECONDS * 1000,
          maxAttempts: INBOX_MAX_ATTEMPTS,
          now: at,
          limit: size,
          shopId: shopId ?? null,
        });
        // RETURNING comes in no promised order.
        return rows.sort((a, b) => a.id - b.id).map(toInboxItem);
      });
    },

    async inboxComplete(id) {
      write('inboxComplete', () => {
        if (q.inboxState.get(id) === undefined) throw new NotFoundError(`Inbox item ${id} does not exist.`);
        q.inboxComplete.run(now(), id);
      });
    },

    async inboxFail(id, error) {
      write('inboxFail', () => {
        if (q.inboxState.get(id) === undefined) throw new NotFoundError(`Inbox item ${id} does not exist.`);
        q.inboxFail.run(error, id);
      });
    },

    async inboxBacklog(shopId) {
      return read(() => {
        const row = shopId === undefined ? q.inboxBacklog.get() : q.inboxBacklogOf.get(shopId);
        return row?.backlog ?? 0;
      });
    },

    async inboxPurge(olderThan) {
      return write('inboxPurge', () => q.inboxPurge.run(olderThan.toISOString()).changes);
    },

    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
