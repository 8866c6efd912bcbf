import { InvalidCursorError } from '@passerelle/core';
import type { DemoDatabase } from './database.js';

/** Where a page ended: the last row's sort value and id. Travels base64url-encoded, opaque to callers. */
interface Position {
  v: 1;
  /** The sort the cursor belongs to: a cursor of another sort would point anywhere. */
  s: string;
  k: string | number;
  i: number;
}

export function encodeCursor(sort: string, key: string | number, id: number): string {
  const position: Position = { v: 1, s: sort, k: key, i: id };
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, sort: string): { key: string | number; id: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('malformed');
  }
  const position = parsed as Partial<Position> | null;
  if (
    !position ||
    typeof position !== 'object' ||
    position.v !== 1 ||
    (typeof position.k !== 'string' && typeof position.k !== 'number') ||
    typeof position.i !== 'number' ||
    !Number.isInteger(position.i)
  ) {
    throw new InvalidCursorError('malformed');
  }
  if (position.s !== sort) {
    throw new InvalidCursorError(
      'malformed',
      `The cursor belongs to another sort order (${String(position.s)}); restart without a cursor.`,
    );
  }
  return { key: position.k, id: position.i };
}

export interface KeysetQuery {
  table: string;
  /** The sort column; `id` sorts by id alone. */
  sortColumn: string;
  /** Names the sort inside the cursor. */
  sortName: string;
  /** SQL conditions (AND-ed) over named parameters. */
  where: string[];
  params: Record<string, unknown>;
  cursor: string | null;
  limit: number;
  columns?: string;
}

export interface KeysetPage<R> {
  rows: R[];
  nextCursor: string | null;
}

/**
 * One page in `(sortColumn, id)` order after the cursor's position. Keyset, not offset: a row
 * inserted or updated while a client pages cannot shift the rows it has not read yet, so nothing is
 * skipped or served twice because of it. One row more than asked tells whether another page exists.
 */
export function keysetPage<R extends { id: number }>(db: DemoDatabase, query: KeysetQuery): KeysetPage<R> {
  const where = [...query.where];
  const params: Record<string, unknown> = { ...query.params, limit: query.limit + 1 };
  const byId = query.sortColumn === 'id';
  if (!byId) where.push(`${query.sortColumn} IS NOT NULL`);
  if (query.cursor) {
    const position = decodeCursor(query.cursor, query.sortName);
    params.cursorId = position.id;
    if (byId) {
      where.push('id > @cursorId');
    } else {
      params.cursorKey = position.key;
      where.push(`(${query.sortColumn} > @cursorKey OR (${query.sortColumn} = @cursorKey AND id > @cursorId))`);
    }
  }
  const order = byId ? 'id' : `${query.sortColumn}, id`;
  const sql = `SELECT ${query.columns ?? '*'} FROM ${query.table}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT @limit`;
  const rows = db.prepare(sql).all(params) as R[];
  if (rows.length <= query.limit) return { rows, nextCursor: null };
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1] as R & Record<string, unknown>;
  const key = byId ? last.id : (last[query.sortColumn] as string);
  return { rows: page, nextCursor: encodeCursor(query.sortName, key, last.id) };
}
