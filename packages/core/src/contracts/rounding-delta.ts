import { subtractDecimals, sumDecimals } from './decimal.js';
import type { Order } from './order.js';

export type RoundingDeltaInput = Pick<Order, 'lines' | 'shipping' | 'wrapping' | 'discounts' | 'totals'>;

/**
 * What the order's parts do not add up to, incl. tax: `totals.totalIncl` minus (lines + shipping
 * + wrapping − discounts). Shops round per line or per total and differ by a cent or two
 * (WooCommerce "round at subtotal"); the delta is transported so the ERP can book it on a
 * discrepancy line, never "fixed" by recomputing the shop's numbers.
 */
export function computeRoundingDelta(order: RoundingDeltaInput): string {
  const parts = sumDecimals([
    ...order.lines.map((line) => line.totalIncl),
    ...order.shipping.map((charge) => charge.totalIncl),
    order.wrapping?.totalIncl ?? '0',
  ]);
  const discounts = sumDecimals(order.discounts.map((discount) => discount.totalIncl));
  return subtractDecimals(order.totals.totalIncl, subtractDecimals(parts, discounts));
}
