import type {
  AdapterPage,
  ListOptions,
  Order,
  OrderListOptions,
  OrderMessage,
  OrderStatus,
  StatusWritePlan,
  WriteContext,
  WriteOutcome,
} from '@passerelle/core';
import { type Bridge, failure, forEachWrite, listIn, outcomeWithNotes } from '../bridge-context.js';
import type { PsRow } from '../client.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { DOCUMENT_MESSAGE_PREFIX, type OrderReadContext, toOrder } from '../map/order.js';
import { stateByIdOrName, stateForStatus, statusOfState } from '../map/order-status.js';
import { psBool, psId, psText } from '../map/scalars.js';
import { anyOf, distinct, literal } from '../query.js';
import { idPage, updatedSinceFilter } from './product-reads.js';

/** Which order column orders the queue. PrestaShop has no payment date on orders: invoices are made on payment. */
const DATE_FIELDS: Record<NonNullable<OrderListOptions['sortBy']>, string> = {
  createdAt: 'date_add',
  updatedAt: 'date_upd',
  invoiceDate: 'invoice_date',
  paidAt: 'invoice_date',
};

function groupBy(rows: PsRow[], field: string): Map<string, PsRow[]> {
  const out = new Map<string, PsRow[]>();
  for (const row of rows) {
    const key = psText(row[field]);
    out.set(key, [...(out.get(key) ?? []), row]);
  }
  return out;
}

/** Customer threads and order messages of these orders, oldest first. */
async function messagesOf(bridge: Bridge, orderIds: readonly string[]): Promise<Map<string, OrderMessage[]>> {
  const shop = await bridge.shop.snapshot();
  const [threads, legacy] = await Promise.all([
    listIn(bridge.client, 'customer_threads', 'id_order', orderIds, ['id', 'id_order']),
    listIn(bridge.client, 'messages', 'id_order', orderIds, 'full'),
  ]);
  const threadOrder = new Map(threads.map((thread) => [psText(thread.id), psText(thread.id_order)]));
  const threadMessages = await listIn(
    bridge.client,
    'customer_messages',
    'id_customer_thread',
    [...threadOrder.keys()],
    'full',
  );
  const out = new Map<string, (OrderMessage & { sort: string })[]>();
  const add = (orderId: string | undefined, row: PsRow) => {
    if (!orderId) return;
    const at = shop.dates.toIso(row.date_add) ?? new Date(0).toISOString();
    const message = {
      author: psId(row.id_employee) ? ('employee' as const) : ('customer' as const),
      private: psBool(row.private),
      body: psText(row.message),
      at,
      sort: `${at}#${psText(row.id).padStart(12, '0')}`,
    };
    out.set(orderId, [...(out.get(orderId) ?? []), message]);
  };
  for (const row of threadMessages) add(threadOrder.get(psText(row.id_customer_thread)), row);
  for (const row of legacy) add(psText(row.id_order), row);
  return new Map(
    [...out].map(([orderId, list]) => [
      orderId,
      list.sort((a, b) => a.sort.localeCompare(b.sort)).map(({ sort: _sort, ...message }) => message),
    ]),
  );
}

/** Reads what a page of orders refers to (lines, history, carriers, discounts, payments, people, messages) and maps it. */
export async function readOrders(bridge: Bridge, rows: PsRow[]): Promise<Order[]> {
  if (rows.length === 0) return [];
  const { client } = bridge;
  const ids = rows.map((row) => psText(row.id));
  const references = distinct(rows.map((row) => psText(row.reference)));
  const [
    shop,
    taxes,
    carriers,
    details,
    histories,
    orderCarriers,
    cartRules,
    payments,
    customers,
    addresses,
    messages,
  ] = await Promise.all([
    bridge.shop.snapshot(),
    bridge.shop.taxes(),
    bridge.lookups.carriers(),
    listIn(client, 'order_details', 'id_order', ids, 'full'),
    listIn(client, 'order_histories', 'id_order', ids, 'full'),
    listIn(client, 'order_carriers', 'id_order', ids, 'full'),
    listIn(client, 'order_cart_rules', 'id_order', ids, 'full'),
    listIn(client, 'order_payments', 'order_reference', references, 'full', {}, 50),
    listIn(client, 'customers', 'id', distinct(rows.map((row) => psId(row.id_customer))), [
      'id',
      'email',
      'firstname',
      'lastname',
      'company',
      'is_guest',
    ]),
    listIn(
      client,
      'addresses',
      'id',
      distinct(rows.flatMap((row) => [psId(row.id_address_invoice), psId(row.id_address_delivery)])),
      'full',
    ),
    messagesOf(bridge, ids),
  ]);
  const [cartRuleRows, customerReferences] = await Promise.all([
    listIn(client, 'cart_rules', 'id', distinct(cartRules.map((row) => psId(row.id_cart_rule))), ['id', 'code']),
    bridge.references.references('customer', distinct(rows.map((row) => psId(row.id_customer)))),
  ]);
  const context: OrderReadContext = {
    shop,
    taxes,
    carriers,
    orderStates: bridge.runtime.orderStates,
    details: groupBy(
      details.sort((a, b) => Number(a.id) - Number(b.id)),
      'id_order',
    ),
    histories: groupBy(histories, 'id_order'),
    orderCarriers: groupBy(
      orderCarriers.sort((a, b) => Number(a.id) - Number(b.id)),
      'id_order',
    ),
    cartRules: groupBy(cartRules, 'id_order'),
    cartRuleCodes: new Map(
      cartRuleRows.flatMap((row) => (psText(row.code) ? [[psText(row.id), psText(row.code)] as const] : [])),
    ),
    payments: groupBy(
      payments.sort((a, b) => Number(a.id) - Number(b.id)),
      'order_reference',
    ),
    customers: new Map(customers.map((row) => [psText(row.id), row])),
    customerReferences,
    addresses: new Map(addresses.map((row) => [psText(row.id), row])),
    messages,
    shopId: bridge.contractShopId,
    includeRaw: bridge.includeRaw,
  };
  return rows.map((row) => toOrder(row, context));
}

/** Lower bound `>[…]` of a date column at or after an ISO instant (PrestaShop filters with a strict `>`). */
async function atOrAfter(bridge: Bridge, iso: string): Promise<string> {
  const shop = await bridge.shop.snapshot();
  return shop.dates.toPs(new Date(Math.floor(Date.parse(iso) / 1000) * 1000 - 1000));
}

/**
 * The transfer queue's source: orders in `sortBy` date then id order, from `since`, in the given
 * statuses. The keyset is (date, id): the rest of the cursor's second, then the later dates.
 */
export async function listOrders(bridge: Bridge, options: OrderListOptions): Promise<AdapterPage<Order>> {
  const shop = await bridge.shop.snapshot();
  const field = DATE_FIELDS[options.sortBy ?? 'createdAt'];
  const filter: Record<string, string> = {};
  if (options.statuses) {
    const wanted = new Set(options.statuses);
    const states = [...shop.orderStates.keys()].filter((id) =>
      wanted.has(statusOfState(id, shop, bridge.runtime.orderStates)),
    );
    if (states.length === 0) return { items: [], nextCursor: null };
    filter.current_state = anyOf(states);
  }
  const bounds = [options.since, field === 'date_upd' ? options.updatedSince : undefined].filter(
    (value): value is string => !!value,
  );
  const lower = bounds.length
    ? await atOrAfter(bridge, bounds.sort().at(-1) as string)
    : field === 'invoice_date'
      ? '0000-00-00 00:00:00'
      : null;
  if (options.updatedSince && field !== 'date_upd')
    Object.assign(filter, await updatedSinceFilter(bridge, 'date_upd', options.updatedSince));

  const cursor = decodeCursor(options.cursor, 2);
  const rows: PsRow[] = [];
  if (cursor) {
    const [date, id] = cursor;
    rows.push(
      ...(await bridge.client.list('orders', {
        display: 'full',
        filter: { ...filter, [field]: literal(String(date)), id: `>[${id}]` },
        sort: ['id_ASC'],
        limit: options.limit + 1,
      })),
    );
  }
  if (rows.length <= options.limit) {
    const after = cursor ? String(cursor[0]) : lower;
    rows.push(
      ...(await bridge.client.list('orders', {
        display: 'full',
        filter: { ...filter, ...(after !== null ? { [field]: `>[${after}]` } : {}) },
        sort: [`${field}_ASC`, 'id_ASC'],
        limit: options.limit + 1 - rows.length,
        date: true,
      })),
    );
  }
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    items: await readOrders(bridge, page),
    nextCursor:
      rows.length > options.limit && last ? encodeCursor([psText(last[field]), Number(psText(last.id))]) : null,
  };
}

export async function getOrder(bridge: Bridge, id: string): Promise<Order | null> {
  if (!/^\d+$/.test(id)) return null;
  const row = await bridge.client.get('orders', id);
  if (!row) return null;
  const [order] = await readOrders(bridge, [row]);
  return order ?? null;
}

export async function listOrderIds(bridge: Bridge, options: ListOptions): Promise<AdapterPage<string>> {
  const { rows, nextCursor } = await idPage(bridge, 'orders', options, ['id']);
  return { items: rows.map((row) => psText(row.id)), nextCursor };
}

/** PrestaShop's `orders.reference` column holds 9 characters. */
const REFERENCE_MAX = 9;

async function writeStatus(bridge: Bridge, plan: StatusWritePlan): Promise<WriteOutcome> {
  const { client } = bridge;
  const order = await client.get('orders', plan.orderId);
  if (!order) return { key: plan.key, ok: false, error: `PrestaShop has no order ${plan.orderId}`, retryable: false };
  const shop = await bridge.shop.snapshot();
  const status = plan.status as OrderStatus;
  const targetState = plan.rawStatus
    ? stateByIdOrName(plan.rawStatus, shop)
    : stateForStatus(status, shop, bridge.runtime.orderStates);
  if (!targetState) {
    const reason = plan.rawStatus
      ? `order state "${plan.rawStatus}" (orders.statusUpdate.statusMap) does not exist in the shop`
      : `no PrestaShop state stands for "${plan.status}": map it in orders.statusUpdate.statusMap`;
    return { key: plan.key, ok: false, error: reason, retryable: false };
  }
  const notes: string[] = [];
  const sendEmail = plan.notifyCustomer;

  if (plan.replaceReferenceWith) {
    if (plan.replaceReferenceWith.length > REFERENCE_MAX) {
      notes.push(
        `reference "${plan.replaceReferenceWith}" is longer than PrestaShop's ${REFERENCE_MAX} characters: not replaced`,
      );
    } else {
      const previous = psText(order.reference);
      await client.update('orders', plan.orderId, { fields: { reference: plan.replaceReferenceWith } });
      // Payments are linked to orders through the reference: they follow it, or the order loses them.
      const payments = await client.list('order_payments', {
        display: ['id'],
        filter: { order_reference: literal(previous) },
      });
      for (const payment of payments) {
        await client.update('order_payments', psText(payment.id), {
          fields: { order_reference: plan.replaceReferenceWith },
        });
      }
    }
  }
  if (psText(order.current_state) !== targetState) {
    // A status change goes through order_histories (OrderHistory::addWs): stock, invoices and emails follow.
    await client.create(
      'order_histories',
      {
        fields: {
          id_order: plan.orderId,
          id_order_state: targetState,
          id_employee: '0',
          ...(plan.at ? { date_add: shop.dates.toPs(plan.at) } : {}),
        },
      },
      { sendEmail },
    );
  }
  if (plan.trackingNumber) {
    const carriers = await bridge.lookups.carriers();
    const wanted = plan.carrier?.trim().toLowerCase();
    const named = wanted
      ? [...carriers.values()].find(
          (carrier) =>
            !carrier.deleted && (carrier.id === plan.carrier || carrier.name.trim().toLowerCase() === wanted),
        )
      : undefined;
    if (wanted && !named)
      notes.push(`carrier "${plan.carrier}" does not exist in the shop: the order's carrier was kept`);
    const existing = (
      await client.list('order_carriers', { display: 'full', filter: { id_order: literal(plan.orderId) } })
    ).sort((a, b) => Number(b.id) - Number(a.id))[0];
    const carrierId = named?.id ?? psId(existing?.id_carrier) ?? psId(order.id_carrier) ?? '0';
    if (existing) {
      await client.update(
        'order_carriers',
        psText(existing.id),
        { fields: { tracking_number: plan.trackingNumber, id_carrier: carrierId } },
        { sendEmail },
      );
    } else {
      await client.create('order_carriers', {
        fields: {
          id_order: plan.orderId,
          id_carrier: carrierId,
          tracking_number: plan.trackingNumber,
          weight: '0',
          shipping_cost_tax_excl: '0',
          shipping_cost_tax_incl: '0',
        },
      });
    }
  }
  if (plan.documentNumber) {
    const text = `${DOCUMENT_MESSAGE_PREFIX}${plan.documentNumber}`;
    const existing = await client.list('messages', {
      display: ['id', 'message'],
      filter: { id_order: literal(plan.orderId) },
    });
    if (!existing.some((message) => psText(message.message) === text)) {
      await client.create('messages', {
        fields: { id_order: plan.orderId, id_customer: psText(order.id_customer), message: text, private: '1' },
      });
    }
  }
  return outcomeWithNotes(plan.key, plan.orderId, notes);
}

export async function setOrderStatuses(
  bridge: Bridge,
  plans: StatusWritePlan[],
  context: WriteContext,
): Promise<WriteOutcome[]> {
  return forEachWrite(bridge, context, plans, async (plan) => {
    try {
      return await writeStatus(bridge, plan);
    } catch (error) {
      return failure(plan.key, error);
    }
  });
}
