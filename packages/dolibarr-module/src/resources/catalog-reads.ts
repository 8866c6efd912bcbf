import type { Product, Variant } from '@passerelle/core';
import { type AdapterContext, productMapContext } from '../adapter-context.js';
import { chunk, FILTER_CHUNK, type VariantIndex } from '../lookups.js';
import { productFromDolibarr } from '../map/product.js';
import { variantFromDolibarr } from '../map/variant.js';
import { type DolibarrProduct, idOf } from '../payloads.types.js';
import type { DolibarrSettings } from '../settings.js';
import { oneOf } from '../sqlfilters.js';

/** Products by row id, `size` ids per call ({@link FILTER_CHUNK} unless asked). */
export async function productsById(
  context: AdapterContext,
  ids: number[],
  query: Record<string, string | number> = {},
  size = FILTER_CHUNK,
): Promise<Map<number, DolibarrProduct>> {
  const out = new Map<number, DolibarrProduct>();
  const dialect = await context.client.dialect();
  for (const part of chunk([...new Set(ids)], size)) {
    const rows = await context.client.list<DolibarrProduct>('products', {
      sqlfilters: oneOf('t.rowid', part, dialect),
      limit: part.length + 1,
      sortfield: 't.rowid',
      ...query,
    });
    for (const row of rows) {
      const id = idOf(row.id);
      if (id !== null) out.set(id, row);
    }
  }
  return out;
}

function latest(dates: (string | undefined)[]): string | undefined {
  return dates
    .filter((date): date is string => typeof date === 'string')
    .sort()
    .at(-1);
}

/**
 * Contract products from Dolibarr rows (never variant children): a parent gets its variants from its
 * combinations and children, and is dated by the latest of itself and its variants, so a variant
 * change reads as a change of its product.
 */
export async function buildProducts(
  context: AdapterContext,
  rows: DolibarrProduct[],
  settings: DolibarrSettings,
  index: VariantIndex,
): Promise<Product[]> {
  const parents = rows.filter((row) => index.parents.has(idOf(row.id) ?? -1));
  const childIds = parents.flatMap((row) =>
    (index.parents.get(idOf(row.id) ?? -1) ?? []).flatMap((combination) => {
      const child = idOf(combination.fk_product_child);
      return child === null ? [] : [child];
    }),
  );
  const children = childIds.length ? await productsById(context, childIds) : new Map<number, DolibarrProduct>();
  const attributes = parents.length ? await context.lookups.attributes() : new Map();
  const mapContext = productMapContext(settings);
  return rows.map((row) => {
    const combinations = index.parents.get(idOf(row.id) ?? -1);
    if (!combinations) return productFromDolibarr(row, mapContext);
    const variants: Variant[] = combinations.flatMap((combination) => {
      const child = children.get(idOf(combination.fk_product_child) ?? -1);
      return child ? [variantFromDolibarr(combination, child, row, attributes, mapContext)] : [];
    });
    const product = productFromDolibarr(row, mapContext, variants);
    const updated = latest([product.sourceUpdatedAt, ...variants.map((variant) => variant.sourceUpdatedAt)]);
    if (updated) product.sourceUpdatedAt = updated;
    return product;
  });
}
