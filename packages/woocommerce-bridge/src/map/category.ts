import type { Category } from '@passerelle/core';
import type { WooCategory } from '../woo.types.js';
import type { MapContext } from './map-context.js';

/**
 * A product category. Its reference is its slug: WooCommerce categories have no code of their own and
 * the slug is unique and stable (it changes only with `categories.update.name`). The parent is named by
 * its slug too, so a parent sent by the ERP compares equal to the one read.
 */
export function toCategory(
  category: WooCategory,
  slugById: ReadonlyMap<number, string>,
  context: MapContext,
): Category {
  const lang = context.facts.language;
  const parentSlug = category.parent ? slugById.get(category.parent) : undefined;
  const out: Category = {
    id: String(category.id),
    reference: category.slug,
    name: { [lang]: decodeEntities(category.name) },
    slug: { [lang]: category.slug },
    parent: category.parent ? (parentSlug ? { reference: parentSlug } : { id: String(category.parent) }) : null,
    position: Math.max(0, category.menu_order ?? 0),
    active: true,
  };
  if (category.description) out.description = { [lang]: category.description };
  if (context.shopId) out.shopId = context.shopId;
  if (context.includeRaw) out.raw = category;
  return out;
}

/** WordPress stores term names HTML-escaped (`Shirts &amp; Tops`). */
export function decodeEntities(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/&ndash;/g, '–')
    .replace(/&mdash;/g, '—')
    .replace(/&nbsp;/g, ' ');
}
