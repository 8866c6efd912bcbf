import type { ListOptions } from '@passerelle/core';
import type { Statement } from 'better-sqlite3';
import { keysetPage } from './keyset-page.js';
import { type ShopContext, toRowId } from './shop-context.js';

/** Every table of the shop has an integer id and an update date. */
interface TableRow {
  id: number;
  updated_at: string;
}

/**
 * What every table of the demo shop answers the same way, given how a row becomes a contract item:
 * an item by id, a page of items (id order, or update order with `updatedSince`), a page of ids, the
 * items of some references, and the writes that are alike everywhere (`touch`, `setActive`).
 * @param noun how messages name one row, e.g. `product`
 */
export function tableRows<R extends TableRow, T>(
  context: ShopContext,
  table: string,
  noun: string,
  toItem: (row: R) => T,
) {
  const { db, clock } = context;
  const byId = db.prepare<[number], R>(`SELECT * FROM ${table} WHERE id = ?`);
  // Prepared on first use: the order document tables have no reference column.
  let referenceQuery: Statement<[string], R> | null = null;
  const byReference = (reference: string): R | undefined => {
    referenceQuery ??= db.prepare<[string], R>(`SELECT * FROM ${table} WHERE reference = ?`);
    return referenceQuery.get(reference);
  };
  const find = (id: string): R | undefined => {
    const rowId = toRowId(id);
    return rowId === null ? undefined : byId.get(rowId);
  };

  return {
    /** The row of a row id. */
    row: (id: number): R | undefined => byId.get(id),
    /** The row of a contract id (`"42"`); undefined for an id that is not one. */
    find,
    /** The row of a reference. */
    byReference,
    get(id: string): T | null {
      const row = find(id);
      return row ? toItem(row) : null;
    },
    /** @param where more SQL conditions, AND-ed */
    list(options: ListOptions, where: string[] = []) {
      const params: Record<string, unknown> = {};
      const conditions = [...where];
      if (options.updatedSince) {
        conditions.push('updated_at >= @since');
        params.since = new Date(options.updatedSince).toISOString();
      }
      const page = keysetPage<R>(db, {
        table,
        sortColumn: options.updatedSince ? 'updated_at' : 'id',
        sortName: options.updatedSince ? 'updated' : 'id',
        where: conditions,
        params,
        cursor: options.cursor,
        limit: options.limit,
      });
      return { items: page.rows.map(toItem), nextCursor: page.nextCursor };
    },
    listIds(options: ListOptions) {
      const page = keysetPage<{ id: number }>(db, {
        table,
        sortColumn: 'id',
        sortName: 'id',
        where: [],
        params: {},
        cursor: options.cursor,
        limit: options.limit,
        columns: 'id',
      });
      return { items: page.rows.map((row) => String(row.id)), nextCursor: page.nextCursor };
    },
    getByReferences(references: string[]): Map<string, T> {
      const out = new Map<string, T>();
      for (const reference of new Set(references)) {
        const row = byReference(reference);
        if (row) out.set(reference, toItem(row));
      }
      return out;
    },
    /** Moves the update date forward and nothing else, as a merchant saving a record unchanged does. */
    touch(id: number): void {
      const row = byId.get(id);
      if (row) db.prepare(`UPDATE ${table} SET updated_at = ? WHERE id = ?`).run(clock.stamp(row.updated_at), id);
    },
    /** @returns the row's contract id */
    setActive(id: string, active: boolean): string {
      const row = find(id);
      if (!row) throw new Error(`no ${noun} with id "${id}"`);
      db.prepare(`UPDATE ${table} SET active = ?, updated_at = ? WHERE id = ?`).run(
        active ? 1 : 0,
        clock.stamp(row.updated_at),
        row.id,
      );
      return String(row.id);
    },
  };
}
