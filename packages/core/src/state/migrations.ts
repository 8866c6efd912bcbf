import type Database from 'better-sqlite3';
import { StoreUnavailableError } from '../errors/index.js';

/** One schema step. Steps are append-only: a released step is never edited, a change is a new step. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The SQLite schema, oldest first. STRICT tables so a wrong type is an error rather than silent coercion.
 * Timestamps are ISO text (`toISOString()` form, which sorts as time); throttle times are epoch milliseconds
 * because they are only ever compared with arithmetic.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'settings, bindings, acknowledgements, idempotency, change journal, activity, cursors',
    sql: `
      CREATE TABLE settings (
        shop_id TEXT PRIMARY KEY,
        schema_version INTEGER NOT NULL,
        revision INTEGER NOT NULL,
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT
      ) STRICT;

      CREATE TABLE bindings (
        shop_id TEXT NOT NULL,
        entity TEXT NOT NULL,
        reference TEXT NOT NULL,
        platform_id TEXT NOT NULL,
        content_hash TEXT,
        source_updated_at TEXT,
        synced_at TEXT NOT NULL,
        PRIMARY KEY (shop_id, entity, reference),
        UNIQUE (shop_id, entity, platform_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE acknowledgements (
        shop_id TEXT NOT NULL,
        order_id TEXT NOT NULL,
        document_number TEXT,
        acknowledged_at TEXT NOT NULL,
        PRIMARY KEY (shop_id, order_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE idempotency (
        shop_id TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        status INTEGER NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (shop_id, key)
      ) STRICT;
      CREATE INDEX idempotency_created_at ON idempotency (created_at);

      -- AUTOINCREMENT: a purged seq is never handed out again, or a cloud holding an old cursor would skip changes.
      CREATE TABLE changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        shop_id TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        reference TEXT,
        op TEXT NOT NULL CHECK (op IN ('created', 'updated', 'deleted')),
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX changes_shop_seq ON changes (shop_id, seq);
      CREATE INDEX changes_at ON changes (at);

      CREATE TABLE activity (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        shop_id TEXT NOT NULL,
        at TEXT NOT NULL,
        level TEXT NOT NULL CHECK (level IN ('debug', 'info', 'warn', 'error')),
        kind TEXT NOT NULL,
        entity TEXT,
        reference TEXT,
        outcome TEXT,
        message TEXT NOT NULL,
        details TEXT
      ) STRICT;
      CREATE INDEX activity_shop_id ON activity (shop_id, id);
      CREATE INDEX activity_at ON activity (at);

      CREATE TABLE cursors (
        shop_id TEXT NOT NULL,
        name TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (shop_id, name)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'auth throttle and webhook inbox',
    sql: `
      CREATE TABLE auth_failures (
        address TEXT NOT NULL,
        at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX auth_failures_address ON auth_failures (address, at_ms);
      CREATE INDEX auth_failures_at ON auth_failures (at_ms);

      CREATE TABLE auth_blocks (
        address TEXT PRIMARY KEY,
        until_ms INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE inbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        shop_id TEXT NOT NULL,
        source TEXT NOT NULL,
        delivery_id TEXT NOT NULL,
        topic TEXT NOT NULL,
        payload TEXT NOT NULL,
        received_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        processed_at TEXT,
        last_error TEXT,
        claimed_until_ms INTEGER,
        UNIQUE (shop_id, source, delivery_id)
      ) STRICT;
      CREATE INDEX inbox_pending ON inbox (id) WHERE processed_at IS NULL;
      CREATE INDEX inbox_processed_at ON inbox (processed_at) WHERE processed_at IS NOT NULL;
    `,
  },
  {
    version: 3,
    name: 'per-shop journal head, so lastChangeSeq survives a purge',
    sql: `
      CREATE TABLE change_heads (
        shop_id TEXT PRIMARY KEY,
        last_seq INTEGER NOT NULL
      ) STRICT;
      INSERT INTO change_heads (shop_id, last_seq) SELECT shop_id, MAX(seq) FROM changes GROUP BY shop_id;
    `,
  },
];

/** The version the schema of `db` is at; 0 for a new database. Reads only, so it works on a read-only file. */
export function schemaVersion(db: Database.Database): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (table === undefined) return 0;
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null };
  return row.version ?? 0;
}

function assertOrdered(steps: readonly Migration[]): void {
  steps.forEach((step, index) => {
    const previous = index === 0 ? 0 : (steps[index - 1]?.version ?? 0);
    if (!Number.isInteger(step.version) || step.version <= previous) {
      throw new Error(`Migration "${step.name}" has version ${step.version}, not above ${previous}.`);
    }
  });
}

/**
 * Brings `db` up to the last of `steps`, all pending steps in one transaction: a failing step leaves the file
 * exactly as it was. The write lock is taken before the version is read again, so two processes opening the
 * same file at once apply each step once. A database newer than this code is refused rather than guessed at.
 */
export function migrate(
  db: Database.Database,
  steps: readonly Migration[] = migrations,
  now: Date = new Date(),
): { from: number; to: number } {
  assertOrdered(steps);
  const latest = steps.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new StoreUnavailableError(
      `The state store was written by a newer Passerelle (schema version ${current}; this one knows up to ${latest}).`,
    );
  }
  if (current === latest) return { from: current, to: current };

  const apply = db.transaction(() => {
    db.exec(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at TEXT NOT NULL
      ) STRICT
    `);
    const from = schemaVersion(db);
    if (from > latest) throw new StoreUnavailableError(`The state store was migrated by a newer Passerelle meanwhile.`);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const step of steps) {
      if (step.version <= from) continue;
      db.exec(step.sql);
      record.run(step.version, step.name, now.toISOString());
    }
    return { from, to: latest };
  });
  return apply.immediate();
}
