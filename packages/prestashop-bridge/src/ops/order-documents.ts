import type { AdapterPage, Invoice, ListOptions, Payment, Shipment } from '@passerelle/core';
import { type Bridge, listIn } from '../bridge-context.js';
import type { PsRow } from '../client.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { formatInvoiceNumber } from '../map/order.js';
import { money, optionalText, psText } from '../map/scalars.js';
import type { PsResource } from '../resources.js';
import { updatedSinceFilter } from './product-reads.js';

/**
 * A keyset page of an order document resource. These rows have a `date_add` only: "updated since"
 * reads their creation date, which is when PrestaShop wrote them (they are not edited afterwards).
 */
async function documentPage(
  bridge: Bridge,
  resource: PsResource,
  options: ListOptions,
): Promise<{ rows: PsRow[]; nextCursor: string | null }> {
  const after = decodeCursor(options.cursor, 1)?.[0];
  const rows = await bridge.client.list(resource, {
    display: 'full',
    filter: {
      ...(after !== undefined ? { id: `>[${after}]` } : {}),
      ...(await updatedSinceFilter(bridge, 'date_add', options.updatedSince)),
    },
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

async function ordersById(bridge: Bridge, ids: string[]) {
  const rows = await listIn(bridge.client, 'orders', 'id', ids, ['id', 'reference', 'id_currency', 'module']);
  return new Map(rows.map((row) => [psText(row.id), row]));
}

/** `order_invoices`: numbers formatted as PrestaShop prints them (`PS_INVOICE_PREFIX` + 6 digits). */
async function mapInvoices(bridge: Bridge, rows: PsRow[]): Promise<Invoice[]> {
  const [shop, orders] = await Promise.all([
    bridge.shop.snapshot(),
    ordersById(
      bridge,
      rows.map((row) => psText(row.id_order)),
    ),
  ]);
  return rows.map((row) => {
    const order = orders.get(psText(row.id_order));
    const invoice: Invoice = {
      id: psText(row.id),
      number: formatInvoiceNumber(row.number, shop) ?? `${shop.invoicePrefix}${psText(row.id)}`,
      orderId: psText(row.id_order),
      date: shop.dates.toIso(row.date_add) ?? new Date(0).toISOString(),
      totalExcl: money(row.total_paid_tax_excl),
      totalIncl: money(row.total_paid_tax_incl),
      currency: shop.currencyById.get(psText(order?.id_currency))?.code ?? shop.defaultCurrency,
      status: 'issued',
    };
    if (bridge.contractShopId) invoice.shopId = bridge.contractShopId;
    const updated = shop.dates.toIso(row.date_add);
    if (updated) invoice.sourceUpdatedAt = updated;
    if (bridge.includeRaw) invoice.raw = row;
    return invoice;
  });
}

export async function listInvoices(bridge: Bridge, options: ListOptions): Promise<AdapterPage<Invoice>> {
  const { rows, nextCursor } = await documentPage(bridge, 'order_invoices', options);
  return { items: await mapInvoices(bridge, rows), nextCursor };
}

export async function getInvoice(bridge: Bridge, id: string): Promise<Invoice | null> {
  if (!/^\d+$/.test(id)) return null;
  const row = await bridge.client.get('order_invoices', id);
  return row ? ((await mapInvoices(bridge, [row]))[0] ?? null) : null;
}

/**
 * `order_payments` are linked to orders through `order_reference` (orders split by carrier share one):
 * a payment is listed under the first order of its reference.
 */
async function mapPayments(bridge: Bridge, rows: PsRow[]): Promise<Payment[]> {
  const shop = await bridge.shop.snapshot();
  const orderRows = await listIn(
    bridge.client,
    'orders',
    'reference',
    rows.map((row) => psText(row.order_reference)),
    ['id', 'reference', 'module'],
    {},
    50,
  );
  const byReference = new Map<string, PsRow>();
  for (const order of orderRows.sort((a, b) => Number(a.id) - Number(b.id))) {
    if (!byReference.has(psText(order.reference))) byReference.set(psText(order.reference), order);
  }
  return rows.flatMap((row) => {
    const order = byReference.get(psText(row.order_reference));
    if (!order) return [];
    const payment: Payment = {
      id: psText(row.id),
      orderId: psText(order.id),
      module: optionalText(order.module) ?? 'unknown',
      name: psText(row.payment_method),
      amount: {
        amount: money(row.amount),
        currency: shop.currencyById.get(psText(row.id_currency))?.code ?? shop.defaultCurrency,
      },
      paidAt: shop.dates.toIso(row.date_add) ?? new Date(0).toISOString(),
      status: 'completed',
    };
    if (bridge.contractShopId) payment.shopId = bridge.contractShopId;
    const transaction = optionalText(row.transaction_id);
    if (transaction) payment.transactionId = transaction;
    const updated = shop.dates.toIso(row.date_add);
    if (updated) payment.sourceUpdatedAt = updated;
    if (bridge.includeRaw) payment.raw = row;
    return [payment];
  });
}

export async function listPayments(bridge: Bridge, options: ListOptions): Promise<AdapterPage<Payment>> {
  const { rows, nextCursor } = await documentPage(bridge, 'order_payments', options);
  return { items: await mapPayments(bridge, rows), nextCursor };
}

export async function getPayment(bridge: Bridge, id: string): Promise<Payment | null> {
  if (!/^\d+$/.test(id)) return null;
  const row = await bridge.client.get('order_payments', id);
  return row ? ((await mapPayments(bridge, [row]))[0] ?? null) : null;
}

/** `order_carriers` that carry a tracking number; the carrier's tracking URL has `@` where the number goes. */
async function mapShipments(bridge: Bridge, rows: PsRow[]): Promise<Shipment[]> {
  const [shop, carriers] = await Promise.all([bridge.shop.snapshot(), bridge.lookups.carriers()]);
  const urls = new Map(
    (
      await listIn(
        bridge.client,
        'carriers',
        'id',
        rows.map((row) => psText(row.id_carrier)),
        ['id', 'url'],
      )
    ).map((row) => [psText(row.id), psText(row.url)]),
  );
  return rows.flatMap((row) => {
    const trackingNumber = optionalText(row.tracking_number);
    if (!trackingNumber) return [];
    const carrierId = psText(row.id_carrier);
    const shipment: Shipment = {
      id: psText(row.id),
      orderId: psText(row.id_order),
      carrier: { id: carrierId, name: carriers.get(carrierId)?.name ?? `Carrier ${carrierId}` },
      trackingNumber,
      shippedAt: shop.dates.toIso(row.date_add) ?? new Date(0).toISOString(),
    };
    const url = urls.get(carrierId);
    if (url && /^https?:\/\//.test(url)) shipment.trackingUrl = url.replace('@', encodeURIComponent(trackingNumber));
    if (bridge.contractShopId) shipment.shopId = bridge.contractShopId;
    const updated = shop.dates.toIso(row.date_add);
    if (updated) shipment.sourceUpdatedAt = updated;
    if (bridge.includeRaw) shipment.raw = row;
    return [shipment];
  });
}

export async function listShipments(bridge: Bridge, options: ListOptions): Promise<AdapterPage<Shipment>> {
  const { rows, nextCursor } = await documentPage(bridge, 'order_carriers', options);
  return { items: await mapShipments(bridge, rows), nextCursor };
}

export async function getShipment(bridge: Bridge, id: string): Promise<Shipment | null> {
  if (!/^\d+$/.test(id)) return null;
  const row = await bridge.client.get('order_carriers', id);
  return row ? ((await mapShipments(bridge, [row]))[0] ?? null) : null;
}
