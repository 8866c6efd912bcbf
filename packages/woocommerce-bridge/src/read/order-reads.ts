import type { AdapterPage, ListOptions, Order, OrderListOptions } from '@passerelle/core';
import { decodeCursor, encodeCursor, readAfter } from '../keyset-page.js';
import { isAtOrAfter, wooAfter } from '../map/dates.js';
import type { MapContext } from '../map/map-context.js';
import { toOrder } from '../map/order.js';
import { toOrderStatus } from '../map/order-status.js';
import { mapLimit } from '../map-limit.js';
import type { WooRuntime } from '../runtime.js';
import type { WooOrder, WooOrderNote, WooRefund } from '../woo.types.js';

function later(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** Reads notes and refund details, the shop's tax rates when a tax line lacks its rate, then maps. */
async function enrich(runtime: WooRuntime, orders: readonly WooOrder[], base: MapContext): Promise<Order[]> {
  const withNotes = await runtime.readNotes();
  const [notes, refunds] = await Promise.all([
    // The notes route is not paginated: one call answers every note.
    withNotes
      ? mapLimit(orders, 4, (order) =>
          runtime.client
            .get<WooOrderNote[]>(`orders/${order.id}/notes`, { query: { type: 'any' } })
            .then((answer) => answer.data),
        )
      : Promise.resolve(orders.map(() => [])),
    mapLimit(orders, 4, (order) =>
      order.refunds?.length
        ? runtime.fetchAll<WooRefund>(`orders/${order.id}/refunds`)
        : Promise.resolve([] as WooRefund[]),
    ),
  ]);
  const needsRates = orders.some((order) => order.tax_lines.some((line) => line.rate_percent === undefined));
  const statuses = await runtime.shop.orderStatuses();
  const context: MapContext = {
    ...base,
    statusSlugByName: new Map(statuses.map((status) => [status.name.toLowerCase(), status.slug])),
    ...(needsRates ? { taxRates: await runtime.shop.taxRates() } : {}),
  };
  return orders.map((order, index) =>
    toOrder(order, { notes: notes[index] ?? [], refunds: refunds[index] ?? [] }, context),
  );
}

/**
 * Orders in id order, which is the order they were placed in: WooCommerce has no stable cursor on any
 * date, and an id never moves while the shop edits an order. `since` bounds the `sortBy` date: creation
 * (and invoice, which core WooCommerce has not) through `after`, change through `modified_after`, payment
 * by filtering `date_paid_gmt`.
 */
export function createOrderReads(runtime: WooRuntime) {
  async function statusFilter(statuses: string[] | undefined): Promise<string | undefined> {
    if (!statuses?.length || statuses.includes('unknown')) return undefined;
    const custom = (await runtime.platform()).orderStatusMap;
    const slugs = (await runtime.shop.orderStatuses())
      .map((status) => status.slug)
      .filter((slug) => statuses.includes(toOrderStatus(slug, custom).status));
    return slugs.length ? slugs.join(',') : undefined;
  }

  return {
    async list(options: OrderListOptions): Promise<AdapterPage<Order>> {
      const context = await runtime.mapContext();
      const status = await statusFilter(options.statuses);
      const sortBy = options.sortBy ?? 'createdAt';
      const modifiedAfter = later(options.updatedSince, sortBy === 'updatedAt' ? options.since : undefined);
      const createdAfter = sortBy === 'createdAt' || sortBy === 'invoiceDate' ? options.since : undefined;
      const paidSince = sortBy === 'paidAt' && options.since ? Date.parse(options.since) : null;
      const query = {
        orderby: 'id',
        order: 'asc',
        ...(status ? { status } : {}),
        ...(modifiedAfter ? { modified_after: wooAfter(modifiedAfter) } : {}),
        ...(createdAfter ? { after: wooAfter(createdAfter) } : {}),
        ...(modifiedAfter || createdAfter ? { dates_are_gmt: true } : {}),
      };
      const read = await readAfter(
        (offset, perPage) =>
          runtime.client
            .get<WooOrder[]>('orders', { query: { ...query, per_page: perPage, offset } })
            .then((answer) => answer.data),
        decodeCursor(options.cursor),
        options.limit,
      );
      const kept = read.items.filter(
        (order) =>
          (!modifiedAfter || isAtOrAfter(order.date_modified_gmt, modifiedAfter)) &&
          (!createdAfter || isAtOrAfter(order.date_created_gmt, createdAfter)) &&
          (paidSince === null || (order.date_paid_gmt !== null && Date.parse(`${order.date_paid_gmt}Z`) >= paidSince)),
      );
      return { items: await enrich(runtime, kept, context), nextCursor: read.next ? encodeCursor(read.next) : null };
    },

    async get(id: string): Promise<Order | null> {
      if (!/^\d+$/.test(id)) return null;
      const order = await runtime.getOrNull<WooOrder>(`orders/${id}`);
      if (!order) return null;
      const [mapped] = await enrich(runtime, [order], await runtime.mapContext());
      return mapped ?? null;
    },

    async listIds(options: ListOptions): Promise<AdapterPage<string>> {
      const read = await readAfter(
        (offset, perPage) =>
          runtime.client
            .get<{ id: number }[]>('orders', {
              query: { orderby: 'id', order: 'asc', per_page: perPage, offset, _fields: 'id' },
            })
            .then((answer) => answer.data),
        decodeCursor(options.cursor),
        options.limit,
      );
      return {
        items: read.items.map((item) => String(item.id)),
        nextCursor: read.next ? encodeCursor(read.next) : null,
      };
    },
  };
}
