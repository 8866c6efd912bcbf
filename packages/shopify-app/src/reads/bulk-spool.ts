import type { AdapterPage } from '@passerelle/core';
import type { AdapterContext } from '../adapter-context.js';
import { assembleBulkObjects, runBulkQuery, streamBulkLines } from './bulk-export.js';
import { encodeCursor } from './cursor.js';

export interface BulkExportSpec<T> {
  query: string;
  /** Child `__typename` -> the connection field it belongs to. */
  children: Readonly<Record<string, string>>;
  connections: readonly string[];
  map(node: Record<string, unknown>): T;
  signal?: AbortSignal;
}

/**
 * A full read through one bulk operation: the export is streamed line by line, each object mapped as
 * it completes and spooled; the first page is served at once and the cursor points into the spool.
 */
export async function firstBulkPage<T>(
  context: AdapterContext,
  spec: BulkExportSpec<T>,
  limit: number,
): Promise<AdapterPage<T>> {
  const operation = await runBulkQuery(context.client, spec.query, {
    ...context.bulk,
    ...(spec.signal ? { signal: spec.signal } : {}),
  });
  const url = operation.url;
  const spooled = await context.spools.write(
    (async function* () {
      if (!url) return;
      const lines = streamBulkLines(context.client, url, spec.signal);
      for await (const node of assembleBulkObjects(lines, spec.children, spec.connections)) yield spec.map(node);
    })(),
  );
  return spoolPage<T>(context, spooled.id, 0, limit);
}

export async function spoolPage<T>(
  context: AdapterContext,
  spool: string,
  offset: number,
  limit: number,
): Promise<AdapterPage<T>> {
  const page = await context.spools.read(spool, offset, limit);
  return {
    items: page.items as T[],
    nextCursor: page.nextOffset === null ? null : encodeCursor({ kind: 'bulk', spool, offset: page.nextOffset }),
  };
}
