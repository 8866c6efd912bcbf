import type { AdapterPage, ListOptions, PlatformAdapter } from '../adapter.js';
import type { Clock } from '../state/index.js';

// Test support for this folder's tests (not exported from index.ts): a platform whose data the tests
// mutate between sweeps, with keyset pages in id order and a hook that runs before every page.

export type FakeTable = 'products' | 'categories' | 'stock' | 'customers' | 'orders';

export interface FakeItem {
  id?: string;
  reference?: string;
  sourceUpdatedAt?: string;
  [field: string]: unknown;
}

export interface ListCall {
  table: FakeTable;
  kind: 'list' | 'listIds' | 'get';
  cursor: string | null;
  updatedSince?: string;
  page: number;
}

export interface FakeShop {
  adapter: PlatformAdapter;
  /** Adds or replaces an item; stamps `sourceUpdatedAt` with the clock unless the table has no dates (stock). */
  put(table: FakeTable, item: FakeItem): void;
  /** Merges `patch` into an item and stamps it. */
  update(table: FakeTable, id: string, patch: Record<string, unknown>): void;
  remove(table: FakeTable, id: string): void;
  /** Runs before every page of every read (page 1 = first page); may mutate data or throw. */
  beforePage?: (table: FakeTable, page: number, kind: ListCall['kind']) => void;
  calls: ListCall[];
}

const dated: Record<FakeTable, boolean> = {
  products: true,
  categories: true,
  stock: false,
  customers: true,
  orders: true,
};

export function createFakeShop(clock: Clock): FakeShop {
  const tables = new Map<FakeTable, Map<string, FakeItem>>();
  const table = (name: FakeTable) => {
    let rows = tables.get(name);
    if (!rows) {
      rows = new Map();
      tables.set(name, rows);
    }
    return rows;
  };
  const keyOf = (name: FakeTable, item: FakeItem) =>
    name === 'stock' ? String(item.variantId ?? item.productId ?? item.reference) : String(item.id);
  const sorted = (name: FakeTable) =>
    [...table(name).entries()].sort(([a], [b]) => Number(a) - Number(b) || a.localeCompare(b));
  // Keyset cursors ("after this key"), remembered with their page number for the beforePage hook.
  const pageOfCursor = new Map<string, number>();

  const shop: FakeShop = {
    calls: [],
    put(name, item) {
      const copy = structuredClone(item);
      if (dated[name] && copy.sourceUpdatedAt === undefined) copy.sourceUpdatedAt = clock.now().toISOString();
      table(name).set(keyOf(name, copy), copy);
    },
    update(name, id, patch) {
      const current = table(name).get(id);
      if (!current) throw new Error(`fake shop: no ${name} ${id}`);
      const next: FakeItem = { ...current, ...structuredClone(patch) };
      if (dated[name]) next.sourceUpdatedAt = clock.now().toISOString();
      table(name).set(id, next);
    },
    remove(name, id) {
      table(name).delete(id);
    },
    adapter: undefined as unknown as PlatformAdapter,
  };

  const page = <T>(name: FakeTable, kind: ListCall['kind'], options: ListOptions, map: (item: FakeItem) => T) => {
    const number = options.cursor === null ? 1 : (pageOfCursor.get(`${name}:${options.cursor}`) ?? 0) + 1;
    shop.calls.push({
      table: name,
      kind,
      cursor: options.cursor,
      page: number,
      ...(options.updatedSince === undefined ? {} : { updatedSince: options.updatedSince }),
    });
    shop.beforePage?.(name, number, kind);
    const since = options.updatedSince === undefined ? null : Date.parse(options.updatedSince);
    const rows = sorted(name).filter(([key, item]) => {
      if (options.cursor !== null && !(Number(key) > Number(options.cursor))) return false;
      if (since === null || !dated[name] || kind === 'listIds') return true;
      return item.sourceUpdatedAt !== undefined && Date.parse(item.sourceUpdatedAt) >= since;
    });
    const chosen = rows.slice(0, options.limit);
    const last = chosen.at(-1);
    const nextCursor = rows.length > options.limit && last ? last[0] : null;
    if (nextCursor !== null) pageOfCursor.set(`${name}:${nextCursor}`, number);
    const result: AdapterPage<T> = { items: chosen.map(([, item]) => map(structuredClone(item))), nextCursor };
    return Promise.resolve(result);
  };

  const operations = (name: FakeTable, withIds: boolean) => ({
    list: (options: ListOptions) => page(name, 'list', options, (item) => item),
    get: (id: string) => {
      shop.calls.push({ table: name, kind: 'get', cursor: null, page: 1 });
      const item = table(name).get(id);
      return Promise.resolve(item ? structuredClone(item) : null);
    },
    ...(withIds
      ? { listIds: (options: ListOptions) => page(name, 'listIds', options, (item) => String(item.id)) }
      : {}),
  });

  // The detector only reads ids, references, dates and variants, so the fake's items need not be full contracts.
  shop.adapter = {
    describe: () => Promise.resolve({ platform: 'fake', platformVersion: null, apiVersion: null }),
    configuration: () => Promise.resolve({}),
    products: operations('products', true),
    categories: operations('categories', true),
    stock: { list: (options: ListOptions) => page('stock', 'list', options, (item) => item) },
    customers: operations('customers', false),
    orders: operations('orders', true),
  } as unknown as PlatformAdapter;
  return shop;
}
