import type { ProductRow } from './state.js';
import { parseUsf, type UsfNode } from './usf.js';

/**
 * An index of product rows by reference, so the fake answers `sqlfilters` on `t.ref` / `t.rowid` and
 * its duplicate-reference check without scanning the whole table (a 100k-product benchmark makes
 * one such lookup per product). It only narrows: every candidate is still filtered, sorted and paged
 * exactly as a full scan would be, so nothing the API answers changes.
 *
 * Rows enter it when created (`createProductRow`); `ref` becomes an accessor that moves the row
 * between buckets, so any later rename (`PUT /products/{id}`, a variant's `reference`) keeps it true.
 */
type Buckets = Map<string, Set<ProductRow>>;

const indexes = new WeakMap<Map<number, ProductRow>, Buckets>();

/** MySQL's default `_ci` collation, as the fake's filters compare: lower case. */
const keyOf = (ref: string) => ref.toLowerCase();

function bucketsOf(products: Map<number, ProductRow>): Buckets {
  let buckets = indexes.get(products);
  if (!buckets) {
    buckets = new Map();
    indexes.set(products, buckets);
    // Rows that were there before the index was first asked for (none when created through the fake).
    for (const row of products.values()) track(buckets, row);
  }
  return buckets;
}

function add(buckets: Buckets, ref: string, row: ProductRow): void {
  const key = keyOf(ref);
  let bucket = buckets.get(key);
  if (!bucket) {
    bucket = new Set();
    buckets.set(key, bucket);
  }
  bucket.add(row);
}

function remove(buckets: Buckets, ref: string, row: ProductRow): void {
  const key = keyOf(ref);
  const bucket = buckets.get(key);
  bucket?.delete(row);
  if (bucket?.size === 0) buckets.delete(key);
}

function track(buckets: Buckets, row: ProductRow): void {
  if (Object.getOwnPropertyDescriptor(row, 'ref')?.get) return;
  let current = row.ref;
  add(buckets, current, row);
  Object.defineProperty(row, 'ref', {
    enumerable: true,
    configurable: true,
    get: () => current,
    set: (value: string) => {
      remove(buckets, current, row);
      current = value;
      add(buckets, current, row);
    },
  });
}

/** Registers a row just put in the products table. */
export function indexProduct(products: Map<number, ProductRow>, row: ProductRow): void {
  track(bucketsOf(products), row);
}

/** Rows whose reference equals `ref` ignoring case, in table order (by id). */
export function productsWithRef(products: Map<number, ProductRow>, ref: string): ProductRow[] {
  const bucket = bucketsOf(products).get(keyOf(ref));
  return bucket ? [...bucket].sort((a, b) => a.id - b.id) : [];
}

/** A superset of the rows one filter node can match, or null when the node cannot be narrowed. */
function candidates(products: Map<number, ProductRow>, node: UsfNode): Set<ProductRow> | null {
  if (node.kind !== 'test') {
    if (node.kind === 'and') {
      for (const part of node.parts) {
        const narrowed = candidates(products, part);
        if (narrowed) return narrowed;
      }
      return null;
    }
    const union = new Set<ProductRow>();
    for (const part of node.parts) {
      const narrowed = candidates(products, part);
      if (!narrowed) return null;
      for (const row of narrowed) union.add(row);
    }
    return union;
  }
  if (node.op !== '=' || (node.value.kind !== 'string' && node.value.kind !== 'number')) return null;
  if (node.field === 't.ref') {
    // The evaluator compares a number literal as its decimal string.
    const text = node.value.kind === 'number' ? String(node.value.value) : node.value.text;
    return new Set(productsWithRef(products, text));
  }
  if (node.field === 't.rowid') {
    const id = node.value.kind === 'number' ? node.value.value : Number(node.value.text);
    const row = products.get(id);
    return new Set(row && row.id === id ? [row] : []);
  }
  return null;
}

/**
 * The rows a `GET /products` filter can match, in table order, or null when it must be scanned (no
 * filter, an unparsable one, which the list answer then refuses as Dolibarr does, or one with no
 * equality on `t.ref` / `t.rowid` to narrow on).
 */
export function productCandidates(
  products: Map<number, ProductRow>,
  sqlfilters: string | null,
  strict: boolean,
): ProductRow[] | null {
  if (!sqlfilters) return null;
  let node: UsfNode;
  try {
    node = parseUsf(sqlfilters, strict);
  } catch {
    return null;
  }
  const narrowed = candidates(products, node);
  return narrowed ? [...narrowed].sort((a, b) => a.id - b.id) : null;
}
