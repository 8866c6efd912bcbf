import type { FieldValue } from './filters.js';
import { resourceDefs } from './resource-schemas.js';

/** One stored object: scalar fields as the strings PrestaShop renders, translated ones by language id. */
export interface FakeRecord {
  id: number;
  fields: Record<string, FieldValue>;
  associations: Record<string, Record<string, string>[]>;
}

/** A row as the Webservice renders it in JSON (display=full), the format of `test/fixtures/*.json`. */
export type JsonRow = Record<string, unknown>;

/** The shop's data, resource by resource, with the id sequences PrestaShop's auto-increments keep. */
export class FakeStore {
  readonly tables = new Map<string, Map<number, FakeRecord>>();
  private readonly sequences = new Map<string, number>();

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
    const next = Math.max(this.sequences.get(resource) ?? 0, ...this.table(resource).keys(), 0) + 1;
    this.sequences.set(resource, next);
    return next;
  }

  insert(resource: string, record: Omit<FakeRecord, 'id'> & { id?: number }): FakeRecord {
    const id = record.id ?? this.nextId(resource);
    const stored: FakeRecord = { id, fields: record.fields, associations: record.associations };
    this.table(resource).set(id, stored);
    this.sequences.set(resource, Math.max(this.sequences.get(resource) ?? 0, id));
    return stored;
  }

  remove(resource: string, id: number): boolean {
    return this.table(resource).delete(id);
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
