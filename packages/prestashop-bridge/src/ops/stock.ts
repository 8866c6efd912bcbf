import type {
  AdapterPage,
  ListOptions,
  StockLevel,
  StockWritePlan,
  WriteContext,
  WriteOutcome,
} from '@passerelle/core';
import { type Bridge, failure, forEachWrite, listIn } from '../bridge-context.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { psInt, psText } from '../map/scalars.js';
import { toStockLevel } from '../map/stock.js';
import { anyOf, chunk, distinct } from '../query.js';
import { pickStockRows, STOCK_DISPLAY, type StockRow } from './stock-rows.js';

/** A SKU's stock row: the product's own (`combinationId` 0) or a combination's. */
interface StockTarget {
  reference: string;
  productId: string;
  combinationId: string;
  row: StockRow;
}

/** References of products and combinations, and which products have combinations (their own row is a sum). */
async function catalogFor(bridge: Bridge, productIds: readonly string[]) {
  const [products, combinations] = await Promise.all([
    listIn(bridge.client, 'products', 'id', productIds, ['id', 'reference']),
    listIn(bridge.client, 'combinations', 'id_product', productIds, ['id', 'id_product', 'reference']),
  ]);
  return {
    productReference: new Map(products.map((row) => [psText(row.id), psText(row.reference)])),
    combinationReference: new Map(combinations.map((row) => [psText(row.id), psText(row.reference)])),
    withCombinations: new Set(combinations.map((row) => psText(row.id_product))),
  };
}

export interface StockOperationsState {
  /** reference → the row it was last read at, so a write right after a read costs one PATCH. */
  targets: Map<string, StockTarget>;
}

function levelsOf(
  bridge: Bridge,
  rows: StockRow[],
  catalog: Awaited<ReturnType<typeof catalogFor>>,
  state: StockOperationsState,
) {
  const asOf = bridge.now().toISOString();
  return bridge.shop.snapshot().then((shop) =>
    rows.flatMap((row) => {
      if (row.combinationId === '0' && catalog.withCombinations.has(row.productId)) return [];
      const reference =
        row.combinationId === '0'
          ? catalog.productReference.get(row.productId)
          : catalog.combinationReference.get(row.combinationId);
      if (reference)
        state.targets.set(reference, { reference, productId: row.productId, combinationId: row.combinationId, row });
      return [toStockLevel(row, reference, shop, asOf, bridge.contractShopId)];
    }),
  );
}

/**
 * Stock levels, one per product without combinations and one per combination: the product's own row of
 * a product with combinations is PrestaShop's sum of theirs, so it is neither listed nor written.
 */
export async function listStock(
  bridge: Bridge,
  state: StockOperationsState,
  options: ListOptions,
): Promise<AdapterPage<StockLevel>> {
  const after = decodeCursor(options.cursor, 1)?.[0];
  const { shopId } = bridge.client.shopContext();
  const rows = await bridge.client.list('stock_availables', {
    display: STOCK_DISPLAY,
    filter: {
      ...(after !== undefined ? { id: `>[${after}]` } : {}),
      ...(shopId ? { id_shop: anyOf([shopId, '0']) } : {}),
    },
    sort: ['id_ASC'],
    limit: options.limit + 1,
  });
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  const picked = pickStockRows(bridge, page);
  const catalog = await catalogFor(bridge, distinct(picked.map((row) => row.productId)));
  return {
    items: await levelsOf(bridge, picked, catalog, state),
    nextCursor: rows.length > options.limit && last ? encodeCursor([Number(psText(last.id))]) : null,
  };
}

export async function getStock(bridge: Bridge, state: StockOperationsState, id: string): Promise<StockLevel | null> {
  if (!/^\d+$/.test(id)) return null;
  const row = await bridge.client.get('stock_availables', id);
  if (!row) return null;
  const picked: StockRow[] = [
    {
      id: psText(row.id),
      productId: psText(row.id_product),
      combinationId: psText(row.id_product_attribute) || '0',
      quantity: psInt(row.quantity),
    },
  ];
  const catalog = await catalogFor(bridge, distinct(picked.map((entry) => entry.productId)));
  const [level] = await levelsOf(bridge, picked, catalog, state);
  return level ?? null;
}

/** The stock targets of exact references: simple products first, then combinations. */
async function targetsByReference(bridge: Bridge, state: StockOperationsState, references: readonly string[]) {
  const wanted = new Set(references);
  const found = new Map<string, { productId: string; combinationId: string }>();
  for (const part of chunk(distinct(references), 50)) {
    const [products, combinations] = await Promise.all([
      bridge.client.list('products', {
        display: ['id', 'reference'],
        filter: { reference: anyOf(part) },
        sort: ['id_ASC'],
      }),
      bridge.client.list('combinations', {
        display: ['id', 'id_product', 'reference'],
        filter: { reference: anyOf(part) },
        sort: ['id_ASC'],
      }),
    ]);
    const withCombinations = new Set(
      (
        await listIn(
          bridge.client,
          'combinations',
          'id_product',
          products.map((row) => psText(row.id)),
          ['id', 'id_product'],
        )
      ).map((row) => psText(row.id_product)),
    );
    for (const row of products) {
      const reference = psText(row.reference);
      if (wanted.has(reference) && !found.has(reference) && !withCombinations.has(psText(row.id))) {
        found.set(reference, { productId: psText(row.id), combinationId: '0' });
      }
    }
    for (const row of combinations) {
      const reference = psText(row.reference);
      if (wanted.has(reference) && !found.has(reference))
        found.set(reference, { productId: psText(row.id_product), combinationId: psText(row.id) });
    }
  }
  const rows = await rowsFor(bridge, [...found.values()]);
  const out = new Map<string, StockTarget>();
  for (const [reference, target] of found) {
    const row = rows.get(`${target.productId}:${target.combinationId}`);
    if (!row) continue;
    const entry = { reference, ...target, row };
    out.set(reference, entry);
    state.targets.set(reference, entry);
  }
  return out;
}

/** Stock rows of (product, combination) pairs, in URL-sized calls. */
async function rowsFor(
  bridge: Bridge,
  pairs: readonly { productId: string; combinationId: string }[],
): Promise<Map<string, StockRow>> {
  const combinationIds = pairs.filter((pair) => pair.combinationId !== '0').map((pair) => pair.combinationId);
  const productIds = pairs.filter((pair) => pair.combinationId === '0').map((pair) => pair.productId);
  const [forCombinations, forProducts] = await Promise.all([
    listIn(bridge.client, 'stock_availables', 'id_product_attribute', combinationIds, STOCK_DISPLAY),
    listIn(bridge.client, 'stock_availables', 'id_product', productIds, STOCK_DISPLAY, { id_product_attribute: '[0]' }),
  ]);
  return new Map(
    pickStockRows(bridge, [...forCombinations, ...forProducts]).map((row) => [
      `${row.productId}:${row.combinationId}`,
      row,
    ]),
  );
}

export async function stockByReferences(
  bridge: Bridge,
  state: StockOperationsState,
  references: string[],
): Promise<Map<string, StockLevel>> {
  const targets = await targetsByReference(bridge, state, references);
  const shop = await bridge.shop.snapshot();
  const asOf = bridge.now().toISOString();
  return new Map(
    [...targets].map(([reference, target]) => [
      reference,
      toStockLevel(target.row, reference, shop, asOf, bridge.contractShopId),
    ]),
  );
}

/**
 * Absolute quantities, one PATCH of `stock_availables/{id}` each, `writeConcurrency` at a time. Rows
 * not seen by a read just before are found in batches first (a few calls for hundreds of SKUs).
 */
export async function writeStock(
  bridge: Bridge,
  state: StockOperationsState,
  plans: StockWritePlan[],
  context: WriteContext,
): Promise<WriteOutcome[]> {
  const matches = (plan: StockWritePlan, target: StockTarget | undefined) =>
    target !== undefined &&
    (plan.platformId === null ||
      plan.platformId === (target.combinationId === '0' ? target.productId : target.combinationId));
  const unresolved = plans.filter((plan) => !matches(plan, state.targets.get(plan.reference)));
  if (unresolved.length)
    await targetsByReference(
      bridge,
      state,
      unresolved.map((plan) => plan.reference),
    );
  return forEachWrite(bridge, context, plans, async (plan) => {
    const target = state.targets.get(plan.reference);
    if (!matches(plan, target) || !target) {
      return { key: plan.key, ok: false, error: `no stock row for "${plan.reference}" in the shop`, retryable: false };
    }
    try {
      await bridge.client.update('stock_availables', target.row.id, { fields: { quantity: String(plan.quantity) } });
      target.row = { ...target.row, quantity: plan.quantity };
      const notes: string[] = [];
      if (plan.setActive !== undefined) {
        await bridge.client.update('products', target.productId, { fields: { active: plan.setActive ? '1' : '0' } });
      }
      if (plan.outOfStock !== undefined)
        notes.push('out-of-stock label: PrestaShop shows it from the quantity itself; nothing else written');
      const id = target.combinationId === '0' ? target.productId : target.combinationId;
      return notes.length ? { key: plan.key, ok: true, id, note: notes.join('; ') } : { key: plan.key, ok: true, id };
    } catch (error) {
      return failure(plan.key, error);
    }
  });
}
