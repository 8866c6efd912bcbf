import type { Category, CategoryWrite } from '@passerelle/core';
import type { PsRow } from '../client.js';
import type { ShopSnapshot } from '../shop-context.js';
import type { PsFieldValue } from '../xml.js';
import { readOptionalLocalized, readRequiredLocalized, writeLocalized } from './multilang.js';
import { boolText, psBool, psId, psInt, psText, toLinkRewrite } from './scalars.js';

/** Whether a category is the tree's technical root (`id_parent` 0), which no product or ERP category uses. */
export function isTreeRoot(row: PsRow, shop: ShopSnapshot): boolean {
  return psId(row.id_parent) === null || psText(row.id) === shop.rootCategoryId;
}

/**
 * A `categories` row as the contract's category. A category under Home (or Home itself) is top-level:
 * `parent: null`. The reference is the one the ERP created it with, known from the binding table.
 */
export function toCategory(
  row: PsRow,
  shop: ShopSnapshot,
  references: Map<string, string>,
  shopId: string | undefined,
  includeRaw: boolean,
): Category {
  const id = psText(row.id);
  const parentId = psId(row.id_parent);
  const topLevel =
    parentId === null ||
    parentId === shop.homeCategoryId ||
    parentId === shop.rootCategoryId ||
    psBool(row.is_root_category);
  const category: Category = {
    id,
    name: readRequiredLocalized(row.name, shop),
    parent: topLevel
      ? null
      : { id: parentId, ...(references.has(parentId) ? { reference: references.get(parentId) } : {}) },
    position: Math.max(0, psInt(row.position)),
    active: psBool(row.active),
  };
  const reference = references.get(id);
  if (reference) category.reference = reference;
  if (shopId) category.shopId = shopId;
  const slug = readOptionalLocalized(row.link_rewrite, shop);
  if (slug) category.slug = slug;
  const description = readOptionalLocalized(row.description, shop);
  if (description) category.description = description;
  const updated = shop.dates.toIso(row.date_upd);
  if (updated) category.sourceUpdatedAt = updated;
  if (includeRaw) category.raw = row;
  return category;
}

/** The category fields of a planned write; `id_parent` is resolved by the caller. */
export function categoryFields(
  data: Partial<CategoryWrite>,
  shop: ShopSnapshot,
  create: boolean,
  notes: string[],
): Record<string, PsFieldValue> {
  const fields: Record<string, PsFieldValue> = {};
  const localized = (text: Record<string, string>, field: string) => {
    const { value, unknown } = writeLocalized(text, shop);
    if (unknown.length) notes.push(`${field}: language ${unknown.join(', ')} is not installed in the shop`);
    return value;
  };
  if (data.name !== undefined) fields.name = localized(data.name, 'name');
  const slug = data.slug ?? (create ? data.name : undefined);
  if (slug !== undefined) {
    fields.link_rewrite = localized(
      Object.fromEntries(Object.entries(slug).map(([code, text]) => [code, toLinkRewrite(text)])),
      'slug',
    );
  }
  if (data.description !== undefined) fields.description = localized(data.description, 'description');
  if (data.active !== undefined) fields.active = boolText(data.active);
  if (data.position !== undefined) fields.position = String(data.position);
  return fields;
}
