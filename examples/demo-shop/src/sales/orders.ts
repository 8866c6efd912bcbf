import type {
  Order,
  OrderLine,
  OrderListOptions,
  OrderMessage,
  Payment,
  StatusHistoryEntry,
  StatusWritePlan,
} from '@passerelle/core';
import { readJson } from '../database.js';
import { keysetPage } from '../keyset-page.js';
import { CARRIERS, defaultStateFor, findCarrier, findState, type OrderState, SHOP_ID } from '../shop-configuration.js';
import { compact, type ShopContext, toRowId } from '../shop-context.js';
import { tableRows } from '../table-rows.js';

interface OrderRow {
  id: number;
  reference: string;
  customer_id: number | null;
  status: string;
  raw_status: string;
  currency: string;
  document_number: string | null;
  invoice_date: string | null;
  paid_at: string | null;
  data: string;
  created_at: string;
  updated_at: string;
}

/** Order fields kept in the JSON column: the shop's own numbers, as placed. */
type OrderData = Pick<
  Order,
  | 'customer'
  | 'guest'
  | 'billingAddress'
  | 'shippingDestinations'
  | 'shipping'
  | 'wrapping'
  | 'discounts'
  | 'totals'
  | 'taxInclusive'
  | 'conversionRate'
  | 'roundingDelta'
  | 'paymentMethod'
  | 'language'
>;

type PaymentData = Omit<Payment, 'id' | 'orderId' | 'shopId' | 'sourceUpdatedAt' | 'raw'>;

const SORT_COLUMNS = {
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  invoiceDate: 'invoice_date',
  paidAt: 'paid_at',
} as const;

export function trackingUrlFor(carrierName: string, trackingNumber: string): string | undefined {
  const carrier = CARRIERS.find((candidate) => candidate.name === carrierName);
  return carrier?.trackingUrl ? carrier.trackingUrl.replace('@', encodeURIComponent(trackingNumber)) : undefined;
}

/**
 * Orders with their lines, status history, messages, payments, invoices and shipments. Amounts
 * are stored as the shop computed them when the order was placed and are never recomputed.
 */
export function createOrderRepository(context: ShopContext) {
  const { db, clock } = context;
  const rows = tableRows<OrderRow, Order>(context, 'orders', 'order', (row) => toOrder(row));
  const linesOf = db.prepare<[number], { id: number; data: string }>(
    'SELECT id, data FROM order_lines WHERE order_id = ? ORDER BY position, id',
  );
  const historyOf = db.prepare<[number], { status: string; raw_status: string; at: string }>(
    'SELECT status, raw_status, at FROM order_status_history WHERE order_id = ? ORDER BY id',
  );
  const messagesOf = db.prepare<[number], { author: string; private: number; body: string; at: string }>(
    'SELECT author, private, body, at FROM order_messages WHERE order_id = ? ORDER BY id',
  );
  const paymentsOf = db.prepare<[number], { id: number; data: string; updated_at: string }>(
    'SELECT id, data, updated_at FROM payments WHERE order_id = ? ORDER BY id',
  );
  const invoicesOf = db.prepare<[number], { number: string }>(
    'SELECT number FROM invoices WHERE order_id = ? ORDER BY id',
  );
  const shipmentsOf = db.prepare<[number], { tracking_number: string }>(
    'SELECT tracking_number FROM shipments WHERE order_id = ? ORDER BY id',
  );

  const toOrder = (row: OrderRow): Order => {
    const data = readJson<OrderData>(row.data);
    const lines = linesOf
      .all(row.id)
      .map((line) => ({ ...readJson<Omit<OrderLine, 'id'>>(line.data), id: String(line.id) }));
    const statusHistory: StatusHistoryEntry[] = historyOf.all(row.id).map((entry) => ({
      status: entry.status as StatusHistoryEntry['status'],
      rawStatus: entry.raw_status,
      at: entry.at,
    }));
    const messages: OrderMessage[] = messagesOf.all(row.id).map((message) => ({
      author: message.author as OrderMessage['author'],
      private: message.private === 1,
      body: message.body,
      at: message.at,
    }));
    const payments: Payment[] = paymentsOf.all(row.id).map((payment) => ({
      ...readJson<PaymentData>(payment.data),
      id: String(payment.id),
      orderId: String(row.id),
      shopId: SHOP_ID,
      sourceUpdatedAt: payment.updated_at,
    }));
    const trackingNumbers = shipmentsOf.all(row.id).map((shipment) => shipment.tracking_number);
    return compact({
      id: String(row.id),
      reference: row.reference,
      shopId: SHOP_ID,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      invoiceDate: row.invoice_date ?? undefined,
      status: { status: row.status as Order['status']['status'], rawStatus: row.raw_status },
      statusHistory,
      ...data,
      currency: row.currency,
      lines,
      payments,
      messages,
      invoiceNumber: invoicesOf.get(row.id)?.number ?? null,
      documentNumber: row.document_number,
      trackingNumbers: trackingNumbers.length ? trackingNumbers : undefined,
      sourceUpdatedAt: row.updated_at,
    });
  };

  const nextInvoiceNumber = (at: string): string => {
    const year = at.slice(0, 4);
    const count =
      db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM invoices WHERE number LIKE ?').get(`INV-${year}-%`)
        ?.n ?? 0;
    return `INV-${year}-${String(count + 1).padStart(5, '0')}`;
  };

  const insertInvoice = (
    orderId: number,
    number: string,
    at: string,
    order: Pick<Order, 'totals' | 'currency'>,
    status: string,
    updatedAt: string,
  ): void => {
    const data = {
      date: at,
      totalExcl: order.totals.totalExcl,
      totalIncl: order.totals.totalIncl,
      currency: order.currency,
      status,
      rawStatus: status,
      pdfUrl: `https://demo-shop.passerelle.dev/invoices/${encodeURIComponent(number)}.pdf`,
    };
    db.prepare('INSERT INTO invoices (order_id, number, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
      orderId,
      number,
      JSON.stringify(data),
      at,
      updatedAt,
    );
  };

  const insertShipment = (
    orderId: number,
    carrier: { id?: string; name: string },
    trackingNumber: string,
    shippedAt: string,
    updatedAt: string,
  ): void => {
    const trackingUrl = trackingUrlFor(carrier.name, trackingNumber);
    const data = compact({ carrier: compact({ id: carrier.id, name: carrier.name }), trackingUrl, shippedAt });
    db.prepare(
      'INSERT INTO shipments (order_id, tracking_number, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
    ).run(orderId, trackingNumber, JSON.stringify(data), shippedAt, updatedAt);
  };

  const insertPayment = (
    orderId: number,
    payment: Omit<Payment, 'orderId' | 'id'> & { id?: string },
    updatedAt: string,
  ): void => {
    const { id, shopId: _shop, sourceUpdatedAt: _updated, raw: _raw, ...data } = payment;
    const rowId = toRowId(id ?? null);
    db.prepare('INSERT INTO payments (id, order_id, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
      rowId,
      orderId,
      JSON.stringify(data),
      payment.paidAt,
      updatedAt,
    );
  };

  const appendHistory = (orderId: number, state: OrderState, at: string): void => {
    db.prepare('INSERT INTO order_status_history (order_id, status, raw_status, at) VALUES (?, ?, ?, ?)').run(
      orderId,
      state.status,
      state.id,
      at,
    );
  };

  return {
    get: rows.get,
    list(options: OrderListOptions) {
      const sortBy = options.sortBy ?? (options.updatedSince ? 'updatedAt' : 'createdAt');
      const column = SORT_COLUMNS[sortBy];
      const where: string[] = [];
      const params: Record<string, unknown> = {};
      if (options.statuses?.length) {
        where.push(`status IN (${options.statuses.map((_, index) => `@status${index}`).join(', ')})`);
        options.statuses.forEach((status, index) => {
          params[`status${index}`] = status;
        });
      }
      if (options.since) {
        where.push(`${column} >= @since`);
        params.since = new Date(options.since).toISOString();
      }
      if (options.updatedSince) {
        where.push('updated_at >= @updatedSince');
        params.updatedSince = new Date(options.updatedSince).toISOString();
      }
      const page = keysetPage<OrderRow>(db, {
        table: 'orders',
        sortColumn: column,
        sortName: `orders:${sortBy}`,
        where,
        params,
        cursor: options.cursor,
        limit: options.limit,
      });
      return { items: page.rows.map(toOrder), nextCursor: page.nextCursor };
    },
    listIds: rows.listIds,
    /**
     * Stores an order exactly as given (ids included): the seed and the order simulator build
     * complete contract orders, and the shop keeps their numbers verbatim.
     */
    insert(order: Order): number {
      const orderId = toRowId(order.id);
      if (orderId === null) throw new Error(`order id must be numeric, got "${order.id}"`);
      const data: OrderData = compact({
        customer: order.customer,
        guest: order.guest,
        billingAddress: order.billingAddress,
        shippingDestinations: order.shippingDestinations,
        shipping: order.shipping,
        wrapping: order.wrapping,
        discounts: order.discounts,
        totals: order.totals,
        taxInclusive: order.taxInclusive,
        conversionRate: order.conversionRate,
        roundingDelta: order.roundingDelta,
        paymentMethod: order.paymentMethod,
        language: order.language,
      });
      const paidAt = order.payments.find((payment) => payment.status === 'completed')?.paidAt ?? null;
      db.prepare(
        `INSERT INTO orders (id, reference, customer_id, status, raw_status, currency, document_number, invoice_date, paid_at, data, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        orderId,
        order.reference,
        order.guest ? null : toRowId(order.customer.id ?? null),
        order.status.status,
        order.status.rawStatus,
        order.currency,
        order.documentNumber,
        order.invoiceDate ?? null,
        paidAt,
        JSON.stringify(data),
        order.createdAt,
        order.updatedAt,
      );
      const insertLine = db.prepare('INSERT INTO order_lines (id, order_id, position, data) VALUES (?, ?, ?, ?)');
      for (const [position, { id, ...line }] of order.lines.entries()) {
        insertLine.run(toRowId(id), orderId, position, JSON.stringify(line));
      }
      for (const entry of order.statusHistory) {
        db.prepare('INSERT INTO order_status_history (order_id, status, raw_status, at) VALUES (?, ?, ?, ?)').run(
          orderId,
          entry.status,
          entry.rawStatus,
          entry.at,
        );
      }
      const insertMessage = db.prepare(
        'INSERT INTO order_messages (order_id, author, private, body, at) VALUES (?, ?, ?, ?, ?)',
      );
      for (const message of order.messages)
        insertMessage.run(orderId, message.author, message.private ? 1 : 0, message.body, message.at);
      for (const payment of order.payments) insertPayment(orderId, payment, order.updatedAt);
      if (order.invoiceNumber && order.invoiceDate) {
        const status = order.status.status === 'refunded' ? 'cancelled' : paidAt ? 'paid' : 'issued';
        insertInvoice(orderId, order.invoiceNumber, order.invoiceDate, order, status, order.updatedAt);
      }
      const carrier = order.shippingDestinations[0]?.carrier ?? { name: 'Colissimo' };
      const shippedAt = order.statusHistory.find((entry) => entry.status === 'shipped')?.at ?? order.updatedAt;
      for (const trackingNumber of order.trackingNumbers ?? [])
        insertShipment(orderId, carrier, trackingNumber, shippedAt, order.updatedAt);
      return orderId;
    },
    /**
     * A status change as the back office makes it: the new state joins the history, reaching a
     * "paid" state records the payment, an "invoice" state issues the invoice, a tracking number
     * becomes a shipment, and the ERP's document number is kept (or replaces the reference).
     */
    setStatus(plan: StatusWritePlan): { id: string; note?: string } {
      const row = rows.find(plan.orderId);
      if (!row) throw new Error(`no order with id "${plan.orderId}"`);
      const state = plan.rawStatus ? findState(plan.rawStatus) : defaultStateFor(plan.status);
      if (!state) throw new Error(`no order state "${plan.rawStatus ?? plan.status}" in this shop`);
      if (state.status !== plan.status) {
        throw new Error(
          `order state "${state.id}" means ${state.status}, not ${plan.status}: check orders.statusUpdate.statusMap`,
        );
      }
      const now = clock.now().toISOString();
      const at = plan.at ? new Date(plan.at).toISOString() : now;
      const order = toOrder(row);
      const notes: string[] = [];
      let paidAt = row.paid_at;
      let invoiceDate = row.invoice_date;
      const data = readJson<OrderData>(row.data);

      if (row.raw_status !== state.id) appendHistory(row.id, state, at);
      if (state.paid && !order.payments.some((payment) => payment.status === 'completed')) {
        const module = data.paymentMethod;
        insertPayment(
          row.id,
          compact({
            module: module.module,
            name: module.name,
            amount: { amount: data.totals.totalIncl, currency: row.currency },
            transactionId: `TX-${row.reference}`,
            paidAt: at,
            status: 'completed' as const,
            rawStatus: 'accepted',
          }),
          now,
        );
        data.totals = { ...data.totals, paid: data.totals.totalIncl };
        paidAt = at;
      }
      if (state.invoice && !order.invoiceNumber) {
        const number = nextInvoiceNumber(at);
        insertInvoice(
          row.id,
          number,
          at,
          { totals: data.totals, currency: row.currency },
          paidAt ? 'paid' : 'issued',
          now,
        );
        invoiceDate = at;
        notes.push(`invoice ${number} issued`);
      }
      if (plan.trackingNumber && !(order.trackingNumbers ?? []).includes(plan.trackingNumber)) {
        const known = plan.carrier ? findCarrier(plan.carrier) : undefined;
        const carrier = known
          ? { id: known.id, name: known.name }
          : plan.carrier
            ? { name: plan.carrier }
            : (data.shippingDestinations[0]?.carrier ?? { name: 'Colissimo' });
        insertShipment(row.id, carrier, plan.trackingNumber, at, now);
      }
      if (plan.notifyCustomer && row.raw_status !== state.id) {
        db.prepare('INSERT INTO order_messages (order_id, author, private, body, at) VALUES (?, ?, ?, ?, ?)').run(
          row.id,
          'system',
          1,
          `Email sent to ${data.customer.email}: your order is now "${state.name}".`,
          now,
        );
      }
      db.prepare(
        `UPDATE orders SET status = ?, raw_status = ?, reference = ?, document_number = ?, paid_at = ?, invoice_date = ?, data = ?, updated_at = ?
         WHERE id = ?`,
      ).run(
        state.status,
        state.id,
        plan.replaceReferenceWith ?? row.reference,
        plan.documentNumber ?? row.document_number,
        paidAt,
        invoiceDate,
        JSON.stringify(data),
        clock.stamp(row.updated_at),
        row.id,
      );
      return { id: String(row.id), ...(notes.length ? { note: notes.join('; ') } : {}) };
    },
    nextIds(): { order: number; line: number; payment: number } {
      const max = (table: string) =>
        db.prepare<[], { id: number | null }>(`SELECT MAX(id) AS id FROM ${table}`).get()?.id ?? 0;
      return { order: max('orders') + 1, line: max('order_lines') + 1, payment: max('payments') + 1 };
    },
  };
}

export type OrderRepository = ReturnType<typeof createOrderRepository>;
