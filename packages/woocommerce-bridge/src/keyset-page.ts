import { InvalidCursorError } from '@passerelle/core';
import { WOO_PAGE_SIZE } from './client.js';

/**
 * Where a read stopped: after id `a`, which sat near offset `o` of the id-ordered list; `s` counts the
 * sub-items of the next parent already served (the variations of one product read on two pages).
 */
export interface KeysetCursor {
  a: number;
  o: number;
  s?: number;
}

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(text: string | null): KeysetCursor | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Record<string, unknown>;
    const valid =
      Number.isInteger(value.a) &&
      Number.isInteger(value.o) &&
      (value.a as number) >= 0 &&
      (value.o as number) >= 0 &&
      (value.s === undefined || (Number.isInteger(value.s) && (value.s as number) >= 0));
    if (valid)
      return { a: value.a as number, o: value.o as number, ...(value.s !== undefined ? { s: value.s as number } : {}) };
  } catch {
    // Reported below.
  }
  throw new InvalidCursorError('malformed');
}

/** One offset page of a list sorted by id ascending. */
export type FetchOffsetPage<T> = (offset: number, perPage: number) => Promise<T[]>;

export interface KeysetRead<T> {
  items: T[];
  /** The offset each item was read at, for cursors that stop inside one of them. */
  offsets: number[];
  /** Where to resume, or null when the list is exhausted. */
  next: KeysetCursor | null;
}

/** Bound on offset pages fetched for one read, so a shop that changes under us can never loop it. */
const MAX_FETCHES = 200;

/**
 * Reads up to `limit` items with an id above the cursor's, from an endpoint that only pages by offset.
 * Offsets shift when items are deleted or inserted between two pages; keying the cursor on the last id
 * (and reading one item back, to check the offset still lands on it) means a shift never skips or
 * repeats an item. An item changed between pages keeps its id, so it keeps its place.
 */
export async function readAfter<T extends { id: number }>(
  fetchPage: FetchOffsetPage<T>,
  cursor: KeysetCursor | null,
  limit: number,
): Promise<KeysetRead<T>> {
  const after = cursor?.a ?? 0;
  const perPage = Math.min(WOO_PAGE_SIZE, Math.max(1, limit) + 1);
  let offset = Math.max(0, (cursor?.o ?? 0) - 1);
  const items: T[] = [];
  const offsets: number[] = [];
  let lastOffset = -1;
  let moreAfterLast = false;

  for (let fetches = 0; fetches < MAX_FETCHES; fetches++) {
    const page = await fetchPage(offset, perPage);
    const first = page[0];
    // Deletions before the cursor shifted the list left: the page starts beyond it, so step back.
    if (items.length === 0 && offset > 0 && (first === undefined || first.id > after)) {
      offset = Math.max(0, offset - perPage);
      continue;
    }
    let index = 0;
    for (const item of page) {
      if (item.id > after && (items.length === 0 || item.id > (items.at(-1) as T).id)) {
        if (items.length < limit) {
          items.push(item);
          offsets.push(offset + index);
          lastOffset = offset + index;
        } else {
          moreAfterLast = true;
          break;
        }
      }
      index++;
    }
    if (items.length >= limit || page.length < perPage) {
      const exhausted = page.length < perPage;
      if (items.length < limit || (exhausted && !moreAfterLast)) return { items, offsets, next: null };
      return { items, offsets, next: { a: (items.at(-1) as T).id, o: lastOffset + 1 } };
    }
    offset += page.length;
  }
  // Still reading after the bound: hand back what was read with a cursor to go on from.
  const last = items.at(-1);
  return { items, offsets, next: last ? { a: last.id, o: lastOffset + 1 } : { a: after, o: offset } };
}
