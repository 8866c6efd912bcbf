import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { StoreUnavailableError } from '../errors/index.js';
import { createManualClock } from './manual-clock.js';
import { migrate, migrations, schemaVersion } from './migrations.js';
import { createSqliteStore, type WriteObservation, type WriteOperation } from './sqlite-store.js';
import { runStoreConformance } from './store-battery.js';

const dir = mkdtempSync(join(tmpdir(), 'passerelle-sqlite-store-'));
let files = 0;
const freshPath = (): string => join(dir, `test-${++files}.db`);
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const storeModule = new URL('./sqlite-store.ts', import.meta.url).href;
const latestVersion = migrations.at(-1)?.version ?? 0;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const runsAsRoot = process.getuid?.() === 0;
/** Whether an unprivileged user can load this package: every directory above it must be enterable by others. */
function othersCanReach(path: string): boolean {
  for (let current = path; ; current = dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) return false;
    if (dirname(current) === current) return true;
  }
}
// As root, file modes do not stop writes, so the read-only check runs in a child dropped to user "nobody",
// which must be able to read the repository.
const canCheckReadOnly = !runsAsRoot || othersCanReach(fileURLToPath(new URL('.', import.meta.url)));

runStoreConformance(
  'sqlite store (file, WAL)',
  ({ clock, name }) => createSqliteStore({ path: join(dir, `${name}.db`), clock }),
  {
    persistent: true,
  },
);
runStoreConformance('sqlite store (:memory:)', ({ clock }) => createSqliteStore({ path: ':memory:', clock }));

/** Runs `body` (an ES module body with `createSqliteStore` in scope) in a separate Node process, through tsx. */
function runChild(body: string, env: Record<string, string>, options: { uid?: number; gid?: number } = {}) {
  const script = `const { createSqliteStore } = await import(${JSON.stringify(storeModule)});\n${body}`;
  return spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  });
}

function collect(child: ReturnType<typeof runChild>): Promise<{ stdout: string; stderr: string; code: number | null }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
  });
}

describe('sqlite store on disk', () => {
  it('keeps everything across close and reopen of a file', async () => {
    const path = freshPath();
    const clock = createManualClock('2025-03-01T10:00:00.000Z');
    const first = createSqliteStore({ path, clock });
    await first.saveSettings('default', 3, { access: { allowedIps: ['10.0.0.0/8'] } }, 'admin');
    await first.upsertBinding({
      shopId: 'default',
      entity: 'customer',
      reference: 'CL00004',
      platformId: '651',
      contentHash: 'h',
      sourceUpdatedAt: null,
      syncedAt: '2025-03-01T10:00:00.000Z',
    });
    await first.acknowledge('default', [{ orderId: '76', documentNumber: 'CO-76' }]);
    await first.saveIdempotency({ shopId: 'default', key: 'k', requestHash: 'h', status: 200, body: '{}' });
    const [change] = await first.appendChanges([
      {
        shopId: 'default',
        entity: 'order',
        id: '76',
        reference: 'XKBKNABJK',
        op: 'updated',
        at: '2025-03-01T10:00:00Z',
      },
    ]);
    await first.appendActivity([
      {
        shopId: 'default',
        at: '2025-03-01T10:00:00Z',
        level: 'info',
        kind: 'ack',
        entity: 'order',
        reference: '76',
        outcome: 'ok',
        message: 'acknowledged',
        details: { documentNumber: 'CO-76' },
      },
    ]);
    await first.setCursor('default', 'sweep:orders', 'c1');
    await first.setBlock('203.0.113.7', new Date('2025-03-01T11:00:00Z'));
    await first.inboxPut({
      shopId: 'default',
      source: 'shopify',
      deliveryId: 'e1',
      topic: 'orders/paid',
      payload: '{}',
    });
    await first.close();
    expect(existsSync(path)).toBe(true);

    const second = createSqliteStore({ path, clock });
    expect((await second.loadSettings('default'))?.revision).toBe(1);
    expect((await second.loadSettings('default'))?.data).toEqual({ access: { allowedIps: ['10.0.0.0/8'] } });
    expect((await second.getBindingByPlatformId('default', 'customer', '651'))?.reference).toBe('CL00004');
    expect((await second.getAcknowledgements('default', ['76'])).get('76')?.documentNumber).toBe('CO-76');
    expect((await second.getIdempotency('default', 'k'))?.status).toBe(200);
    expect(await second.readChanges('default', { afterSeq: 0, limit: 10 })).toEqual([change]);
    expect((await second.readActivity('default', { limit: 10 }))[0]?.details).toEqual({ documentNumber: 'CO-76' });
    expect(await second.getCursor('default', 'sweep:orders')).toBe('c1');
    expect(await second.getBlock('203.0.113.7')).toEqual(new Date('2025-03-01T11:00:00Z'));
    expect(await second.inboxBacklog('default')).toBe(1);
    await second.close();
  });

  it('runs in WAL mode with the schema at the latest version', async () => {
    const path = freshPath();
    const store = createSqliteStore({ path });
    await store.setCursor('default', 'x', 'y');
    expect(existsSync(`${path}-wal`)).toBe(true);
    const probe = new Database(path, { readonly: true });
    try {
      expect(probe.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(schemaVersion(probe)).toBe(latestVersion);
      const applied = probe.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
      expect(applied).toEqual(migrations.map((step) => ({ version: step.version })));
    } finally {
      probe.close();
      await store.close();
    }
  });

  it('commits each write under the synchronous level its table needs, and reads under none', async () => {
    const expected: Record<WriteOperation, 'full' | 'normal'> = {
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
    };
    const observed: WriteObservation[] = [];
    const store = createSqliteStore({ path: freshPath(), observeWrites: (write) => observed.push(write) });
    const horizon = new Date('2000-01-01T00:00:00Z');
    const writes: Record<WriteOperation, () => Promise<unknown>> = {
      saveSettings: () => store.saveSettings('default', 1, {}, null),
      upsertBinding: () =>
        store.upsertBinding({
          shopId: 'default',
          entity: 'product',
          reference: 'r',
          platformId: '1',
          contentHash: null,
          sourceUpdatedAt: null,
          syncedAt: '2025-01-01T00:00:00Z',
        }),
      appendActivity: () =>
        store.appendActivity([
          {
            shopId: 'default',
            at: '2025-01-01T00:00:00Z',
            level: 'info',
            kind: 'job',
            entity: null,
            reference: null,
            outcome: 'ok',
            message: 'm',
            details: null,
          },
        ]),
      // Several bindings, one of them a conflict, still commit as one transaction.
      upsertBindings: () =>
        store.upsertBindings(
          ['r2', 'r3', 'r4'].map((reference, index) => ({
            shopId: 'default',
            entity: 'product',
            reference,
            platformId: index === 2 ? '2' : String(index + 2),
            contentHash: null,
            sourceUpdatedAt: null,
            syncedAt: '2025-01-01T00:00:00Z',
          })),
        ),
      deleteBinding: () => store.deleteBinding('default', 'product', 'r'),
      setCursor: () => store.setCursor('default', 'c', 'v'),
      setCursors: () =>
        store.setCursors('default', [
          { name: 'c1', value: 'v' },
          { name: 'c2', value: 'v' },
        ]),
      acknowledge: () => store.acknowledge('default', [{ orderId: '1', documentNumber: null }]),
      recordAuthFailure: () => store.recordAuthFailure('203.0.113.7', 60),
      resetAcknowledgements: () => store.resetAcknowledgements('default', { all: true }),
      clearAuthFailures: () => store.clearAuthFailures('203.0.113.7'),
      saveIdempotency: () =>
        store.saveIdempotency({ shopId: 'default', key: 'k', requestHash: 'h', status: 200, body: '' }),
      setBlock: () => store.setBlock('203.0.113.7', new Date('2030-01-01T00:00:00Z')),
      appendChanges: () =>
        store.appendChanges([
          { shopId: 'default', entity: 'order', id: '1', reference: null, op: 'created', at: '2025-01-01T00:00:00Z' },
        ]),
      purgeIdempotency: () => store.purgeIdempotency(horizon),
      inboxPut: () => store.inboxPut({ shopId: 'default', source: 's', deliveryId: 'd', topic: 't', payload: '' }),
      inboxClaim: () => store.inboxClaim(1),
      inboxFail: () => store.inboxFail(1, 'e'),
      inboxComplete: () => store.inboxComplete(1),
      purgeChanges: () => store.purgeChanges(horizon),
      purgeActivity: () => store.purgeActivity(horizon),
      inboxPurge: () => store.inboxPurge(horizon),
    };
    // Alternating FULL and NORMAL writes proves the level is switched back and forth, not set once.
    for (const [operation, write] of Object.entries(writes) as [WriteOperation, () => Promise<unknown>][]) {
      observed.length = 0;
      await write();
      expect(observed).toEqual([{ operation, synchronous: expected[operation] }]);
    }
    observed.length = 0;
    await store.loadSettings('default');
    await store.getAcknowledgements('default', ['1']);
    await store.readChanges('default', { afterSeq: 0, limit: 10 });
    await store.getBlock('203.0.113.7');
    expect(observed).toEqual([]);
    await store.close();
  });

  it('keeps an acknowledgement made just before the process is killed with SIGKILL', async () => {
    const path = freshPath();
    const child = runChild(
      `const store = createSqliteStore({ path: process.env.PASSERELLE_TEST_DB });
       await store.acknowledge('default', [{ orderId: '42', documentNumber: 'F-42' }]);
       await store.appendChanges([{ shopId: 'default', entity: 'order', id: '42', reference: null, op: 'updated', at: new Date().toISOString() }]);
       process.stdout.write('acknowledged\\n');
       setInterval(() => {}, 1000);`,
      { PASSERELLE_TEST_DB: path },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('acknowledged')) resolve();
      });
      child.on('exit', () => reject(new Error(`child exited before acknowledging: ${stderr}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // The killed process never closed the database: its commits are only in the WAL, which reopening replays.
    expect(existsSync(`${path}-wal`)).toBe(true);

    const store = createSqliteStore({ path });
    expect((await store.getAcknowledgements('default', ['42'])).get('42')?.documentNumber).toBe('F-42');
    expect(await store.lastChangeSeq('default')).toBe(1);
    await store.close();
  });

  it.skipIf(!canCheckReadOnly)(
    'serves reads but refuses writes with StoreUnavailableError on a read-only file, naming no path',
    async () => {
      // Its own directory under tmpdir, since the unprivileged child below cannot enter the 0700 test directory.
      const roDir = mkdtempSync(join(tmpdir(), 'passerelle-read-only-'));
      onTestFinished(() => rmSync(roDir, { recursive: true, force: true }));
      const path = join(roDir, 'store.db');
      const seed = createSqliteStore({ path });
      await seed.saveSettings('default', 1, { ok: true }, null);
      await seed.acknowledge('default', [{ orderId: '1', documentNumber: null }]);
      await seed.close();
      chmodSync(path, 0o444);
      // SQLite puts its -shm file beside the database even to read a WAL file, so the directory stays writable.
      chmodSync(roDir, 0o777);
      const asUser = runsAsRoot ? { uid: 65534, gid: 65534 } : {};
      const child = runChild(
        `const store = createSqliteStore({ path: process.env.PASSERELLE_TEST_DB });
       const describe = async (promise) => promise.then(() => 'written', (e) => ({ name: e.name, code: e.code, message: e.message }));
       const out = {
         settings: (await store.loadSettings('default'))?.data,
         acknowledged: [...(await store.getAcknowledgements('default', ['1'])).keys()],
         saveSettings: await describe(store.saveSettings('default', 1, { ok: false }, null)),
         acknowledge: await describe(store.acknowledge('default', [{ orderId: '2', documentNumber: null }])),
         appendChanges: await describe(store.appendChanges([{ shopId: 'default', entity: 'order', id: '2', reference: null, op: 'created', at: new Date().toISOString() }])),
         upsertBindings: await describe(store.upsertBindings([{ shopId: 'default', entity: 'product', reference: 'r', platformId: '1', contentHash: null, sourceUpdatedAt: null, syncedAt: new Date().toISOString() }])),
         setCursors: await describe(store.setCursors('default', [{ name: 'c', value: 'v' }])),
         afterBindings: (await store.getBindings('default', 'product', ['r'])).size,
         afterWrites: (await store.loadSettings('default'))?.data,
       };
       await store.close();
       process.stdout.write(JSON.stringify(out));`,
        { PASSERELLE_TEST_DB: path },
        asUser,
      );
      const { stdout, stderr, code } = await collect(child);
      expect(code, stderr).toBe(0);
      const out = JSON.parse(stdout) as Record<string, unknown>;
      expect(out.settings).toEqual({ ok: true });
      expect(out.acknowledged).toEqual(['1']);
      for (const write of ['saveSettings', 'acknowledge', 'appendChanges', 'upsertBindings', 'setCursors']) {
        expect(out[write]).toMatchObject({
          name: 'StoreUnavailableError',
          code: 'store-unavailable',
          message: expect.stringContaining('read-only'),
        });
        expect(JSON.stringify(out[write])).not.toContain(roDir);
      }
      expect(out.afterWrites).toEqual({ ok: true });
      expect(out.afterBindings).toBe(0);
    },
  );

  it('answers StoreUnavailableError, naming no path, when the file cannot be opened', () => {
    const missing = join(dir, 'no-such-directory', 'secret-customer-name', 'store.db');
    let caught: unknown;
    try {
      createSqliteStore({ path: missing });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StoreUnavailableError);
    expect((caught as Error).message).not.toContain('secret-customer-name');
    expect(() => createSqliteStore({ path: dir })).toThrow(StoreUnavailableError);
  });

  it('lets two connections to one file share the journal without reusing a seq', async () => {
    const path = freshPath();
    const a = createSqliteStore({ path });
    const b = createSqliteStore({ path });
    const seqs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const store = i % 2 === 0 ? a : b;
      const [record] = await store.appendChanges([
        {
          shopId: 'default',
          entity: 'stock',
          id: String(i),
          reference: null,
          op: 'updated',
          at: '2025-01-01T00:00:00Z',
        },
      ]);
      seqs.push(record?.seq ?? 0);
    }
    expect(seqs).toEqual([1, 2, 3, 4, 5]);
    await a.acknowledge('default', [{ orderId: '1', documentNumber: null }]);
    expect((await b.acknowledge('default', [{ orderId: '1', documentNumber: null }]))[0]?.alreadyAcknowledged).toBe(
      true,
    );
    expect(await b.lastChangeSeq('default')).toBe(5);
    await a.close();
    await b.close();
  });
});

describe('sqlite store migrations', () => {
  it('migrates a database created by version 1 and keeps its data', async () => {
    const path = freshPath();
    const old = new Database(path);
    old.pragma('journal_mode = WAL');
    expect(migrate(old, migrations.slice(0, 1))).toEqual({ from: 0, to: 1 });
    const insertChange = old.prepare(
      "INSERT INTO changes (shop_id, entity, entity_id, reference, op, at) VALUES (?, 'order', ?, NULL, 'updated', '2025-01-01T00:00:00.000Z')",
    );
    insertChange.run('default', '1');
    insertChange.run('default', '2');
    insertChange.run('shop-b', '3');
    old.prepare("INSERT INTO acknowledgements VALUES ('default', '76', 'CO-76', '2025-01-02T00:00:00.000Z')").run();
    old.close();

    const store = createSqliteStore({ path });
    expect((await store.getAcknowledgements('default', ['76'])).get('76')?.acknowledgedAt).toBe(
      '2025-01-02T00:00:00.000Z',
    );
    // Version 3 backfills the per-shop journal heads from the v1 changes.
    expect(await store.lastChangeSeq('default')).toBe(2);
    expect(await store.lastChangeSeq('shop-b')).toBe(3);
    const [next] = await store.appendChanges([
      { shopId: 'default', entity: 'order', id: '4', reference: null, op: 'created', at: '2025-01-03T00:00:00Z' },
    ]);
    expect(next?.seq).toBe(4);
    // Version 2 tables exist and work.
    expect(
      (await store.inboxPut({ shopId: 'default', source: 's', deliveryId: 'd', topic: 't', payload: '' })).inserted,
    ).toBe(true);
    expect(await store.recordAuthFailure('203.0.113.7', 60)).toBe(1);
    await store.close();

    const probe = new Database(path, { readonly: true });
    expect(schemaVersion(probe)).toBe(latestVersion);
    probe.close();
  });

  it('does nothing when the schema is already current', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual({ from: 0, to: latestVersion });
    expect(migrate(db)).toEqual({ from: latestVersion, to: latestVersion });
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: migrations.length });
    db.close();
  });

  it('applies nothing when one pending step fails', () => {
    const db = new Database(':memory:');
    const broken = [migrations[0], { version: 2, name: 'broken', sql: 'CREATE TABLE oops (' }].filter(
      (step) => step !== undefined,
    );
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'settings'").get(),
    ).toBeUndefined();
    db.close();
  });

  it('refuses a step list out of order', () => {
    const db = new Database(':memory:');
    const [first, second] = migrations;
    expect(() =>
      migrate(
        db,
        [second, first].filter((step) => step !== undefined),
      ),
    ).toThrow(/version/);
    db.close();
  });

  it('refuses to open a database written by a newer version', () => {
    const path = freshPath();
    const db = new Database(path);
    migrate(db);
    db.prepare("INSERT INTO schema_migrations VALUES (?, 'from the future', '2030-01-01T00:00:00.000Z')").run(
      latestVersion + 1,
    );
    db.close();
    expect(() => createSqliteStore({ path })).toThrow(StoreUnavailableError);
    expect(() => createSqliteStore({ path })).toThrow(/newer/);
  });
});
