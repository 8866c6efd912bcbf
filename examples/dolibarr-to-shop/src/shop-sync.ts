import {
  addDecimals,
  type Order,
  type OrderStatus,
  type OrderStatusWrite,
  type WritableOrderStatus,
} from '@passerelle/core';
import { type ItemResult, type PasserelleClient, PasserelleHttpError } from '@passerelle/core/client';
import { parseExternalRef } from '@passerelle/dolibarr-module';
import type { FlowTypes } from '../../shop-to-dolibarr/src/flow-types.js';

export interface SyncState {
  /** Where the Dolibarr module's change journal was read up to. */
  changesCursor?: string;
}

export interface StateStore {
  load(): Promise<SyncState>;
  save(state: SyncState): Promise<void>;
}

export interface ShopSyncOptions {
  /** What to push. @default stock, prices and statuses; products only when asked (they may create shop products) */
  push?: Partial<Record<'stock' | 'prices' | 'products' | 'statuses', boolean>>;
  /** Dolibarr order status → shop status to set. @default { shipped: 'shipped', delivered: 'delivered' } */
  statusMap?: Partial<Record<OrderStatus, WritableOrderStatus>>;
  state: StateStore;
  /** Makes the Dolibarr module journal what changed (its sweep), when this process runs it. */
  refreshChanges?: () => Promise<void>;
  notifyCustomer?: boolean;
  /**
   * The shop location Dolibarr's stock sets, for a shop with several (the Dolibarr module then reads one
   * warehouse: `platform.dolibarr.stockWarehouse`). Absent: the shop's only or default location.
   */
  stockLocation?: string;
  /** Only orders that came from this shop (the shop part of their `ref_ext`); absent: every shop order. */
  shopId?: string;
  /** @default 200 */
  pageSize?: number;
  /** Safety bound on pages read per feed. @default 10_000 */
  maxPages?: number;
  onProgress?: (line: string) => void;
}

export interface Tally {
  sent: number;
  updated: number;
  unchanged: number;
  /** Not in the shop: an item the shop does not sell, an order that did not come from it. */
  elsewhere: number;
  failed: number;
}

export interface ShopSyncSummary {
  stock: Tally;
  prices: Tally;
  products: Tally;
  statuses: Tally;
  failures: string[];
}

const RANK: Partial<Record<OrderStatus, number>> = {
  pending: 0,
  awaiting_payment: 1,
  on_hold: 1,
  paid: 2,
  processing: 3,
  shipped: 4,
  delivered: 5,
  completed: 6,
};
const FINAL: readonly OrderStatus[] = ['completed', 'cancelled', 'refunded', 'partially_refunded', 'failed'];

function tally(): Tally {
  return { sent: 0, updated: 0, unchanged: 0, elsewhere: 0, failed: 0 };
}

function count(target: Tally, results: ItemResult[], failures: string[], what: string): void {
  for (const result of results) {
    target.sent++;
    if (result.outcome === 'created' || result.outcome === 'updated') target.updated++;
    else if (result.outcome === 'failed') {
      const error = typeof result.error === 'string' ? result.error : (result.error?.message ?? 'failed');
      if (/^no (product|order|customer)/i.test(error)) target.elsewhere++;
      else {
        target.failed++;
        failures.push(`${what} ${result.key}: ${error}`);
      }
    } else target.unchanged++;
  }
}

/** A status moves the shop order forward only: a shipped Dolibarr order never undoes a delivered or completed one. */
export function forwardStatus(
  current: OrderStatus,
  wanted: WritableOrderStatus | undefined,
): WritableOrderStatus | null {
  if (!wanted || wanted === current || FINAL.includes(current)) return null;
  if (wanted === 'cancelled') return current === 'shipped' || current === 'delivered' ? null : wanted;
  const from = RANK[current];
  const to = RANK[wanted];
  return from !== undefined && to !== undefined && to > from ? wanted : null;
}

/**
 * The update a Dolibarr order makes to its shop order: the status when it moves forward, a tracking
 * number the shop does not have yet, the invoice number as the document number. Null when nothing is new.
 */
export function statusUpdateFor(
  dolibarr: Order,
  shopOrder: Order,
  options: { statusMap: Partial<Record<OrderStatus, WritableOrderStatus>>; notifyCustomer: boolean },
): OrderStatusWrite | null {
  const next = forwardStatus(shopOrder.status.status, options.statusMap[dolibarr.status.status]);
  const tracking = (dolibarr.trackingNumbers ?? []).find(
    (number) => !(shopOrder.trackingNumbers ?? []).includes(number),
  );
  const documentNumber =
    dolibarr.invoiceNumber && dolibarr.invoiceNumber !== shopOrder.documentNumber ? dolibarr.invoiceNumber : undefined;
  if (!next && !tracking && !documentNumber) return null;
  const status = next ?? shopOrder.status.status;
  // A status write must name a status; a shop status the contract cannot set leaves the order alone.
  if (status === 'unknown') return null;
  return {
    id: shopOrder.id,
    status,
    ...(tracking ? { trackingNumber: tracking } : {}),
    ...(documentNumber ? { documentNumber } : {}),
    notifyCustomer: options.notifyCustomer,
    at: dolibarr.updatedAt,
  };
}

/**
 * The MyCyberOffice flow: Dolibarr (through its module) is the master of stock, prices and product
 * data, and of what happens to an order after it left the shop. Stock and prices are pushed whole
 * (the shop module answers `unchanged` for what did not move); order statuses, tracking numbers and
 * invoice numbers follow the Dolibarr module's change journal from a saved cursor.
 */
export async function runDolibarrToShop(
  erp: PasserelleClient<FlowTypes>,
  shop: PasserelleClient<FlowTypes>,
  options: ShopSyncOptions,
): Promise<ShopSyncSummary> {
  const push = { stock: true, prices: true, products: false, statuses: true, ...options.push };
  const statusMap = options.statusMap ?? { shipped: 'shipped', delivered: 'delivered' };
  const pageSize = options.pageSize ?? 200;
  const maxPages = options.maxPages ?? 10_000;
  const summary: ShopSyncSummary = {
    stock: tally(),
    prices: tally(),
    products: tally(),
    statuses: tally(),
    failures: [],
  };
  const say = options.onProgress ?? (() => {});

  if (push.stock) {
    let pages = 0;
    for await (const page of erp.stock.pages({ pageSize })) {
      if (++pages > maxPages) break;
      const items = page.items.flatMap((level) =>
        level.reference ? [{ reference: level.reference, quantity: level.quantity, asOf: level.asOf }] : [],
      );
      if (items.length) count(summary.stock, (await shop.stock.put(items)).results, summary.failures, 'stock');
    }
    say(
      `stock: ${summary.stock.sent} sent, ${summary.stock.updated} updated, ${summary.stock.elsewhere} not sold by the shop`,
    );
  }

  if (push.prices || push.products) {
    const currency = ((await erp.configuration()).currencies as { default?: string } | undefined)?.default ?? 'EUR';
    let pages = 0;
    for await (const page of erp.products.pages({ pageSize })) {
      if (++pages > maxPages) break;
      // Services (shipping, discounts, rounding) are Dolibarr's bookkeeping, not goods the shop sells.
      const goods = page.items.filter((product) => product.reference && product.tracksStock !== false);
      if (push.prices) {
        const prices = goods.flatMap((product) => [
          ...(product.price
            ? [
                {
                  reference: product.reference as string,
                  price: product.price,
                  currency,
                  ...(product.taxRate ? { taxRate: product.taxRate } : {}),
                },
              ]
            : []),
          ...(product.variants ?? []).flatMap((variant) =>
            variant.reference && product.price
              ? [
                  {
                    reference: variant.reference,
                    price: addDecimals(product.price, variant.priceImpact ?? '0'),
                    currency,
                    ...(product.taxRate ? { taxRate: product.taxRate } : {}),
                  },
                ]
              : [],
          ),
        ]);
        if (prices.length) count(summary.prices, (await shop.prices.put(prices)).results, summary.failures, 'price');
      }
      if (push.products && goods.length) {
        const products = goods.map(
          ({ id: _id, shopId: _shop, raw: _raw, quantity: _quantity, variants, ...product }) => ({
            ...product,
            reference: product.reference as string,
            ...(variants?.length
              ? {
                  variants: variants.flatMap(
                    ({ id: _v, productId: _p, shopId: _s, raw: _r, quantity: _q, ...variant }) =>
                      variant.reference ? [{ ...variant, reference: variant.reference }] : [],
                  ),
                }
              : {}),
          }),
        );
        count(summary.products, (await shop.products.put(products)).results, summary.failures, 'product');
      }
    }
    if (push.prices)
      say(
        `prices: ${summary.prices.sent} sent, ${summary.prices.updated} updated, ${summary.prices.elsewhere} not sold by the shop`,
      );
  }

  if (push.statuses) {
    await options.refreshChanges?.();
    const state = await options.state.load();
    let cursor = state.changesCursor;
    let pages = 0;
    for await (const page of erp.changes.pages({ entities: ['order'], pageSize, ...(cursor ? { cursor } : {}) })) {
      if (++pages > maxPages) break;
      const ids = [
        ...new Set(
          page.items
            .filter((change) => change.entity === 'order' && change.op !== 'deleted')
            .map((change) => change.id),
        ),
      ];
      const updates: OrderStatusWrite[] = [];
      for (const id of ids) {
        const dolibarr = await erp.orders.get(id);
        const source = parseExternalRef((dolibarr.raw as { ref_ext?: unknown } | undefined)?.ref_ext);
        if (source?.kind !== 'o' || (options.shopId !== undefined && source.shopId !== options.shopId)) {
          summary.statuses.elsewhere++;
          continue;
        }
        let shopOrder: Order;
        try {
          shopOrder = await shop.orders.get(source.id);
        } catch (error) {
          if (error instanceof PasserelleHttpError && error.status === 404) {
            summary.statuses.elsewhere++;
            continue;
          }
          throw error;
        }
        const update = statusUpdateFor(dolibarr, shopOrder, {
          statusMap,
          notifyCustomer: options.notifyCustomer ?? false,
        });
        if (update) updates.push(update);
        else summary.statuses.unchanged++;
      }
      if (updates.length)
        count(summary.statuses, (await shop.orders.setStatus(updates)).results, summary.failures, 'order');
      // Checkpoint after every page: a run stopped here resumes after what it already pushed.
      cursor = page.nextCursor ?? page.resumeCursor ?? cursor;
      await options.state.save({ ...state, ...(cursor ? { changesCursor: cursor } : {}) });
    }
    say(
      `orders: ${summary.statuses.updated} updated (status, tracking or invoice number), ${summary.statuses.unchanged} already up to date`,
    );
  }
  return summary;
}
