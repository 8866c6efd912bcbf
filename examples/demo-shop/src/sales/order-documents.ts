import type { AdapterPage, Invoice, ListOptions, Payment, Shipment } from '@passerelle/core';
import { readJson } from '../database.js';
import { SHOP_ID } from '../shop-configuration.js';
import { compact, type ShopContext } from '../shop-context.js';
import { tableRows } from '../table-rows.js';

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
  const rows = tableRows(context, table, 'document', map);
  return { list: (options) => rows.list(options), get: rows.get };
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
