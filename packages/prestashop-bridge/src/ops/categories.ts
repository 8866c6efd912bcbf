import type { AdapterPage, Category, CategoryWrite, ListOptions, PlannedWrite, WriteOutcome } from '@passerelle/core';
import { type Bridge, failure, ItemRefused, outcomeWithNotes } from '../bridge-context.js';
import type { PsRow } from '../client.js';
import { namedAs } from '../lookups.js';
import { categoryFields, isTreeRoot, toCategory } from '../map/category.js';
import { psId, psText } from '../map/scalars.js';
import { idPage, updatedSinceFilter } from './product-reads.js';

async function mapCategories(bridge: Bridge, rows: PsRow[]): Promise<Category[]> {
  const shop = await bridge.shop.snapshot();
  const kept = rows.filter((row) => !isTreeRoot(row, shop));
  const ids = kept.flatMap((row) => [psText(row.id), psId(row.id_parent)]).filter((id): id is string => id !== null);
  const references = await bridge.references.references('category', ids);
  return kept.map((row) => toCategory(row, shop, references, bridge.contractShopId, bridge.includeRaw));
}

/** Categories by id keyset; the tree's technical root (`id_parent` 0) is not a category anyone syncs. */
export async function listCategories(bridge: Bridge, options: ListOptions): Promise<AdapterPage<Category>> {
  const filter = { id_parent: '>[0]', ...(await updatedSinceFilter(bridge, 'date_upd', options.updatedSince)) };
  const { rows, nextCursor } = await idPage(bridge, 'categories', options, 'full', filter);
  return { items: await mapCategories(bridge, rows), nextCursor };
}

export async function getCategory(bridge: Bridge, id: string): Promise<Category | null> {
  if (!/^\d+$/.test(id)) return null;
  const row = await bridge.client.get('categories', id);
  if (!row) return null;
  return (await mapCategories(bridge, [row]))[0] ?? null;
}

export async function listCategoryIds(bridge: Bridge, options: ListOptions): Promise<AdapterPage<string>> {
  const { rows, nextCursor } = await idPage(bridge, 'categories', options, ['id'], { id_parent: '>[0]' });
  return { items: rows.map((row) => psText(row.id)), nextCursor };
}

/**
 * Categories by the reference the ERP wrote them with (their binding), else by id, else by exact name:
 * Atoo-Sync finds categories "by name or by id". Each found category answers under the reference asked.
 */
export async function categoriesByReferences(bridge: Bridge, references: string[]): Promise<Map<string, Category>> {
  const bound = await bridge.references.platformIds('category', references);
  const categories = await bridge.lookups.categories(true);
  const out = new Map<string, Category>();
  for (const reference of references) {
    const id =
      bound.get(reference) ??
      (/^\d+$/.test(reference) && categories.has(reference) ? reference : undefined) ??
      [...categories.values()].find((category) => namedAs(category.names, reference))?.id;
    if (!id) continue;
    const category = await getCategory(bridge, id);
    if (category) out.set(reference, { ...category, reference });
  }
  return out;
}

/**
 * Writes categories one after the other, in the order sent: a parent sent in the same batch exists,
 * and is found by its reference, when its children are written.
 */
export async function writeCategories(bridge: Bridge, plans: PlannedWrite<CategoryWrite>[]): Promise<WriteOutcome[]> {
  const written = new Map<string, string>();
  const outcomes: WriteOutcome[] = [];
  for (const plan of plans) {
    try {
      const shop = await bridge.shop.snapshot();
      const create = plan.action === 'create';
      const notes: string[] = [];
      const fields = categoryFields(plan.data, shop, create, notes);
      if ('parent' in plan.data || create) {
        const parent = plan.data.parent;
        let parentId: string | null = null;
        if (parent) {
          const categories = await bridge.lookups.categories();
          const byReference = parent.reference
            ? (written.get(parent.reference) ??
              (await bridge.references.platformIds('category', [parent.reference])).get(parent.reference))
            : undefined;
          parentId =
            (parent.id && categories.has(parent.id) ? parent.id : undefined) ??
            byReference ??
            (parent.name
              ? [...categories.values()].find((category) => namedAs(category.names, parent.name as string))?.id
              : undefined) ??
            null;
          if (!parentId) throw new ItemRefused(`parent category ${JSON.stringify(parent)} does not exist in the shop`);
        }
        fields.id_parent = parentId ?? shop.homeCategoryId;
      }
      let id: string;
      if (create) {
        id = psText((await bridge.client.create('categories', { fields })).id);
      } else {
        id = plan.platformId as string;
        if (Object.keys(fields).length > 0) await bridge.client.update('categories', id, { fields });
      }
      if (create) {
        const names = (fields.name as { languages: Record<string, string> } | undefined)?.languages ?? {};
        bridge.lookups.rememberCategory({
          id,
          parentId: psText(fields.id_parent) || null,
          names,
          isRootCategory: false,
        });
      }
      written.set(plan.key, id);
      outcomes.push(outcomeWithNotes(plan.key, id, notes));
    } catch (error) {
      outcomes.push(failure(plan.key, error));
    }
  }
  return outcomes;
}
