import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, open, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidCursorError } from '@passerelle/core';

/**
 * A bulk export mapped to contract items, one JSON per line in a temporary file. Pages after the first
 * read it from a byte offset: a 100,000-product export costs one bulk operation, and paging through it
 * costs no further Shopify call and no memory beyond one page.
 */
export interface SpoolStore {
  write(items: AsyncIterable<unknown>): Promise<{ id: string; count: number }>;
  /** Up to `limit` items from `offset`; `nextOffset` null at the end. */
  read(id: string, offset: number, limit: number): Promise<{ items: unknown[]; nextOffset: number | null }>;
  close(): Promise<void>;
}

/** Spools older than this are removed when a new one is written (Shopify keeps its own files 7 days). */
const MAX_AGE_MS = 24 * 3_600_000;
const CHUNK = 64 * 1024;

export function createSpoolStore(): SpoolStore {
  let directory: Promise<string> | null = null;
  const dir = () => {
    directory ??= mkdtemp(join(tmpdir(), 'passerelle-shopify-'));
    return directory;
  };
  const pathOf = async (id: string) => {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new InvalidCursorError('malformed');
    return join(await dir(), `${id}.jsonl`);
  };

  const purgeOld = async () => {
    const root = await dir();
    for (const name of await readdir(root)) {
      const file = join(root, name);
      const info = await stat(file).catch(() => null);
      if (info && Date.now() - info.mtimeMs > MAX_AGE_MS) await rm(file, { force: true });
    }
  };

  return {
    async write(items) {
      await purgeOld();
      const id = randomUUID();
      const out = createWriteStream(await pathOf(id), { encoding: 'utf8' });
      let count = 0;
      try {
        for await (const item of items) {
          if (!out.write(`${JSON.stringify(item)}\n`)) await once(out, 'drain');
          count++;
        }
      } finally {
        out.end();
        await once(out, 'finish');
      }
      return { id, count };
    },

    async read(id, offset, limit) {
      const file = await open(await pathOf(id), 'r').catch(() => {
        throw new InvalidCursorError('stale', 'The export this cursor belongs to has expired: restart the read.');
      });
      try {
        const items: unknown[] = [];
        let position = offset;
        // Bytes, not text: a chunk may end inside a multi-byte character.
        let pending = Buffer.alloc(0);
        const buffer = Buffer.alloc(CHUNK);
        while (items.length < limit) {
          const { bytesRead } = await file.read(buffer, 0, CHUNK, position + pending.length);
          if (bytesRead === 0) break;
          pending = Buffer.concat([pending, buffer.subarray(0, bytesRead)]);
          let newline = pending.indexOf(0x0a);
          while (newline >= 0 && items.length < limit) {
            items.push(JSON.parse(pending.toString('utf8', 0, newline)));
            position += newline + 1;
            pending = pending.subarray(newline + 1);
            newline = pending.indexOf(0x0a);
          }
        }
        const size = (await file.stat()).size;
        return { items, nextOffset: position < size ? position : null };
      } finally {
        await file.close();
      }
    },

    async close() {
      if (directory) await rm(await directory, { recursive: true, force: true });
      directory = null;
    },
  };
}
