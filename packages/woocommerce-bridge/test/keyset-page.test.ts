import { InvalidCursorError } from '@passerelle/core';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, type KeysetCursor, type KeysetRead, readAfter } from '../src/keyset-page.js';

/** An id-ordered table read by offset, as WooCommerce pages: it may change between two reads. */
function table(ids: number[]) {
  const rows = [...ids];
  let fetches = 0;
  return {
    rows,
    get fetches() {
      return fetches;
    },
    fetch: async (offset: number, perPage: number) => {
      fetches++;
      return rows.slice(offset, offset + perPage).map((id) => ({ id }));
    },
  };
}

async function readAll(
  source: ReturnType<typeof table>,
  limit: number,
  between?: (page: number) => void,
): Promise<number[]> {
  const seen: number[] = [];
  let cursor: KeysetCursor | null = null;
  for (let page = 0; page < 100; page++) {
    const read: KeysetRead<{ id: number }> = await readAfter(source.fetch, cursor, limit);
    seen.push(...read.items.map((item) => item.id));
    if (!read.next) return seen;
    cursor = read.next;
    between?.(page);
  }
  throw new Error('did not end');
}

describe('keyset pages over offset paging', () => {
  it('reads every id once, in order', async () => {
    const source = table([1, 2, 3, 5, 8, 13, 21]);
    expect(await readAll(source, 3)).toEqual([1, 2, 3, 5, 8, 13, 21]);
  });

  it('items deleted before the cursor between pages skip nothing (plain offsets would skip)', async () => {
    const source = table(Array.from({ length: 20 }, (_, index) => index + 1));
    const seen = await readAll(source, 5, (page) => {
      if (page === 0) source.rows.splice(0, 3);
    });
    expect(seen).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
  });

  it('items inserted before the cursor between pages repeat nothing', async () => {
    const source = table([10, 20, 30, 40, 50, 60]);
    const seen = await readAll(source, 2, (page) => {
      if (page === 0) source.rows.splice(0, 0, 1, 2, 3);
    });
    expect(seen).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('a new item after the cursor is read; the last page says there is no more', async () => {
    const source = table([1, 2, 3, 4]);
    const seen = await readAll(source, 2, () => {
      if (!source.rows.includes(99)) source.rows.push(99);
    });
    expect(seen).toEqual([1, 2, 3, 4, 99]);
  });

  it('a cursor round-trips, and a forged one is refused', () => {
    expect(decodeCursor(encodeCursor({ a: 12, o: 40, s: 2 }))).toEqual({ a: 12, o: 40, s: 2 });
    expect(decodeCursor(null)).toBeNull();
    expect(() => decodeCursor('not-a-cursor')).toThrow(InvalidCursorError);
    expect(() => decodeCursor(Buffer.from('{"a":-1,"o":0}').toString('base64url'))).toThrow(InvalidCursorError);
  });
});
