import { equalityKey, type FieldValue } from './filters.js';
import { resourceDefs } from './resource-schemas.js';

/** One stored object: scalar fields as the strings PrestaShop renders, translated ones by language id. */
export interface FakeRecord {
  id: number;
  fields: Record<string, FieldValue>;
  associations: Record<string, Record<string, string>[]>;
}

/** A row as the Webservice renders it in JSON (display=full), the format of `test/fixtures/*.json`. */
export type JsonRow = Record<string, unknown>;

/**
 * Fields kept in an equality index (`equalityKey` → ids), so that `filter[reference]=[a|b|…]` and a
 * product's stock rows are found without scanning 100,000 rows. Only fields the fake never edits in
 * place are listed: they change through `insert`, `update` and `remove` alone, which keep the index.
 */
const INDEXED: Record<string, readonly string[]> = {
  products: ['reference'],
  combinations: ['id_product', 'reference'],
  stock_availables: ['id_product'],
  specific_prices: ['id_product'],
  order_details: ['id_order'],
};

function keysOf(value: FieldValue | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [equalityKey(value)] : Object.values(value).map(equalityKey);
}

/** One field's index: key → ids, and what each id was filed under (to unfile it). */
interface FieldIndex {
  byKey: Map<string, Set<number>>;
  byId: Map<number, string[]>;
}

/** The shop's data, resource by resource, with the id sequences PrestaShop's auto-increments keep. */
export class FakeStore {
  readonly tables = new Map<string, Map<number, FakeRecord>>();
  private readonly sequences = new Map<string, number>();
  private readonly indexes = new Map<string, Map<string, FieldIndex>>();

  table(resource: string): Map<number, FakeRecord> {
    let table = this.tables.get(resource);
    if (!table) {
      table = new Map();
      this.tables.set(resource, table);
    }
    return table;
  }

  all(resource: string): FakeRecord[] {
    return [...this.table(resource).values()].sort((a, b) => a.id - b.id);
  }

  get(resource: string, id: number): FakeRecord | undefined {
    return this.table(resource).get(id);
  }

  nextId(resource: string): number {
    // `insert` keeps the sequence at or above every id the table has held (AUTO_INCREMENT never goes back).
    const next = (this.sequences.get(resource) ?? 0) + 1;
    this.sequences.set(resource, next);
    return next;
  }

  insert(resource: string, record: Omit<FakeRecord, 'id'> & { id?: number }): FakeRecord {
    const id = record.id ?? this.nextId(resource);
    const stored: FakeRecord = { id, fields: record.fields, associations: record.associations };
    this.unindex(resource, id);
    this.table(resource).set(id, stored);
    this.sequences.set(resource, Math.max(this.sequences.get(resource) ?? 0, id));
    this.index(resource, stored);
    return stored;
  }

  /** Replaces a stored record's fields and associations (a PUT or PATCH), keeping the indexes. */
  update(resource: string, record: FakeRecord, next: Pick<FakeRecord, 'fields' | 'associations'>): FakeRecord {
    this.unindex(resource, record.id);
    Object.assign(record, next);
    if (this.table(resource).get(record.id) === record) this.index(resource, record);
    return record;
  }

  remove(resource: string, id: number): boolean {
    this.unindex(resource, id);
    return this.table(resource).delete(id);
  }

  /** Whether `field` of `resource` is indexed (`filter[field]` equality lookups then skip the scan). */
  indexed(resource: string, field: string): boolean {
    return field === 'id' || (INDEXED[resource]?.includes(field) ?? false);
  }

  /**
   * Every record whose `field` may equal one of `values` as `compareValues` compares (a superset: the
   * caller applies its own test), in id order as `all` gives them. `id` is looked up directly.
   */
  candidates(resource: string, field: string, values: readonly string[]): FakeRecord[] {
    const table = this.table(resource);
    const ids = new Set<number>();
    if (field === 'id') {
      for (const value of values) {
        const key = equalityKey(value);
        if (key.startsWith('n:') && table.has(Number(key.slice(2)))) ids.add(Number(key.slice(2)));
      }
    } else {
      const index = this.fieldIndex(resource, field);
      if (!index) return this.all(resource);
      for (const value of values) for (const id of index.byKey.get(equalityKey(value)) ?? []) ids.add(id);
    }
    return [...ids].sort((a, b) => a - b).map((id) => table.get(id) as FakeRecord);
  }

  private fieldIndex(resource: string, field: string): FieldIndex | undefined {
    if (!INDEXED[resource]?.includes(field)) return undefined;
    let perResource = this.indexes.get(resource);
    if (!perResource) {
      perResource = new Map();
      this.indexes.set(resource, perResource);
    }
    return perResource.get(field) ?? this.buildIndex(resource, field, perResource);
  }

  private buildIndex(resource: string, field: string, perResource: Map<string, FieldIndex>): FieldIndex {
    const index: FieldIndex = { byKey: new Map(), byId: new Map() };
    perResource.set(field, index);
    for (const record of this.table(resource).values()) this.file(index, record, field);
    return index;
  }

  private file(index: FieldIndex, record: FakeRecord, field: string): void {
    const keys = [...new Set(keysOf(record.fields[field]))];
    index.byId.set(record.id, keys);
    for (const key of keys) {
      let ids = index.byKey.get(key);
      if (!ids) {
        ids = new Set();
        index.byKey.set(key, ids);
      }
      ids.add(record.id);
    }
  }

  private index(resource: string, record: FakeRecord): void {
    const perResource = this.indexes.get(resource);
    if (!perResource) return;
    for (const [field, index] of perResource) this.file(index, record, field);
  }

  private unindex(resource: string, id: number): void {
    const perResource = this.indexes.get(resource);
    if (!perResource) return;
    for (const index of perResource.values()) {
      for (const key of index.byId.get(id) ?? []) {
        const ids = index.byKey.get(key);
        ids?.delete(id);
        if (ids?.size === 0) index.byKey.delete(key);
      }
      index.byId.delete(id);
    }
  }

  /** Loads rows in the Webservice's JSON shape: translated fields as `[{ id, value }]`. */
  load(resource: string, rows: JsonRow[]): void {
    const def = resourceDefs[resource];
    if (!def) throw new Error(`fake: unknown resource ${resource}`);
    for (const row of rows) {
      const fields: Record<string, FieldValue> = {};
      for (const [name, field] of Object.entries(def.fields)) {
        const value = row[name];
        if (field.lang) {
          fields[name] = Array.isArray(value)
            ? Object.fromEntries(
                (value as { id: unknown; value: unknown }[]).map((entry) => [
                  String(entry.id),
                  String(entry.value ?? ''),
                ]),
              )
            : {};
        } else {
          fields[name] = value === undefined || value === null ? '' : String(value);
        }
      }
      for (const extra of ['date_add', 'date_upd']) {
        if (row[extra] !== undefined) fields[extra] = String(row[extra]);
      }
      const associations: Record<string, Record<string, string>[]> = {};
      const source = (row.associations ?? {}) as Record<string, Record<string, unknown>[]>;
      for (const [name, items] of Object.entries(source)) {
        associations[name] = items.map((item) =>
          Object.fromEntries(Object.entries(item).map(([key, value]) => [key, String(value)])),
        );
      }
      this.insert(resource, { id: Number(row.id), fields, associations });
    }
  }

  text(resource: string, id: number, field: string): string {
    const value = this.get(resource, id)?.fields[field];
    return typeof value === 'string' ? value : '';
  }
}
