import { normaliseEmail, type Order, type OrderStatus } from '@passerelle/core';
import type { ItemResult, PasserelleClient } from '@passerelle/core/client';
import { customerFromOrder, invoiceFromOrder, paymentsFromOrder } from './documents-from-order.js';
import type { FlowTypes } from './flow-types.js';

export interface TransferOptions {
  /** Orders read from the queue and sent per round. @default 20 */
  batchSize?: number;
  /** Order statuses whose payments are recorded (CyberOffice v8 "payment status"). @default paid … completed */
  paymentStatuses?: readonly OrderStatus[];
  /** Prefix of the customer codes made for shop customers without one. @default 'WEB-' */
  customerCodePrefix?: string;
  /** Safety bound on the rounds of one run. @default 10_000 */
  maxBatches?: number;
  signal?: AbortSignal;
  /** One line per round, for long runs. */
  onProgress?: (progress: TransferProgress) => void;
}

export interface TransferProgress {
  batch: number;
  read: number;
  acknowledged: number;
  failed: number;
  /** The last order of the round and the Dolibarr document it became. */
  last?: { orderId: string; reference: string; documentNumber: string | null };
}

export interface OrderFailure {
  orderId: string;
  reference: string;
  step: 'customer' | 'order' | 'invoice' | 'payment' | 'acknowledge';
  error: string;
}

export interface TransferSummary {
  read: number;
  /** Created in Dolibarr by this run. */
  created: number;
  /** Already in Dolibarr (an earlier run sent it, then stopped before acknowledging). */
  alreadyThere: number;
  acknowledged: number;
  invoices: number;
  payments: number;
  failures: OrderFailure[];
}

export const DEFAULT_PAYMENT_STATUSES: readonly OrderStatus[] = [
  'paid',
  'processing',
  'shipped',
  'delivered',
  'completed',
];

function errorText(result: ItemResult | undefined): string {
  if (!result) return 'no answer for this item';
  if (typeof result.error === 'string') return result.error;
  if (result.error && typeof result.error.message === 'string') return result.error.message;
  return result.reason ?? result.outcome;
}

/** The module took it: created or updated, or already there (skipped with the Dolibarr id). */
function accepted(result: ItemResult | undefined): result is ItemResult & { id: string } {
  if (!result?.id) return false;
  return (
    result.outcome === 'created' ||
    result.outcome === 'updated' ||
    result.outcome === 'unchanged' ||
    result.outcome === 'skipped'
  );
}

/**
 * The CyberOffice flow, as a cloud worker: reads the shop module's transfer queue, sends each round's
 * customers, then its orders, invoices and payments to the Dolibarr module, and acknowledges a shop
 * order (with the Dolibarr order number) only once Dolibarr holds the order, its invoice and its
 * payments. Nothing is kept between runs: the queue is the state, and the Dolibarr module finds what
 * an interrupted run already created, so a run killed at any point and started again creates nothing
 * twice and misses nothing.
 */
export async function runTransfer(
  shop: PasserelleClient<FlowTypes>,
  erp: PasserelleClient<FlowTypes>,
  options: TransferOptions = {},
): Promise<TransferSummary> {
  const batchSize = options.batchSize ?? 20;
  const paymentStatuses = options.paymentStatuses ?? DEFAULT_PAYMENT_STATUSES;
  const prefix = options.customerCodePrefix ?? 'WEB-';
  const maxBatches = options.maxBatches ?? 10_000;
  const summary: TransferSummary = {
    read: 0,
    created: 0,
    alreadyThere: 0,
    acknowledged: 0,
    invoices: 0,
    payments: 0,
    failures: [],
  };
  const signal = options.signal ? { signal: options.signal } : {};

  let cursor: string | undefined;
  for (let batch = 1; batch <= maxBatches; batch++) {
    options.signal?.throwIfAborted();
    // The queue's cursor is keyset on the shop's side: acknowledging what was read does not shift it.
    const page = await shop.orders.list({ limit: batchSize, ...(cursor ? { cursor } : {}), ...signal });
    summary.read += page.items.length;
    const last = page.items.length ? await transferBatch(page.items) : undefined;
    options.onProgress?.({
      batch,
      read: summary.read,
      acknowledged: summary.acknowledged,
      failed: summary.failures.length,
      ...(last ? { last } : {}),
    });
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return summary;

  async function transferBatch(orders: Order[]): Promise<TransferProgress['last']> {
    const fail = (order: Order, step: OrderFailure['step'], error: string) =>
      summary.failures.push({ orderId: order.id, reference: order.reference, step, error });

    // 1. Customers, one per email: Dolibarr matches orders to third parties by email first.
    const customers = new Map<string, ReturnType<typeof customerFromOrder>>();
    const emailOf = new Map<string, string>();
    for (const order of orders) {
      const email = normaliseEmail(order.customer.email);
      emailOf.set(order.id, email);
      if (!customers.has(email)) customers.set(email, customerFromOrder(order, prefix));
    }
    const customerResults = await erp.customers.put([...customers.values()], signal);
    const refusedEmails = new Map<string, string>();
    [...customers.keys()].forEach((email, index) => {
      const result = customerResults.results[index];
      if (result?.outcome === 'failed') refusedEmails.set(email, errorText(result));
    });
    const ready = orders.filter((order) => {
      const refused = refusedEmails.get(emailOf.get(order.id) ?? '');
      if (refused) fail(order, 'customer', refused);
      return !refused;
    });
    if (ready.length === 0) return undefined;

    // 2. Orders.
    const orderResults = await erp.erp.putOrders(ready, signal);
    const placed: { order: Order; dolibarrId: string }[] = [];
    ready.forEach((order, index) => {
      const result = orderResults.results[index];
      if (!accepted(result)) {
        fail(order, 'order', errorText(result));
        return;
      }
      if (result.outcome === 'skipped') summary.alreadyThere++;
      else summary.created++;
      placed.push({ order, dolibarrId: result.id });
    });
    if (placed.length === 0) return undefined;

    // 3. Invoices, made by Dolibarr from the orders.
    const invoiceResults = await erp.erp.putInvoices(
      placed.map(({ order }) => invoiceFromOrder(order)),
      signal,
    );
    const invoiced = placed.filter(({ order }, index) => {
      const result = invoiceResults.results[index];
      if (!accepted(result)) fail(order, 'invoice', errorText(result));
      else summary.invoices++;
      return accepted(result);
    });

    // 4. Payments of the orders whose status triggers them.
    const payments = invoiced.flatMap(({ order }) =>
      paymentsFromOrder(order, paymentStatuses).map((payment) => ({ order, payment })),
    );
    const paymentFailures = new Set<string>();
    if (payments.length) {
      const paymentResults = await erp.erp.putPayments(
        payments.map(({ payment }) => payment),
        signal,
      );
      payments.forEach(({ order, payment }, index) => {
        const result = paymentResults.results[index];
        if (result?.outcome === 'failed') {
          paymentFailures.add(order.id);
          fail(order, 'payment', `payment ${payment.id}: ${errorText(result)}`);
        } else if (result?.outcome === 'created' || result?.outcome === 'updated') {
          summary.payments++;
        }
      });
    }

    // 5. Acknowledge, with the Dolibarr order number, what Dolibarr now fully holds.
    const complete = invoiced.filter(({ order }) => !paymentFailures.has(order.id));
    if (complete.length === 0) return undefined;
    const numbered: { order: Order; documentNumber: string | null }[] = [];
    for (const { order, dolibarrId } of complete) {
      const document = await erp.orders.get(dolibarrId, signal);
      numbered.push({ order, documentNumber: document.documentNumber ?? document.reference ?? null });
    }
    const acknowledged = await shop.orders.acknowledge(
      numbered.map(({ order, documentNumber }) => ({ id: order.id, ...(documentNumber ? { documentNumber } : {}) })),
      signal,
    );
    numbered.forEach(({ order }, index) => {
      const result = acknowledged.results[index];
      if (result?.outcome === 'failed') fail(order, 'acknowledge', errorText(result));
      else summary.acknowledged++;
    });
    const last = numbered.at(-1);
    return last
      ? { orderId: last.order.id, reference: last.order.reference, documentNumber: last.documentNumber }
      : undefined;
  }
}
