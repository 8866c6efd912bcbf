import type { Bridge } from '../bridge-context.js';
import { namedAs } from '../lookups.js';

/**
 * Finds the category a key names, as `categories.extraCategories.findBy` says: by id or by exact name
 * (any language); a reference the ERP created the category with (its binding) also matches. A miss
 * re-reads the category table once, so a category added in the back office meanwhile is found.
 */
export async function resolveCategory(bridge: Bridge, key: string, findBy: 'id' | 'name'): Promise<string | null> {
  const bound = (await bridge.references.platformIds('category', [key])).get(key);
  for (const reload of [false, true]) {
    const categories = await bridge.lookups.categories(reload);
    if (bound && categories.has(bound)) return bound;
    const byId = /^\d+$/.test(key) && categories.has(key) ? key : null;
    const byName = [...categories.values()].find((category) => namedAs(category.names, key))?.id ?? null;
    const found = findBy === 'id' ? (byId ?? byName) : (byName ?? byId);
    if (found) return found;
  }
  return null;
}

/** The parents of a category up to, but excluding, Home and the root ("Créer dans les catégories parentes"). */
export async function parentCategories(bridge: Bridge, id: string): Promise<string[]> {
  const [shop, categories] = await Promise.all([bridge.shop.snapshot(), bridge.lookups.categories()]);
  const out: string[] = [];
  let current = categories.get(id)?.parentId ?? null;
  for (let depth = 0; current !== null && depth < 64; depth++) {
    const category = categories.get(current);
    if (!category || category.isRootCategory || current === shop.homeCategoryId || current === shop.rootCategoryId)
      break;
    out.push(current);
    current = category.parentId;
  }
  return out;
}
