import type {
  ListOptions,
  StockLevel,
  StockOperations,
  StockWritePlan,
  WriteContext,
  WriteOutcome,
} from '@passerelle/core';
import { type AdapterContext, dolibarrSettings, failure } from '../adapter-context.js';
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

/**
 * Sets an absolute quantity the only way Dolibarr allows: reading the quantity as the module reports
 * it, then posting the difference as a stock movement on one warehouse (`PUT /products` refuses
 * `stock_reel`). With the sum of all warehouses read, the difference lands on the write warehouse.
 */
export async function setAbsoluteStock(
  context: AdapterContext,
  productId: number,
  quantity: number,
  location: string | null,
  settings: DolibarrSettings,
): Promise<number> {
  const readWarehouse = location ?? settings.stockWarehouse;
  const raw = await context.client.get<DolibarrProduct>(`products/${productId}`, { includestockdata: 1 });
  const current =
    location !== null
      ? Math.trunc(
          Number(
            decimalOf((raw.stock_warehouse as Record<string, { real?: unknown }> | undefined)?.[location]?.real) ?? '0',
          ),
        )
      : stockQuantity(raw, settings.stockType, readWarehouse);
  const delta = quantity - current;
  if (delta === 0) return 0;
  // The movement lands where the quantity was read: the read warehouse, else the write warehouse.
  const warehouse = await context.lookups.warehouseId(
    location ?? (settings.stockWarehouse !== '0' ? settings.stockWarehouse : settings.warehouse),
  );
  const label = 'Passerelle stock synchronisation';
  await context.client.post('stockmovements', {
    product_id: productId,
    warehouse_id: warehouse,
    qty: delta,
    type: delta > 0 ? MANUAL_INPUT : MANUAL_OUTPUT,
    // Renamed across versions (movementlabel → label): both are sent, each version reads its own.
    label,
    movementlabel: label,
  });
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
      const outcomes: WriteOutcome[] = [];
      for (const plan of plans) {
        try {
          const productId =
            idOf(plan.platformId) ?? idOf((await lookups.productsByRef([plan.reference])).get(plan.reference)?.id);
          if (productId === null) throw new Error(`no Dolibarr product with reference "${plan.reference}"`);
          const delta = await context.lock(`stock:${productId}`, () =>
            setAbsoluteStock(context, productId, plan.quantity, plan.location, settings),
          );
          outcomes.push({
            key: plan.key,
            ok: true,
            id: String(productId),
            ...(delta === 0 ? { note: 'already at that quantity' } : {}),
          });
        } catch (error) {
          outcomes.push(failure(plan.key, error));
        }
      }
      return outcomes;
    },
  };
}
