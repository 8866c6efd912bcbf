import { compareDecimals, type SpecificPrice, subtractDecimals } from '@passerelle/core';
import { toWooGmt } from '../map/dates.js';
import { percentOf } from '../map/decimal-math.js';

/** A field WooCommerce could not take, and why. */
export interface Withheld {
  field: string;
  reason: string;
}

/**
 * The specific prices WooCommerce core can hold: one unconditional price (no group, customer, country,
 * currency or quantity), written as the sale price with its period. An empty list clears the sale.
 */
export function salePayload(
  prices: readonly SpecificPrice[],
  basePrice: string | undefined,
  withheld: Withheld[],
): Record<string, unknown> {
  const unconditional = prices.filter(
    (price) =>
      !price.customerGroup &&
      !price.customerReference &&
      !price.country &&
      !price.currency &&
      (price.fromQuantity ?? 1) <= 1,
  );
  if (unconditional.length < prices.length) {
    withheld.push({
      field: 'specificPrices',
      reason:
        'group, customer, country and quantity prices need a customer-specific-pricing plug-in (e.g. WisdmLabs CSP)',
    });
  }
  const sale = unconditional[0];
  if (!sale) return { sale_price: '', date_on_sale_from_gmt: null, date_on_sale_to_gmt: null };
  let amount = sale.fixedPrice ?? basePrice;
  if (sale.reduction && amount !== undefined) {
    amount = subtractDecimals(
      amount,
      sale.reduction.type === 'percentage' ? percentOf(amount, sale.reduction.value) : sale.reduction.value,
    );
  }
  if (amount === undefined || compareDecimals(amount, '0') < 0) {
    withheld.push({ field: 'specificPrices', reason: 'a reduction needs the regular price to apply to' });
    return {};
  }
  return {
    sale_price: amount,
    date_on_sale_from_gmt: sale.from ? toWooGmt(sale.from) : null,
    date_on_sale_to_gmt: sale.to ? toWooGmt(sale.to) : null,
  };
}
