import type {
  EntityReads,
  Invoice,
  ListOptions,
  Order,
  OrderListOptions,
  OrderOperations,
  Shipment,
} from '@passerelle/core';
import { type AdapterContext, coreViewOf, dolibarrSettings } from '../adapter-context.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { chunk, FILTER_CHUNK, pageFilter } from '../lookups.js';
import { invoiceFromDolibarr } from '../map/invoice.js';
import { orderFromDolibarr } from '../map/order.js';
import { shipmentFromDolibarr } from '../map/shipment.js';
import { type DolibarrDocument, type DolibarrThirdparty, idOf, linkedIds, stringOf } from '../payloads.types.js';
import { oneOf, test } from '../sqlfilters.js';

/** Rows of `resource` by id, one call per {@link FILTER_CHUNK} ids. */
async function byIds<T extends { id?: unknown }>(
  context: AdapterContext,
  resource: string,
  ids: number[],
): Promise<Map<number, T>> {
  const out = new Map<number, T>();
  const dialect = await context.client.dialect();
  for (const part of chunk([...new Set(ids)], FILTER_CHUNK)) {
    const rows = await context.client.list<T>(resource, {
      sqlfilters: oneOf('t.rowid', part, dialect),
      limit: part.length + 1,
      sortfield: 't.rowid',
    });
    for (const row of rows) {
      const id = idOf(row.id);
      if (id !== null) out.set(id, row);
    }
  }
  return out;
}

async function keysetPage<T extends { id?: unknown }>(
  context: AdapterContext,
  resource: string,
  options: ListOptions,
  query: Record<string, string | number> = {},
) {
  const dialect = await context.client.dialect();
  const after = decodeCursor(options.cursor);
  const since = options.updatedSince ? test('t.tms', '>=', { date: options.updatedSince }, dialect) : null;
  const rows = await context.client.list<T>(resource, {
    sortfield: 't.rowid',
    sortorder: 'ASC',
    limit: options.limit,
    sqlfilters: await pageFilter(context.client, after, since),
    ...query,
  });
  const lastId = idOf(rows.at(-1)?.id);
  return { rows, nextCursor: rows.length >= options.limit && lastId !== null ? encodeCursor(lastId) : null };
}

export function createOrderReads(context: AdapterContext): OrderOperations {
  const { client, lookups } = context;

  /** One page of orders with what the contract needs around them: 3 calls, not 3 per order. */
  async function enrich(rows: DolibarrDocument[]): Promise<Order[]> {
    if (rows.length === 0) return [];
    const [settings, whole] = await Promise.all([dolibarrSettings(context), context.settings()]);
    const core = coreViewOf(whole);
    const thirdparties = await byIds<DolibarrThirdparty>(
      context,
      'thirdparties',
      rows.flatMap((row) => (idOf(row.socid) === null ? [] : [idOf(row.socid) as number])),
    );
    const invoices = await byIds<DolibarrDocument>(
      context,
      'invoices',
      rows.flatMap((row) => linkedIds(row, 'facture')),
    );
    const shipments = await byIds<DolibarrDocument>(
      context,
      'shipments',
      rows.flatMap((row) => linkedIds(row, 'shipping')),
    );
    const [index, methods, paymentTypes, countries] = await Promise.all([
      lookups.variantIndex(),
      lookups.shippingMethods(),
      lookups.paymentTypes(),
      lookups.countries(),
    ]);
    const fallbackCountry = await lookups.companyCountry();
    return rows.map((row) => {
      const thirdparty = thirdparties.get(idOf(row.socid) ?? -1) ?? null;
      const countryCode =
        stringOf(thirdparty?.country_code) ??
        countries.find((country) => country.id === idOf(thirdparty?.country_id))?.code ??
        null;
      return orderFromDolibarr(row, {
        thirdparty,
        countryCode,
        fallbackCountry,
        invoices: linkedIds(row, 'facture').flatMap((id) =>
          invoices.get(id) ? [invoices.get(id) as DolibarrDocument] : [],
        ),
        shipments: linkedIds(row, 'shipping').flatMap((id) =>
          shipments.get(id) ? [shipments.get(id) as DolibarrDocument] : [],
        ),
        childToParent: index.childToParent,
        services: {
          shipping: settings.shippingService,
          discount: settings.discountService,
          wrapping: settings.wrappingService,
          rounding: settings.roundingService,
        },
        guestAccount: core.guestAccount,
        mainCurrency: settings.mainCurrency,
        shippingMethods: methods,
        paymentTypes,
      });
    });
  }

  return {
    async list(options: OrderListOptions) {
      const dialect = await client.dialect();
      const column = options.sortBy === 'updatedAt' ? 't.tms' : 't.date_creation';
      const since = options.since
        ? test(
            column,
            '>=',
            { date: options.since.length === 10 ? `${options.since}T00:00:00Z` : options.since },
            dialect,
          )
        : null;
      // Keyset on the row id (the creation order) whatever `sortBy`: a date that moves between pages would skip orders.
      const after = decodeCursor(options.cursor);
      const updated = options.updatedSince ? test('t.tms', '>=', { date: options.updatedSince }, dialect) : null;
      const rows = await client.list<DolibarrDocument>('orders', {
        sortfield: 't.rowid',
        sortorder: 'ASC',
        limit: options.limit,
        loadlinkedobjects: 1,
        sqlfilters: await pageFilter(client, after, since, updated),
      });
      const lastId = idOf(rows.at(-1)?.id);
      return {
        items: await enrich(rows),
        nextCursor: rows.length >= options.limit && lastId !== null ? encodeCursor(lastId) : null,
      };
    },
    async get(id) {
      if (!/^\d+$/.test(id)) return null;
      const row = await client.getOrNull<DolibarrDocument>(`orders/${id}`);
      if (!row) return null;
      const [order] = await enrich([row]);
      return order ?? null;
    },
    async listIds(options) {
      const { rows, nextCursor } = await keysetPage<DolibarrDocument>(context, 'orders', options);
      return { items: rows.map((row) => String(row.id)), nextCursor };
    },
  };
}

export function createInvoiceReads(context: AdapterContext): EntityReads<Invoice> {
  return {
    async list(options) {
      const settings = await dolibarrSettings(context);
      const { rows, nextCursor } = await keysetPage<DolibarrDocument>(context, 'invoices', options);
      return { items: rows.flatMap((row) => invoiceFromDolibarr(row, settings.mainCurrency) ?? []), nextCursor };
    },
    async get(id) {
      if (!/^\d+$/.test(id)) return null;
      const row = await context.client.getOrNull<DolibarrDocument>(`invoices/${id}`);
      return row ? invoiceFromDolibarr(row, (await dolibarrSettings(context)).mainCurrency) : null;
    },
  };
}

export function createShipmentReads(context: AdapterContext): EntityReads<Shipment> {
  return {
    async list(options) {
      const methods = await context.lookups.shippingMethods();
      const { rows, nextCursor } = await keysetPage<DolibarrDocument>(context, 'shipments', options);
      return { items: rows.flatMap((row) => shipmentFromDolibarr(row, methods) ?? []), nextCursor };
    },
    async get(id) {
      if (!/^\d+$/.test(id)) return null;
      const row = await context.client.getOrNull<DolibarrDocument>(`shipments/${id}`);
      return row ? shipmentFromDolibarr(row, await context.lookups.shippingMethods()) : null;
    },
  };
}
