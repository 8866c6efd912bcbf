import type { AdapterPage, ListOptions, Product, SpecificPrice } from '@passerelle/core';
import type { Bridge } from '../bridge-context.js';
import { listIn } from '../bridge-context.js';
import type { PsRow } from '../client.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { associationIds, associationRows, type ProductReadContext, toProduct } from '../map/product.js';
import { psId, psText } from '../map/scalars.js';
import { toSpecificPrice } from '../map/specific-price.js';
import { anyOf, chunk, distinct } from '../query.js';
import { stockByProduct } from './stock-rows.js';

/** `filter[date_upd]` for "changed at or after": PrestaShop keeps seconds and filters with a strict `>`. */
export async function updatedSinceFilter(
  bridge: Bridge,
  field: string,
  since: string | undefined,
): Promise<Record<string, string>> {
  if (!since) return {};
  const shop = await bridge.shop.snapshot();
  const floor = Math.floor(Date.parse(since) / 1000) * 1000 - 1000;
  return { [field]: `>[${shop.dates.toPs(new Date(floor))}]` };
}

/** Reads what a page of product rows refers to (stock, combinations, attributes, features…) and maps it. */
export async function readProducts(bridge: Bridge, rows: PsRow[]): Promise<Product[]> {
  if (rows.length === 0) return [];
  const { client, lookups } = bridge;
  const ids = rows.map((row) => psText(row.id));
  const [shop, taxes, stock, combinationRows, priceRows] = await Promise.all([
    bridge.shop.snapshot(),
    bridge.shop.taxes(),
    stockByProduct(bridge, ids),
    listIn(client, 'combinations', 'id_product', ids, 'full'),
    listIn(client, 'specific_prices', 'id_product', ids, 'full'),
  ]);
  const combinations = new Map<string, PsRow[]>();
  for (const combination of combinationRows.sort((a, b) => Number(a.id) - Number(b.id))) {
    const productId = psText(combination.id_product);
    combinations.set(productId, [...(combinations.get(productId) ?? []), combination]);
  }
  const featureValueIds = rows.flatMap((row) =>
    associationRows(row, 'product_features').map((entry) => psText(entry.id_feature_value)),
  );
  const linkedProductIds = rows.flatMap((row) => [
    ...associationIds(row, 'accessories'),
    ...associationIds(row, 'product_bundle'),
  ]);
  const groupIds = distinct(priceRows.map((row) => psId(row.id_group)));
  const customerIds = distinct(priceRows.map((row) => psId(row.id_customer)));
  const [
    attributes,
    features,
    featureValues,
    linked,
    manufacturerNames,
    supplierNames,
    groupReferences,
    customerReferences,
  ] = await Promise.all([
    combinationRows.length ? lookups.attributes() : Promise.resolve({ groups: new Map(), values: new Map() }),
    featureValueIds.length ? lookups.features() : Promise.resolve(new Map()),
    lookups.featureValues(featureValueIds),
    linkedProductIds.length
      ? listIn(client, 'products', 'id', linkedProductIds, ['id', 'reference'])
      : Promise.resolve([]),
    lookups.manufacturerNames(distinct(rows.map((row) => psId(row.id_manufacturer)))),
    lookups.supplierNames(distinct(rows.map((row) => psId(row.id_supplier)))),
    bridge.references.references('customer-group', groupIds),
    bridge.references.references('customer', customerIds),
  ]);
  const specificPrices = new Map<string, { combinationId: string; price: SpecificPrice }[]>();
  for (const row of priceRows) {
    const price = toSpecificPrice(row, { shop, groupReferences, customerReferences });
    if (!price) continue;
    const productId = psText(row.id_product);
    specificPrices.set(productId, [
      ...(specificPrices.get(productId) ?? []),
      { combinationId: psId(row.id_product_attribute) ?? '0', price },
    ]);
  }
  const context: ProductReadContext = {
    shop,
    taxes,
    shopUrl: client.shopUrl,
    shopId: bridge.contractShopId,
    stock,
    combinations,
    attributeGroups: attributes.groups,
    attributeValues: attributes.values,
    features,
    featureValues,
    productReferences: new Map(
      linked.flatMap((row) => (psText(row.reference) ? [[psText(row.id), psText(row.reference)] as const] : [])),
    ),
    manufacturerNames,
    supplierNames,
    specificPrices,
    includeRaw: bridge.includeRaw,
  };
  return rows.map((row) => toProduct(row, context));
}

/** A keyset page on `id`: one more row than asked tells whether another page follows. */
export async function idPage(
  bridge: Bridge,
  resource: 'products' | 'categories' | 'customers' | 'groups' | 'orders',
  options: ListOptions,
  display: 'full' | readonly string[],
  filter: Record<string, string> = {},
): Promise<{ rows: PsRow[]; nextCursor: string | null }> {
  const after = decodeCursor(options.cursor, 1)?.[0];
  const rows = await bridge.client.list(resource, {
    display,
    filter: { ...filter, ...(after !== undefined ? { id: `>[${after}]` } : {}) },
    sort: ['id_ASC'],
    limit: options.limit + 1,
  });
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > options.limit && last ? encodeCursor([Number(psText(last.id))]) : null,
  };
}

export async function listProducts(bridge: Bridge, options: ListOptions): Promise<AdapterPage<Product>> {
  const { rows, nextCursor } = await idPage(
    bridge,
    'products',
    options,
    'full',
    await updatedSinceFilter(bridge, 'date_upd', options.updatedSince),
  );
  return { items: await readProducts(bridge, rows), nextCursor };
}

export async function getProduct(bridge: Bridge, id: string): Promise<Product | null> {
  if (!/^\d+$/.test(id)) return null;
  const row = await bridge.client.get('products', id);
  if (!row) return null;
  const [product] = await readProducts(bridge, [row]);
  return product ?? null;
}

/** Products by exact reference (the Webservice filter ignores case; PrestaShop references are compared as written). */
export async function productRowsByReference(
  bridge: Bridge,
  references: readonly string[],
  display: 'full' | readonly string[],
) {
  const wanted = new Set(references);
  const out = new Map<string, PsRow>();
  for (const part of chunk(distinct(references), 50)) {
    const rows = await bridge.client.list('products', {
      display,
      filter: { reference: anyOf(part) },
      sort: ['id_ASC'],
    });
    for (const row of rows) {
      const reference = psText(row.reference);
      if (wanted.has(reference) && !out.has(reference)) out.set(reference, row);
    }
  }
  return out;
}

export async function productsByReferences(bridge: Bridge, references: string[]): Promise<Map<string, Product>> {
  const rows = await productRowsByReference(bridge, references, 'full');
  const products = await readProducts(bridge, [...rows.values()]);
  return new Map(products.map((product) => [product.reference as string, product]));
}

export async function listProductIds(bridge: Bridge, options: ListOptions): Promise<AdapterPage<string>> {
  const { rows, nextCursor } = await idPage(bridge, 'products', options, ['id']);
  return { items: rows.map((row) => psText(row.id)), nextCursor };
}
