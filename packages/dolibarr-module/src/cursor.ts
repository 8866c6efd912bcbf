import { InvalidCursorError } from '@passerelle/core';

/**
 * Keyset cursors over Dolibarr row ids: the next page is `t.rowid > last`, so an insert, an edit or a
 * delete between two pages never shifts it (Dolibarr's own `page` is an offset). Opaque to core.
 */
export function encodeCursor(lastId: number): string {
  return Buffer.from(JSON.stringify({ r: lastId })).toString('base64url');
}

export function decodeCursor(cursor: string | null): number {
  if (cursor === null) return 0;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const id = (parsed as { r?: unknown } | null)?.r;
    if (typeof id === 'number' && Number.isInteger(id) && id >= 0) return id;
  } catch {
    // Refused below.
  }
  throw new InvalidCursorError('malformed');
}
