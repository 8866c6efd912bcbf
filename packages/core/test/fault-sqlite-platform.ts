import { writeSync } from 'node:fs';
import {
  demoSeed,
  type Order,
  type PlatformAdapter,
  type Product,
  type StockLevel,
  type WriteOutcome,
} from '@passerelle/core';
import Database from 'better-sqlite3';

/**
 * A platform that survives its process: products, stock and orders in a SQLite file, and a
 * `write_log` row for every write it applies, so a test can count, after a SIGKILL and a restart,
 * how many times each write reached the platform. References are deliberately not UNIQUE here:
 * a module that created a product twice must show two rows, not a constraint error.
 */
export interface SqlitePlatform {
  adapter: PlatformAdapter;
  close(): void;
}

export interface SqlitePlatformOptions {
  path: string;
  /** Orders seeded on first open, all `paid`. @default 6 */
  orders?: number;
  /** Products seeded on first open (`SEED-00001`…). @default 3 */
  products?: number;
  /**
   * Platform operations after which the process stops, its write committed but not yet answered:
   * it prints `PAUSED <operation>` and waits to be killed. Each pauses once.
   */
  pauseAfter?: readonly string[];
}

interface Row {
  id: number;
  reference: string;
  data: string;
  quantity: number;
  updated_at: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS products (id INTEGER PRIMARY KEY, reference TEXT NOT NULL, data TEXT NOT NULL,
    quantity INTEGER NOT NULL DEFAULT 0, updated_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, data TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS write_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, operation TEXT NOT NULL,
    key TEXT NOT NULL, detail TEXT);
`;

function seedOrders(count: number): Order[] {
  const template = (demoSeed().orders ?? [])[0] as Order;
  return Array.from({ length: count }, (_, index) => {
    const at = new Date(Date.UTC(2026, 0, 5, 9, index)).toISOString();
    const id = String(5001 + index);
    const status = { status: 'paid' as const, rawStatus: 'wc-processing' };
    return {
      ...structuredClone(template),
      id,
      reference: `WC-${id}`,
      createdAt: at,
      updatedAt: at,
      status,
      statusHistory: [{ ...status, at }],
    };
  });
}

const toProduct = (row: Row): Product => ({
  ...(JSON.parse(row.data) as Product),
  id: String(row.id),
  reference: row.reference,
  quantity: row.quantity,
  sourceUpdatedAt: row.updated_at,
});

const toStock = (row: Row): StockLevel => ({
  id: String(row.id),
  reference: row.reference,
  productId: String(row.id),
  quantity: row.quantity,
  quantityType: 'available',
  tracked: true,
  asOf: row.updated_at,
});

/** Opens (and on first use seeds) the platform file; the adapter writes through it synchronously, as one commit per call. */
export function openSqlitePlatform(options: SqlitePlatformOptions): SqlitePlatform {
  const db = new Database(options.path, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.exec(SCHEMA);
  const pauses = new Set(options.pauseAfter ?? []);
  const now = () => new Date().toISOString();

  if ((db.prepare('SELECT COUNT(*) AS n FROM orders').get() as { n: number }).n === 0) {
    const insertOrder = db.prepare('INSERT INTO orders (id, created_at, data) VALUES (?, ?, ?)');
    const insertProduct = db.prepare(
      'INSERT INTO products (reference, data, quantity, updated_at) VALUES (?, ?, ?, ?)',
    );
    db.transaction(() => {
      for (const order of seedOrders(options.orders ?? 6))
        insertOrder.run(order.id, order.createdAt, JSON.stringify(order));
      for (let index = 1; index <= (options.products ?? 3); index++) {
        const reference = `SEED-${String(index).padStart(5, '0')}`;
        insertProduct.run(
          reference,
          JSON.stringify({ name: { en: reference }, price: '9.90', active: true }),
          10,
          '2026-01-01T00:00:00.000Z',
        );
      }
    })();
  }

  // Prepared once: the load test runs this stand-in for minutes, and a statement per call is native memory per call.
  const log = db.prepare('INSERT INTO write_log (operation, key, detail) VALUES (?, ?, ?)');
  const byReference = db.prepare<[string], Row>('SELECT * FROM products WHERE reference = ? ORDER BY id LIMIT 1');
  const orderPage = db.prepare<[string, string, number], { data: string }>(
    'SELECT data FROM orders WHERE (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?',
  );
  const orderById = db.prepare<[string], { data: string }>('SELECT data FROM orders WHERE id = ?');
  const updateOrder = db.prepare('UPDATE orders SET data = ? WHERE id = ?');
  const productPage = db.prepare<[number, number], Row>('SELECT * FROM products WHERE id > ? ORDER BY id LIMIT ?');
  const productById = db.prepare<[number], Row>('SELECT * FROM products WHERE id = ?');
  const insertNewProduct = db.prepare(
    'INSERT INTO products (reference, data, quantity, updated_at) VALUES (?, ?, ?, ?)',
  );
  const updateProduct = db.prepare('UPDATE products SET data = ?, quantity = ?, updated_at = ? WHERE id = ?');
  const updateQuantity = db.prepare('UPDATE products SET quantity = ?, updated_at = ? WHERE id = ?');

  /** After the commit, before the answer: where a crash leaves the platform written and the module unaware. */
  async function maybePause(operation: string): Promise<void> {
    if (!pauses.delete(operation)) return;
    writeSync(1, `PAUSED ${operation}\n`);
    await new Promise(() => undefined);
  }

  function page<T>(rows: T[], limit: number, cursorOf: (row: T) => string): { items: T[]; nextCursor: string | null } {
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
  }

  const adapter: PlatformAdapter = {
    describe: async () => ({ platform: 'sqlite-standin', platformVersion: '1.0.0', apiVersion: 'standin-v1' }),
    configuration: async () => ({
      currencies: { default: 'EUR', items: [{ code: 'EUR' }] },
      languages: [{ code: 'en', name: 'English', default: true }],
    }),
    orders: {
      // Keyset on (created_at, id), as a platform's own listing would page; statuses filtered on the page.
      async list({ cursor, limit, statuses }) {
        const [at = '', id = ''] = cursor === null ? [] : cursor.split('|');
        const rows = orderPage.all(at, id, limit + 1);
        const items = rows.map((row) => JSON.parse(row.data) as Order);
        const { nextCursor } = page(items, limit, (order) => `${order.createdAt}|${order.id}`);
        return {
          items: items.slice(0, limit).filter((order) => !statuses || statuses.includes(order.status.status)),
          nextCursor,
        };
      },
      async get(id) {
        const row = orderById.get(id);
        return row ? (JSON.parse(row.data) as Order) : null;
      },
      async setStatus(plans) {
        const outcomes = db.transaction(() =>
          plans.map((plan): WriteOutcome => {
            const row = orderById.get(plan.orderId);
            if (!row) return { key: plan.key, ok: false, error: `no order ${plan.orderId}` };
            const order = JSON.parse(row.data) as Order;
            const at = plan.at ?? now();
            order.status = {
              status: plan.status as Order['status']['status'],
              rawStatus: plan.rawStatus ?? plan.status,
            };
            order.statusHistory.push({ ...order.status, at });
            if (plan.trackingNumber) order.trackingNumbers = [...(order.trackingNumbers ?? []), plan.trackingNumber];
            order.updatedAt = at;
            updateOrder.run(JSON.stringify(order), order.id);
            log.run('orders.setStatus', plan.key, plan.status);
            return { key: plan.key, ok: true, id: order.id };
          }),
        )();
        await maybePause('orders.setStatus');
        return outcomes;
      },
    },
    products: {
      async list({ cursor, limit }) {
        const rows = productPage.all(Number(cursor ?? 0), limit + 1);
        return page(rows.map(toProduct), limit, (product) => product.id as string);
      },
      async getByReferences(references) {
        const found = new Map<string, Product>();
        for (const reference of references) {
          const row = byReference.get(reference);
          if (row) found.set(reference, toProduct(row));
        }
        return found;
      },
      async write(plans) {
        const outcomes = db.transaction(() =>
          plans.map((plan): WriteOutcome => {
            const { quantity, ...fields } = plan.data as Partial<Product>;
            if (plan.action === 'create') {
              const result = insertNewProduct.run(plan.key, JSON.stringify(fields), quantity ?? 0, now());
              log.run('products.create', plan.key, null);
              return { key: plan.key, ok: true, id: String(result.lastInsertRowid) };
            }
            const row = productById.get(Number(plan.platformId));
            if (!row) return { key: plan.key, ok: false, error: `no product ${plan.platformId}` };
            const data = { ...(JSON.parse(row.data) as Product), ...fields };
            updateProduct.run(JSON.stringify(data), quantity ?? row.quantity, now(), row.id);
            log.run('products.update', plan.key, null);
            return { key: plan.key, ok: true, id: String(row.id) };
          }),
        )();
        await maybePause('products.write');
        return outcomes;
      },
    },
    stock: {
      async list({ cursor, limit }) {
        const rows = productPage.all(Number(cursor ?? 0), limit + 1);
        return page(rows.map(toStock), limit, (level) => level.id as string);
      },
      async getByReferences(references) {
        const found = new Map<string, StockLevel>();
        for (const reference of references) {
          const row = byReference.get(reference);
          if (row) found.set(reference, toStock(row));
        }
        return found;
      },
      async write(plans) {
        const outcomes = db.transaction(() =>
          plans.map((plan): WriteOutcome => {
            const row = byReference.get(plan.reference);
            if (!row) return { key: plan.key, ok: false, error: `no product ${plan.reference}` };
            updateQuantity.run(plan.quantity, now(), row.id);
            log.run('stock.write', plan.key, String(plan.quantity));
            return { key: plan.key, ok: true, id: String(row.id) };
          }),
        )();
        await maybePause('stock.write');
        return outcomes;
      },
    },
    close: async () => {
      db.close();
    },
  };
  return { adapter, close: () => db.close() };
}
