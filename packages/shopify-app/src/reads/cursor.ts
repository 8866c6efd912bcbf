import { InvalidCursorError } from '@passerelle/core';

/** Where a paged read stands: Shopify's own cursor, a position in a bulk export's spool, or a stock walk. */
export type ReadCursor =
  | { kind: 'page'; after: string }
  | { kind: 'bulk'; spool: string; offset: number }
  | { kind: 'stock'; location: string; after: string | null };

/** Cursors handed to core are opaque: base64url JSON, so a cloud cannot build one by hand. */
export function encodeCursor(cursor: ReadCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

export function decodeCursor(text: string | null): ReadCursor | null {
  if (text === null || text === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('malformed');
  }
  const cursor = value as Partial<Record<string, unknown>>;
  if (cursor?.kind === 'page' && typeof cursor.after === 'string') return { kind: 'page', after: cursor.after };
  if (cursor?.kind === 'bulk' && typeof cursor.spool === 'string' && Number.isSafeInteger(cursor.offset)) {
    return { kind: 'bulk', spool: cursor.spool, offset: cursor.offset as number };
  }
  if (
    cursor?.kind === 'stock' &&
    typeof cursor.location === 'string' &&
    (cursor.after === null || typeof cursor.after === 'string')
  ) {
    return { kind: 'stock', location: cursor.location, after: cursor.after as string | null };
  }
  throw new InvalidCursorError('malformed');
}
