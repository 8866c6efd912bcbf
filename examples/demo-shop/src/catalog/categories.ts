import type { Category, CategoryParent, CategoryWrite, ListOptions } from '@passerelle/core';
import { readJson } from '../database.js';
import { SHOP_ID } from '../shop-configuration.js';
import { compact, type ShopContext, slugify, toRowId } from '../shop-context.js';
import { tableRows } from '../table-rows.js';

interface CategoryRow {
  id: number;
  reference: string | null;
  parent_id: number | null;
  position: number;
  active: number;
  data: string;
  created_at: string;
  updated_at: string;
}

interface CategoryData {
  name: Record<string, string>;
  slug?: Record<string, string>;
  description?: Record<string, string>;
}

/** The demo shop's category tree: top-level categories have no parent (they hang under the shop's Home). */
export function createCategoryRepository(context: ShopContext) {
  const { db, clock } = context;
  const rows = tableRows<CategoryRow, Category>(context, 'categories', 'category', (row) => toCategory(row));

  const parentOf = (parentId: number | null): CategoryParent | null => {
    if (parentId === null) return null;
    const parent = rows.row(parentId);
    if (!parent) return null;
    // The reference is what an ERP sends back: answering with it keeps an unchanged tree `unchanged`.
    return parent.reference ? { reference: parent.reference } : { id: String(parent.id) };
  };

  const toCategory = (row: CategoryRow): Category => {
    const data = readJson<CategoryData>(row.data);
    return compact({
      id: String(row.id),
      reference: row.reference ?? undefined,
      shopId: SHOP_ID,
      name: data.name,
      slug: data.slug,
      description: data.description,
      parent: parentOf(row.parent_id),
      position: row.position,
      active: row.active === 1,
      sourceUpdatedAt: row.updated_at,
    });
  };

  const findByName = (name: string): CategoryRow | undefined => {
    const wanted = name.trim().toLowerCase();
    const rows = db.prepare<[], CategoryRow>('SELECT * FROM categories ORDER BY id').all();
    return rows.find((row) =>
      Object.values(readJson<CategoryData>(row.data).name).some((value) => value.toLowerCase() === wanted),
    );
  };

  /** Resolves a parent by id, then reference, then name (the contract's order); undefined when nothing matches. */
  const resolveParent = (parent: CategoryParent): CategoryRow | undefined => {
    const id = toRowId(parent.id);
    if (id !== null) {
      const row = rows.row(id);
      if (row) return row;
    }
    if (parent.reference) {
      const row = rows.byReference(parent.reference);
      if (row) return row;
    }
    return parent.name ? findByName(parent.name) : undefined;
  };

  const ancestorsOf = (id: number): number[] => {
    const out: number[] = [];
    let current = rows.row(id)?.parent_id ?? null;
    while (current !== null && !out.includes(current)) {
      out.push(current);
      current = rows.row(current)?.parent_id ?? null;
    }
    return out;
  };

  const parentIdFor = (data: Partial<CategoryWrite>, selfId: number | null): number | null | undefined => {
    if (!('parent' in data) || data.parent === undefined) return undefined;
    if (data.parent === null) return null;
    const row = resolveParent(data.parent);
    if (!row) throw new Error(`parent category not found: ${JSON.stringify(data.parent)}`);
    if (selfId !== null && (row.id === selfId || ancestorsOf(row.id).includes(selfId))) {
      throw new Error('a category cannot be moved under itself or one of its children');
    }
    return row.id;
  };

  const create = (data: Partial<CategoryWrite>, reference: string | null): number => {
    if (!data.name || Object.keys(data.name).length === 0) throw new Error('a new category needs a name');
    const parentId = parentIdFor(data, null) ?? null;
    const stored: CategoryData = compact({
      name: data.name,
      slug: data.slug ?? slugify(data.name),
      description: data.description,
    });
    const at = clock.stamp(null);
    const position =
      data.position ??
      db
        .prepare<[number | null], { next: number }>('SELECT COUNT(*) AS next FROM categories WHERE parent_id IS ?')
        .get(parentId)?.next ??
      0;
    const result = db
      .prepare(
        'INSERT INTO categories (reference, parent_id, position, active, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(reference, parentId, position, data.active === false ? 0 : 1, JSON.stringify(stored), at, at);
    return Number(result.lastInsertRowid);
  };

  return {
    get: rows.get,
    list: (options: ListOptions) => rows.list(options),
    listIds: rows.listIds,
    getByReferences: rows.getByReferences,
    create,
    update(id: number, data: Partial<CategoryWrite>): void {
      const row = rows.row(id);
      if (!row) throw new Error(`no category with id ${id}`);
      const stored = readJson<CategoryData>(row.data);
      for (const field of ['name', 'slug', 'description'] as const) {
        const value = data[field];
        if (value !== undefined) stored[field] = value;
      }
      const parentId = parentIdFor(data, id);
      db.prepare(
        'UPDATE categories SET parent_id = ?, position = ?, active = ?, data = ?, updated_at = ? WHERE id = ?',
      ).run(
        parentId === undefined ? row.parent_id : parentId,
        data.position ?? row.position,
        data.active === undefined ? row.active : data.active ? 1 : 0,
        JSON.stringify(stored),
        clock.stamp(row.updated_at),
        id,
      );
    },
    /**
     * A product's category key: by id, or by name (falling back to reference) as `categoriesFindBy`
     * says. A name the shop does not know becomes a new top-level category, as shop sync modules do.
     */
    resolveKey(key: string, findBy: 'name' | 'id'): number {
      if (findBy === 'id') {
        const id = toRowId(key);
        const row = id === null ? undefined : rows.row(id);
        if (!row) throw new Error(`no category with id "${key}"`);
        return row.id;
      }
      const row = findByName(key) ?? rows.byReference(key);
      if (row) return row.id;
      return create({ name: { en: key, fr: key } }, null);
    },
    ancestorsOf,
    /** The name a product shows for its category: the default language's, else the first one. */
    nameOf(id: number): string | undefined {
      const row = rows.row(id);
      if (!row) return undefined;
      const name = readJson<CategoryData>(row.data).name;
      return name.en ?? Object.values(name)[0];
    },
    touch: rows.touch,
  };
}

export type CategoryRepository = ReturnType<typeof createCategoryRepository>;
