import type {
  ListOptions,
  StockLevel,
  StockOperations,
  StockWritePlan,
  WriteContext,
  WriteOutcome,
} from '@passerelle/core';
import { type AdapterContext, dolibarrSettings, failure, forEachWrite } from '../adapter-context.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { pageFilter } from '../lookups.js';
import { decimalOf } from '../map/decimal.js';
import { isService, stockQuantity } from '../map/product.js';
import { stockFromDolibarr } from '../map/stock.js';
import { type DolibarrProduct, idOf } from '../payloads.types.js';
import type { DolibarrSettings } from '../settings.js';
import { test } from '../sqlfilters.js';
import { productsById } from './catalog-reads.js';

/** Dolibarr's manual movement types: 3 input, 2 output. */
const MANUAL_INPUT = 3;
const MANUAL_OUTPUT = 2;

/** Ids per `GET /products` read of current levels (a list row carries `stock_reel`, `stock_theorique`). */
export const LEVELS_PER_READ = 100;

/** The level an absolute write compares with: the warehouse's when one is named, else as the module serves it. */
function currentLevel(raw: DolibarrProduct, location: string | null, settings: DolibarrSettings): number | null {
  if (location !== null || settings.stockWarehouse !== '0') {
    const byWarehouse = raw.stock_warehouse as Record<string, { real?: unknown }> | undefined;
    // A row read without `includestockdata` cannot say a warehouse's level.
    if (byWarehouse === undefined) return null;
  }
  if (location !== null)
    return Math.trunc(
      Number(decimalOf((raw.stock_warehouse as Record<string, { real?: unknown }>)[location]?.real) ?? '0'),
    );
  return stockQuantity(raw, settings.stockType, settings.stockWarehouse);
}

/**
 * Sets an absolute quantity the only way Dolibarr allows: comparing with the quantity as the module
 * reports it, then posting the difference as a stock movement on one warehouse (`PUT /products`
 * refuses `stock_reel`). With the sum of all warehouses read, the difference lands on the write
 * warehouse. `known` is the product as a read just answered it (a bulk read, a price read-back): it
 * spares the `GET /products/{id}` when it carries the level needed; nothing is posted at an unchanged level.
 */
export async function setAbsoluteStock(
  context: AdapterContext,
  productId: number,
  quantity: number,
  location: string | null,
  settings: DolibarrSettings,
  known?: DolibarrProduct,
): Promise<number> {
  let current = known ? currentLevel(known, location, settings) : null;
  if (current === null) {
    const raw = await context.client.get<DolibarrProduct>(`products/${productId}`, { includestockdata: 1 });
    current = currentLevel(raw, location, settings) ?? 0;
  }
  const delta = quantity - current;
  if (delta === 0) return 0;
  // The movement lands where the quantity was read: the read warehouse, else the write warehouse.
  const warehouse = await context.lookups.warehouseId(
    location ?? (settings.stockWarehouse !== '0' ? settings.stockWarehouse : settings.warehouse),
  );
  const label = 'Passerelle stock synchronisation';
  try {
    await context.client.post('stockmovements', {
      product_id: productId,
      warehouse_id: warehouse,
      qty: delta,
      type: delta > 0 ? MANUAL_INPUT : MANUAL_OUTPUT,
      // Renamed across versions (movementlabel → label): both are sent, each version reads its own.
      label,
      movementlabel: label,
    });
  } finally {
    // Counted even when the answer was lost: the movement may have landed, a level read before is stale.
    context.stockWrites.set(productId, (context.stockWrites.get(productId) ?? 0) + 1);
  }
  return delta;
}

export function createStockOperations(context: AdapterContext): StockOperations {
  const { client, lookups } = context;

  async function levelsOf(rows: DolibarrProduct[], settings: DolibarrSettings): Promise<StockLevel[]> {
    const index = await lookups.variantIndex();
    const asOf = context.now().toISOString();
    return rows
      .filter((row) => !isService(row) && !index.parents.has(idOf(row.id) ?? -1))
      .map((row) =>
        stockFromDolibarr(row, index.childToParent.get(idOf(row.id) ?? -1), {
          stockType: settings.stockType,
          warehouse: settings.stockWarehouse,
          timeZone: settings.timeZone,
          asOf,
        }),
      );
  }

  return {
    async list(options: ListOptions) {
      const settings = await dolibarrSettings(context);
      const dialect = await client.dialect();
      const after = decodeCursor(options.cursor);
      // A stock movement rewrites the product row's cached stock, which moves its `tms`.
      const since = options.updatedSince ? test('t.tms', '>=', { date: options.updatedSince }, dialect) : null;
      const raw = await client.list<DolibarrProduct>('products', {
        mode: 1,
        sortfield: 't.rowid',
        sortorder: 'ASC',
        limit: options.limit,
        sqlfilters: await pageFilter(client, after, since),
        ...(settings.stockWarehouse !== '0' ? { includestockdata: 1 } : {}),
      });
      const lastId = idOf(raw.at(-1)?.id);
      return {
        items: await levelsOf(raw, settings),
        nextCursor: raw.length >= options.limit && lastId !== null ? encodeCursor(lastId) : null,
      };
    },
    async getByReferences(references: string[]) {
      const settings = await dolibarrSettings(context);
      let rows = [...(await lookups.productsByRef(references)).values()];
      if (settings.stockWarehouse !== '0' && rows.length) {
        rows = [
          ...(
            await productsById(
              context,
              rows.flatMap((row) => (idOf(row.id) === null ? [] : [idOf(row.id) as number])),
              { includestockdata: 1 },
            )
          ).values(),
        ];
      }
      const levels = await levelsOf(rows, settings);
      return new Map(levels.flatMap((level) => (level.reference ? [[level.reference, level] as const] : [])));
    },
    async write(plans: StockWritePlan[], write: WriteContext): Promise<WriteOutcome[]> {
      const settings = await dolibarrSettings(context, write.settings);
      // Ids: core's, else one lookup by reference for the batch (its rows carry the levels too).
      const unresolved = plans.filter((plan) => idOf(plan.platformId) === null).map((plan) => plan.reference);
      let byRef = new Map<string, DolibarrProduct>();
      let lookupError: unknown = null;
      if (unresolved.length)
        byRef = await lookups.productsByRef(unresolved).catch((error: unknown) => {
          lookupError = error;
          return new Map<string, DolibarrProduct>();
        });
      const idOfPlan = (plan: StockWritePlan) => idOf(plan.platformId) ?? idOf(byRef.get(plan.reference)?.id);
      // Current levels in bulk, LEVELS_PER_READ ids a call; with a warehouse, its levels (`includestockdata`).
      const perWarehouse = settings.stockWarehouse !== '0' || plans.some((plan) => plan.location !== null);
      const readAt = new Map<number, number>();
      const levels = new Map<number, DolibarrProduct>();
      if (!perWarehouse)
        for (const row of byRef.values()) if (idOf(row.id) !== null) levels.set(idOf(row.id) as number, row);
      const toRead = [
        ...new Set(plans.flatMap((plan) => (idOfPlan(plan) === null ? [] : [idOfPlan(plan) as number]))),
      ].filter((id) => !levels.has(id));
      for (const id of [...toRead, ...levels.keys()]) readAt.set(id, context.stockWrites.get(id) ?? 0);
      if (toRead.length) {
        // A failed bulk read is not the items' failure: each reads its own level instead.
        const read = await productsById(
          context,
          toRead,
          perWarehouse ? { includestockdata: 1 } : {},
          LEVELS_PER_READ,
        ).catch(() => new Map<number, DolibarrProduct>());
        for (const [id, row] of read) levels.set(id, row);
      }
      return forEachWrite(context, settings, plans, async (plan): Promise<WriteOutcome> => {
        try {
          const productId = idOfPlan(plan);
          if (productId === null) {
            if (lookupError) throw lookupError;
            throw new Error(`no Dolibarr product with reference "${plan.reference}"`);
          }
          const delta = await context.lock(`stock:${productId}`, () => {
            // A movement of this product since the bulk read (this batch or another request) makes it stale.
            const fresh = (context.stockWrites.get(productId) ?? 0) === readAt.get(productId);
            return setAbsoluteStock(
              context,
              productId,
              plan.quantity,
              plan.location,
              settings,
              fresh ? levels.get(productId) : undefined,
            );
          });
          return {
            key: plan.key,
            ok: true,
            id: String(productId),
            ...(delta === 0 ? { note: 'already at that quantity' } : {}),
          };
        } catch (error) {
          return failure(plan.key, error);
        }
      });
    },
  };
}
