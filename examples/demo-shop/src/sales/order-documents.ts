import type { AdapterPage, Invoice, ListOptions, Payment, Shipment } from '@passerelle/core';
import { readJson } from '../database.js';
import { keysetPage } from '../keyset-page.js';
import { SHOP_ID } from '../shop-configuration.js';
import { compact, type ShopContext, toRowId } from '../shop-context.js';

interface DocumentRow {
  id: number;
  order_id: number;
  data: string;
  created_at: string;
  updated_at: string;
  number?: string;
  tracking_number?: string;
}

export interface DocumentReads<T> {
  list(options: ListOptions): AdapterPage<T>;
  get(id: string): T | null;
}

/** Reads of one order document table (payments, invoices, shipments), paged like every other feed. */
function documentReads<T>(context: ShopContext, table: string, map: (row: DocumentRow) => T): DocumentReads<T> {
  const { db } = context;
  const byId = db.prepare<[number], DocumentRow>(`SELECT * FROM ${table} WHERE id = ?`);
  return {
    list(options) {
      const where: string[] = [];
      const params: Record<string, unknown> = {};
      if (options.updatedSince) {
        where.push('updated_at >= @since');
        params.since = new Date(options.updatedSince).toISOString();
      }
      const page = keysetPage<DocumentRow>(db, {
        table,
        sortColumn: options.updatedSince ? 'updated_at' : 'id',
        sortName: options.updatedSince ? 'updated' : 'id',
        where,
        params,
        cursor: options.cursor,
        limit: options.limit,
      });
      return { items: page.rows.map(map), nextCursor: page.nextCursor };
    },
    get(id) {
      const rowId = toRowId(id);
      const row = rowId === null ? undefined : byId.get(rowId);
      return row ? map(row) : null;
    },
  };
}

export function createPaymentReads(context: ShopContext): DocumentReads<Payment> {
  return documentReads(context, 'payments', (row) => ({
    ...readJson<Omit<Payment, 'id' | 'orderId'>>(row.data),
    id: String(row.id),
    orderId: String(row.order_id),
    shopId: SHOP_ID,
    sourceUpdatedAt: row.updated_at,
  }));
}

export function createInvoiceReads(context: ShopContext): DocumentReads<Invoice> {
  return documentReads(context, 'invoices', (row) =>
    compact({
      ...readJson<Omit<Invoice, 'id' | 'orderId' | 'number'>>(row.data),
      id: String(row.id),
      number: row.number ?? String(row.id),
      orderId: String(row.order_id),
      shopId: SHOP_ID,
      sourceUpdatedAt: row.updated_at,
    }),
  );
}

export function createShipmentReads(context: ShopContext): DocumentReads<Shipment> {
  return documentReads(context, 'shipments', (row) =>
    compact({
      ...readJson<Omit<Shipment, 'id' | 'orderId' | 'trackingNumber'>>(row.data),
      id: String(row.id),
      orderId: String(row.order_id),
      trackingNumber: row.tracking_number ?? '',
      shopId: SHOP_ID,
      sourceUpdatedAt: row.updated_at,
    }),
  );
}
