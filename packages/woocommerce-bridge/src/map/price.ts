import type { PriceWrite } from '@passerelle/core';
import type { WooProduct } from '../woo.types.js';
import { wooDecimal } from './decimal-math.js';
import type { MapContext } from './map-context.js';
import { salePrices } from './product.js';

/**
 * The current price of a product or variation, in the shape of a price write, so core can tell an
 * unchanged price. `price` is the regular price as the shop entered it; the sale price is the one
 * unconditional specific price WooCommerce has.
 */
export function toPrice(
  item: Pick<
    WooProduct,
    'id' | 'sku' | 'regular_price' | 'sale_price' | 'date_on_sale_from_gmt' | 'date_on_sale_to_gmt'
  >,
  context: MapContext,
): PriceWrite & { id: string } {
  const out: PriceWrite & { id: string } = {
    id: String(item.id),
    reference: item.sku,
    price: wooDecimal(item.regular_price) ?? '0',
    currency: context.facts.currency,
  };
  const sale = salePrices(item);
  if (sale) out.specificPrices = sale;
  return out;
}
