import type {
  Category,
  CategoryOperations,
  CategoryParent,
  CategoryWrite,
  ListOptions,
  PlannedWrite,
  WriteContext,
  WriteOutcome,
} from '@passerelle/core';
import { type AdapterContext, dolibarrSettings, failure } from '../adapter-context.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { chunk, FILTER_CHUNK, pageFilter } from '../lookups.js';
import { categoryFromDolibarr, categoryPayload } from '../map/category.js';
import { type DolibarrObject, idOf, stringOf } from '../payloads.types.js';
import { isFilterable, oneOf, test } from '../sqlfilters.js';

const PRODUCT_TYPE = 'product';

export function createCategoryOperations(context: AdapterContext): CategoryOperations {
  const { client } = context;
  const language = async () => (await dolibarrSettings(context)).defaultLanguage;

  async function byRefExt(references: string[]): Promise<Map<string, DolibarrObject>> {
    const out = new Map<string, DolibarrObject>();
    const dialect = await client.dialect();
    for (const part of chunk([...new Set(references)].filter(isFilterable), FILTER_CHUNK)) {
      const rows = await client.list<DolibarrObject>('categories', {
        type: PRODUCT_TYPE,
        sqlfilters: oneOf('t.ref_ext', part, dialect),
        limit: part.length + 1,
      });
      for (const row of rows) {
        const reference = stringOf(row.ref_ext);
        if (reference && part.includes(reference)) out.set(reference, row);
      }
    }
    return out;
  }

  async function parentId(parent: CategoryParent | null | undefined): Promise<number> {
    if (!parent) return 0;
    if (parent.id && idOf(parent.id) !== null) return idOf(parent.id) as number;
    if (parent.reference) {
      const found = idOf((await byRefExt([parent.reference])).get(parent.reference)?.id);
      if (found !== null) return found;
    }
    if (parent.name && isFilterable(parent.name)) {
      const dialect = await client.dialect();
      const rows = await client.list<DolibarrObject>('categories', {
        type: PRODUCT_TYPE,
        sqlfilters: test('t.label', '=', parent.name, dialect),
        limit: 2,
      });
      const found = idOf(rows[0]?.id);
      if (found !== null) return found;
    }
    throw new Error(`the parent category ${JSON.stringify(parent)} is not in Dolibarr`);
  }

  async function writeOne(plan: PlannedWrite<CategoryWrite>, lang: string): Promise<WriteOutcome> {
    const payload = categoryPayload(plan.data, lang);
    if (plan.data.parent !== undefined) payload.fk_parent = await parentId(plan.data.parent);
    if (plan.action === 'create') {
      const reference = plan.data.reference ?? plan.key;
      const existing = idOf((await byRefExt([reference])).get(reference)?.id);
      if (existing !== null) {
        await client.put(`categories/${existing}`, payload);
        return { key: plan.key, ok: true, id: String(existing) };
      }
      const id = idOf(
        await client.post('categories', {
          type: PRODUCT_TYPE,
          ...payload,
          ref_ext: reference,
          label: payload.label ?? reference,
        }),
      );
      if (id === null) throw new Error(`Dolibarr did not return an id for the category ${reference}`);
      return { key: plan.key, ok: true, id: String(id) };
    }
    const id = idOf(plan.platformId);
    if (id === null) throw new Error(`no Dolibarr id for the category ${plan.key}`);
    if (Object.keys(payload).length) await client.put(`categories/${id}`, payload);
    return { key: plan.key, ok: true, id: String(id) };
  }

  async function page(options: ListOptions): Promise<{ rows: DolibarrObject[]; nextCursor: string | null }> {
    const dialect = await client.dialect();
    const after = decodeCursor(options.cursor);
    const since = options.updatedSince ? test('t.tms', '>=', { date: options.updatedSince }, dialect) : null;
    const rows = await client.list<DolibarrObject>('categories', {
      type: PRODUCT_TYPE,
      sortfield: 't.rowid',
      sortorder: 'ASC',
      limit: options.limit,
      sqlfilters: await pageFilter(client, after, since),
    });
    const lastId = idOf(rows.at(-1)?.id);
    return { rows, nextCursor: rows.length >= options.limit && lastId !== null ? encodeCursor(lastId) : null };
  }

  return {
    async list(options) {
      const lang = await language();
      const { rows, nextCursor } = await page(options);
      return { items: rows.map((row) => categoryFromDolibarr(row, lang)), nextCursor };
    },
    async get(id): Promise<Category | null> {
      if (!/^\d+$/.test(id)) return null;
      const row = await client.getOrNull<DolibarrObject>(`categories/${id}`);
      if (!row || String(row.type ?? '0') !== '0') return null;
      return categoryFromDolibarr(row, await language());
    },
    async getByReferences(references) {
      const lang = await language();
      const found = await byRefExt(references);
      return new Map([...found].map(([reference, row]) => [reference, categoryFromDolibarr(row, lang)] as const));
    },
    async listIds(options) {
      const { rows, nextCursor } = await page(options);
      return { items: rows.map((row) => String(row.id)), nextCursor };
    },
    async write(plans: PlannedWrite<CategoryWrite>[], write: WriteContext): Promise<WriteOutcome[]> {
      const lang = (await dolibarrSettings(context, write.settings)).defaultLanguage;
      const outcomes: WriteOutcome[] = [];
      for (const plan of plans) {
        try {
          outcomes.push(await context.lock(`category:${plan.key}`, () => writeOne(plan, lang)));
        } catch (error) {
          outcomes.push(failure(plan.key, error));
        }
      }
      return outcomes;
    },
  };
}
