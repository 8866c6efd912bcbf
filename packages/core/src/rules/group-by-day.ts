import type { Order } from '../contracts/index.js';
import { addDecimals } from '../contracts/index.js';
import type { Settings } from '../settings/index.js';

type OrderLine = Order['lines'][number];
type Payment = Order['payments'][number];

/** The calendar day of an instant in an IANA time zone, as YYYY-MM-DD. */
export function dayOf(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(iso),
  );
}

/** Minutes since midnight of an instant in a time zone. */
function minutesOf(date: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const hour = Number(parts.find((part) => part.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((part) => part.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

export const GROUP_ID_PREFIX = 'day-';

export interface DayGroup {
  id: string;
  memberIds: string[];
}

export interface GroupByDayResult {
  /** Orders that go out one by one. */
  orders: Order[];
  /** One synthetic order per day and currency, for days the cut-off has closed. */
  grouped: Order[];
  groups: DayGroup[];
  /** Eligible orders of a day not closed yet: they wait for D+1. */
  heldBack: string[];
}

function sumLines(lines: OrderLine[], groupItems: boolean): OrderLine[] {
  if (!groupItems) return lines;
  const merged = new Map<string, OrderLine>();
  for (const line of lines) {
    const discountKey = line.discounts.map((discount) => discount.amount).join('+');
    const key = `${line.reference ?? line.productId}|${line.variantId ?? ''}|${line.unitPriceExcl}|${discountKey}`;
    const current = merged.get(key);
    if (!current) {
      merged.set(key, { ...line, id: `${line.reference ?? line.productId}-${merged.size + 1}` });
      continue;
    }
    merged.set(key, {
      ...current,
      quantity: current.quantity + line.quantity,
      totalExcl: addDecimals(current.totalExcl, line.totalExcl),
      totalIncl: addDecimals(current.totalIncl, line.totalIncl),
      taxLines: current.taxLines.map((tax, index) => ({
        ...tax,
        amount: addDecimals(tax.amount, line.taxLines[index]?.amount ?? '0'),
      })),
    });
  }
  return [...merged.values()];
}

function sumPayments(payments: Payment[], groupPayments: boolean, groupId: string): Payment[] {
  if (!groupPayments) return payments;
  const byModule = new Map<string, Payment>();
  for (const payment of payments) {
    const current = byModule.get(payment.module);
    byModule.set(
      payment.module,
      current
        ? {
            ...current,
            amount: { ...current.amount, amount: addDecimals(current.amount.amount, payment.amount.amount) },
          }
        : { ...payment, id: `${groupId}-${payment.module}`, orderId: groupId },
    );
  }
  return [...byModule.values()];
}

type Totals = Order['totals'];
function sumTotals(orders: Order[]): Totals {
  const first = orders[0] as Order;
  const totals = { ...first.totals };
  for (const order of orders.slice(1)) {
    for (const key of Object.keys(totals) as (keyof Totals)[]) {
      totals[key] = addDecimals(totals[key], order.totals[key]);
    }
  }
  return totals;
}

/**
 * KerAwen / WooCommerce day grouping (spec §3.1, §3.2): eligible orders (guest orders
 * only, or all) of a closed day become one order per day and currency, optionally with
 * identical items and payments merged. A day closes at the cut-off time of the next day.
 */
export function groupOrdersByDay(orders: Order[], settings: Settings, now: Date): GroupByDayResult {
  const options = settings.orders.groupByDay;
  if (!options.enabled) return { orders, grouped: [], groups: [], heldBack: [] };

  const [cutHour = 0, cutMinute = 0] = options.cutoffTime.split(':').map(Number);
  const today = dayOf(now.toISOString(), options.timezone);
  const pastCutoff = minutesOf(now, options.timezone) >= cutHour * 60 + cutMinute;

  const single: Order[] = [];
  const heldBack: string[] = [];
  const buckets = new Map<string, Order[]>();
  for (const order of orders) {
    if (options.guestOnly && !order.guest) {
      single.push(order);
      continue;
    }
    const day = dayOf(order.createdAt, options.timezone);
    const closed = day < today && (pastCutoff || day < previousDay(today));
    if (!closed) {
      heldBack.push(order.id);
      continue;
    }
    const key = `${day}|${order.currency}`;
    buckets.set(key, [...(buckets.get(key) ?? []), order]);
  }

  const grouped: Order[] = [];
  const groups: DayGroup[] = [];
  for (const [key, members] of buckets) {
    const [day, currency] = key.split('|') as [string, string];
    const id = `${GROUP_ID_PREFIX}${day}-${currency}`;
    const first = members[0] as Order;
    const lines = sumLines(
      members.flatMap((order) => order.lines),
      options.groupItems,
    );
    grouped.push({
      ...first,
      id,
      reference: id,
      createdAt: `${day}T00:00:00.000Z`,
      updatedAt:
        members
          .map((order) => order.updatedAt)
          .sort()
          .at(-1) ?? first.updatedAt,
      guest: false,
      customer: { ...first.customer, reference: options.account ?? first.customer.reference, isGuest: false },
      lines,
      shipping: members.flatMap((order) => order.shipping),
      discounts: members.flatMap((order) => order.discounts),
      payments: sumPayments(
        members.flatMap((order) => order.payments),
        options.groupPayments,
        id,
      ),
      messages: [],
      totals: sumTotals(members),
      roundingDelta: members.map((order) => order.roundingDelta).reduce((a, b) => addDecimals(a, b), '0'),
      invoiceNumber: null,
      documentNumber: null,
      groupedOrderIds: members.map((order) => order.id),
    } as Order);
    groups.push({ id, memberIds: members.map((order) => order.id) });
  }
  return { orders: single, grouped, groups, heldBack };
}

function previousDay(day: string): string {
  const date = new Date(`${day}T12:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
