import Database from 'better-sqlite3';
import { WAREHOUSES } from './shop-configuration.js';

export type DemoDatabase = Database.Database;

/**
 * The demo shop's own schema: a small but honest shop database. Entity payloads that no query
 * filters on live in JSON `data` columns; everything the shop sorts, filters or constrains on
 * (references, emails, statuses, dates) is a real column with its index or constraint.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS categories (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  reference TEXT UNIQUE,
  parent_id INTEGER REFERENCES categories(id),
  position INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS categories_updated ON categories (updated_at, id);

CREATE TABLE IF NOT EXISTS products (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  reference TEXT UNIQUE,
  active INTEGER NOT NULL DEFAULT 1,
  tracked INTEGER NOT NULL DEFAULT 1,
  default_category_id INTEGER REFERENCES categories(id),
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS products_updated ON products (updated_at, id);

CREATE TABLE IF NOT EXISTS product_categories (
  product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  category_id INTEGER NOT NULL REFERENCES categories(id),
  position INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (product_id, category_id)
);

CREATE TABLE IF NOT EXISTS variants (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  reference TEXT UNIQUE,
  active INTEGER NOT NULL DEFAULT 1,
  is_default INTEGER NOT NULL DEFAULT 0,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS variants_product ON variants (product_id, id);

-- A SKU names one sellable item: a product reference may not be a variant's, nor the reverse.
CREATE TRIGGER IF NOT EXISTS products_sku_insert BEFORE INSERT ON products
WHEN NEW.reference IS NOT NULL AND EXISTS (SELECT 1 FROM variants WHERE reference = NEW.reference)
BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: reference already used by a variant'); END;
CREATE TRIGGER IF NOT EXISTS products_sku_update BEFORE UPDATE OF reference ON products
WHEN NEW.reference IS NOT NULL AND EXISTS (SELECT 1 FROM variants WHERE reference = NEW.reference)
BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: reference already used by a variant'); END;
CREATE TRIGGER IF NOT EXISTS variants_sku_insert BEFORE INSERT ON variants
WHEN NEW.reference IS NOT NULL AND EXISTS (SELECT 1 FROM products WHERE reference = NEW.reference)
BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: reference already used by a product'); END;
CREATE TRIGGER IF NOT EXISTS variants_sku_update BEFORE UPDATE OF reference ON variants
WHEN NEW.reference IS NOT NULL AND EXISTS (SELECT 1 FROM products WHERE reference = NEW.reference)
BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: reference already used by a product'); END;

CREATE TABLE IF NOT EXISTS warehouses (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  position INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS stock (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  -- 0 for a product without variants: NULL would make the UNIQUE below admit duplicates.
  variant_id INTEGER NOT NULL DEFAULT 0,
  warehouse_id TEXT NOT NULL REFERENCES warehouses(id),
  quantity INTEGER NOT NULL,
  out_of_stock INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  UNIQUE (product_id, variant_id, warehouse_id)
);
CREATE INDEX IF NOT EXISTS stock_updated ON stock (updated_at, id);

CREATE TABLE IF NOT EXISTS customer_groups (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  reference TEXT UNIQUE,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS customer_groups_updated ON customer_groups (updated_at, id);

CREATE TABLE IF NOT EXISTS customers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  reference TEXT UNIQUE,
  email TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- One account per email, whatever its case (Jane@x.com and jane@x.com are one person).
CREATE UNIQUE INDEX IF NOT EXISTS customers_email ON customers (email COLLATE NOCASE) WHERE email IS NOT NULL;
CREATE INDEX IF NOT EXISTS customers_updated ON customers (updated_at, id);

CREATE TABLE IF NOT EXISTS customer_group_members (
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  group_id INTEGER NOT NULL REFERENCES customer_groups(id),
  is_default INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (customer_id, group_id)
);

CREATE TABLE IF NOT EXISTS addresses (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  data TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS orders (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  reference TEXT NOT NULL UNIQUE,
  customer_id INTEGER REFERENCES customers(id),
  status TEXT NOT NULL,
  raw_status TEXT NOT NULL,
  currency TEXT NOT NULL,
  document_number TEXT,
  invoice_date TEXT,
  paid_at TEXT,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_created ON orders (created_at, id);
CREATE INDEX IF NOT EXISTS orders_updated ON orders (updated_at, id);
CREATE INDEX IF NOT EXISTS orders_invoiced ON orders (invoice_date, id);
CREATE INDEX IF NOT EXISTS orders_paid ON orders (paid_at, id);
CREATE INDEX IF NOT EXISTS orders_customer ON orders (customer_id);

CREATE TABLE IF NOT EXISTS order_lines (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS order_lines_order ON order_lines (order_id, position);

CREATE TABLE IF NOT EXISTS order_status_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  status TEXT NOT NULL,
  raw_status TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS order_status_history_order ON order_status_history (order_id, id);

CREATE TABLE IF NOT EXISTS order_messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  author TEXT NOT NULL,
  private INTEGER NOT NULL,
  body TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS order_messages_order ON order_messages (order_id, id);

CREATE TABLE IF NOT EXISTS payments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS payments_order ON payments (order_id, id);
CREATE INDEX IF NOT EXISTS payments_updated ON payments (updated_at, id);

CREATE TABLE IF NOT EXISTS invoices (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  number TEXT NOT NULL UNIQUE,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS invoices_order ON invoices (order_id, id);
CREATE INDEX IF NOT EXISTS invoices_updated ON invoices (updated_at, id);

CREATE TABLE IF NOT EXISTS shipments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  tracking_number TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS shipments_order ON shipments (order_id, id);
CREATE INDEX IF NOT EXISTS shipments_updated ON shipments (updated_at, id);
`;

/** Opens (and creates when missing) the demo shop's database file; `:memory:` for tests. */
export function openDemoDatabase(path: string): DemoDatabase {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const warehouse = db.prepare('INSERT OR IGNORE INTO warehouses (id, name, position) VALUES (?, ?, ?)');
  for (const [position, entry] of WAREHOUSES.entries()) warehouse.run(entry.id, entry.name, position);
  return db;
}

/** Parses a JSON column written by this shop; an object, always. */
export function readJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

/** Whether SQLite refused a row because of a UNIQUE constraint (or the SKU triggers that mimic one). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed/.test(error.message);
}
