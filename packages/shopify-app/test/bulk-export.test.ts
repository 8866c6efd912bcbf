import { InvalidCursorError, productSchema } from '@passerelle/core';
import { describe, expect, it } from 'vitest';
import { assembleBulkObjects, type BulkLine } from '../src/reads/bulk-export.js';
import { decodeCursor, encodeCursor } from '../src/reads/cursor.js';
import { readLines } from '../src/reads/jsonl.js';
import { defaultShopifySettings } from '../src/settings.js';
import { adapterFor, useFakeShopify } from './support.js';

const { fake } = useFakeShopify();
const withThreshold = (bulkThreshold: number) => ({
  adapter: { settings: () => ({ ...defaultShopifySettings(), bulkThreshold }) },
});

async function readAll<T>(
  list: (options: { cursor: string | null; limit: number }) => Promise<{ items: T[]; nextCursor: string | null }>,
  limit: number,
) {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const result = await list({ cursor, limit });
    items.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return items;
}

describe('bulk exports: one bulkOperationRunQuery, JSONL streamed line by line', () => {
  it('a full read above the threshold is one bulk operation; later pages cost no Shopify call', async () => {
    const { shop, adapter } = adapterFor(fake, { manyProducts: 300 }, withThreshold(100));
    const products = await readAll((options) => adapter.products!.list(options), 100);
    expect(products).toHaveLength(305);
    expect(new Set(products.map((product) => product.id)).size).toBe(305);
    expect(fake.count('bulkOperationRunQuery', shop.domain)).toBe(1);
    expect(fake.downloads.filter((download) => download.shop === shop.domain)).toHaveLength(1);
    expect(fake.count('products', shop.domain)).toBe(0);
    for (const product of products) expect(productSchema.safeParse(product).success).toBe(true);
  });

  it('the export maps exactly as the paged read does (variants and media rebuilt from child lines)', async () => {
    const { shop, adapter } = adapterFor(fake, {}, withThreshold(1));
    const exported = await readAll((options) => adapter.products!.list(options), 50);
    const ipod = exported.find((product) => product.reference === 'ipod-nano');
    expect(ipod?.variants?.map((variant) => variant.reference)).toEqual([
      'IPOD2008PINK',
      'IPOD2008RED',
      'IPOD2008GREEN',
    ]);
    expect(ipod?.images).toHaveLength(1);
    const paged = await adapter.products!.get!(ipod?.id as string);
    expect(ipod).toEqual(paged);
    expect(fake.count('bulkOperationRunQuery', shop.domain)).toBe(1);
  });

  it('customers above the threshold are exported the same way', async () => {
    const { shop, adapter } = adapterFor(fake, {}, withThreshold(1));
    const customers = await readAll((options) => adapter.customers!.list(options), 2);
    expect(
      customers
        .map((customer) => customer.reference)
        .filter(Boolean)
        .sort(),
    ).toEqual(['CUST-BOB', 'CUST-JANE']);
    expect(customers.find((customer) => customer.reference === 'CUST-BOB')?.addresses).toHaveLength(1);
    expect(fake.count('bulkOperationRunQuery', shop.domain)).toBe(1);
  });

  it('below the threshold, and for changed-since reads, pages are read as usual', async () => {
    const { shop, adapter } = adapterFor(fake, {}, withThreshold(1000));
    expect(await readAll((options) => adapter.products!.list(options), 2)).toHaveLength(5);
    expect(fake.count('bulkOperationRunQuery', shop.domain)).toBe(0);
  });

  it('a cursor into an export that no longer exists asks for a restart', async () => {
    const { adapter } = adapterFor(fake);
    const cursor = encodeCursor({ kind: 'bulk', spool: '00000000-0000-0000-0000-000000000000', offset: 0 });
    await expect(adapter.products!.list({ cursor, limit: 10 })).rejects.toBeInstanceOf(InvalidCursorError);
    expect(() => decodeCursor('not-a-cursor')).toThrow(InvalidCursorError);
  });

  it('JSONL lines are split as bytes arrive, even inside a multi-byte character', async () => {
    const text = '{"id":"1","title":"Café"}\n{"id":"2","__parentId":"1"}\n';
    const bytes = new TextEncoder().encode(text);
    const cut = text.indexOf('é') + 1;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 5));
        controller.enqueue(bytes.subarray(5, cut));
        controller.enqueue(bytes.subarray(cut));
        controller.close();
      },
    });
    const lines: string[] = [];
    for await (const line of readLines(stream)) lines.push(line);
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { id: '1', title: 'Café' },
      { id: '2', __parentId: '1' },
    ]);
  });

  it('ungrouped lines (a child before its parent’s turn) are refused, never mis-assembled', async () => {
    async function* lines(): AsyncGenerator<BulkLine> {
      yield { id: 'p1' };
      yield { id: 'p2' };
      yield { id: 'v1', __parentId: 'p1', __typename: 'ProductVariant' };
    }
    const assembled = assembleBulkObjects(lines(), { ProductVariant: 'variants' }, ['variants']);
    await expect(
      (async () => {
        for await (const _ of assembled) void _;
      })(),
    ).rejects.toThrow(/not grouped/);
  });
});
