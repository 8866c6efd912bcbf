import type { AdapterPage, Category, ListOptions } from '@passerelle/core';
import { decodeCursor, encodeCursor, readAfter } from '../keyset-page.js';
import { toCategory } from '../map/category.js';
import type { WooRuntime } from '../runtime.js';
import type { WooCategory } from '../woo.types.js';

/**
 * Product categories, keyed by slug. WordPress terms carry no modification date, so `updatedSince`
 * cannot narrow the list: the sweep reads it whole and compares content hashes.
 */
export function createCategoryReads(runtime: WooRuntime) {
  const page = (offset: number, perPage: number, fields?: string) =>
    runtime.client
      .get<WooCategory[]>('products/categories', {
        query: {
          orderby: 'id',
          order: 'asc',
          hide_empty: false,
          per_page: perPage,
          offset,
          ...(fields ? { _fields: fields } : {}),
        },
      })
      .then((answer) => answer.data);

  const slugs = async () =>
    new Map([...(await runtime.categories()).byId].map(([id, category]) => [id, category.slug]));

  return {
    async list(options: ListOptions): Promise<AdapterPage<Category>> {
      const [context, read] = await Promise.all([
        runtime.mapContext(),
        readAfter((offset, perPage) => page(offset, perPage), decodeCursor(options.cursor), options.limit),
      ]);
      const slugById = await slugs();
      // A parent created after the index was read: read the index again once.
      if (read.items.some((category) => category.parent && !slugById.has(category.parent))) runtime.forgetCategories();
      const fresh = read.items.some((category) => category.parent && !slugById.has(category.parent))
        ? await slugs()
        : slugById;
      return {
        items: read.items.map((category) => toCategory(category, fresh, context)),
        nextCursor: read.next ? encodeCursor(read.next) : null,
      };
    },

    async get(id: string): Promise<Category | null> {
      if (!/^\d+$/.test(id)) return null;
      const category = await runtime.getOrNull<WooCategory>(`products/categories/${id}`);
      if (!category) return null;
      return toCategory(category, await slugs(), await runtime.mapContext());
    },

    async getByReferences(references: string[]): Promise<Map<string, Category>> {
      runtime.forgetCategories();
      const index = await runtime.categories();
      const context = await runtime.mapContext();
      const slugById = new Map([...index.byId].map(([id, category]) => [id, category.slug]));
      const out = new Map<string, Category>();
      for (const reference of references) {
        const category = index.bySlug.get(reference);
        if (category) out.set(reference, toCategory(category, slugById, context));
      }
      return out;
    },

    async listIds(options: ListOptions): Promise<AdapterPage<string>> {
      const read = await readAfter(
        (offset, perPage) => page(offset, perPage, 'id'),
        decodeCursor(options.cursor),
        options.limit,
      );
      return {
        items: read.items.map((item) => String(item.id)),
        nextCursor: read.next ? encodeCursor(read.next) : null,
      };
    },
  };
}
