import { InvalidCursorError } from '@passerelle/core';

/**
 * Keyset cursors: the sort key of the last item served (an id, or a date and an id), base64url JSON.
 * An edit or an insert between two pages never shifts the next page, which `limit=offset,n` would.
 */
export type Keyset = (string | number)[];

export function encodeCursor(key: Keyset): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | null, length: number): Keyset | null {
  if (cursor === null) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === length &&
      key.every((part) => typeof part === 'string' || typeof part === 'number')
    ) {
      return key as Keyset;
    }
  } catch {
    // Refused below.
  }
  throw new InvalidCursorError('malformed');
}
