import { compareDecimals, type SpecificPrice } from '@passerelle/core';
import type { PsRow } from '../client.js';
import type { ShopSnapshot } from '../shop-context.js';
import type { PsEntity } from '../xml.js';
import { boolText, decimal, money, psBool, psId, psInt, psText, shiftDecimal } from './scalars.js';

export interface SpecificPriceReadContext {
  shop: ShopSnapshot;
  /** Group id → the reference the ERP knows it by (binding), when bound. */
  groupReferences: Map<string, string>;
  customerReferences: Map<string, string>;
}

/**
 * A `specific_prices` row as the contract's specific price. PrestaShop stores a percentage reduction as
 * a fraction (`0.15` is 15 %) and "no fixed price" as `-1`; rows that reduce nothing are left out, as
 * are rows a catalog price rule generated (`id_specific_price_rule`) — those belong to the rule.
 */
export function toSpecificPrice(row: PsRow, context: SpecificPriceReadContext): SpecificPrice | null {
  if (psId(row.id_specific_price_rule) !== null || psId(row.id_cart) !== null) return null;
  const { shop } = context;
  const out: SpecificPrice = { id: psText(row.id), fromQuantity: Math.max(1, psInt(row.from_quantity)) };
  const groupId = psId(row.id_group);
  if (groupId) out.customerGroup = context.groupReferences.get(groupId) ?? groupId;
  const customerId = psId(row.id_customer);
  if (customerId) out.customerReference = context.customerReferences.get(customerId) ?? customerId;
  const countryId = psId(row.id_country);
  const country = countryId ? shop.countryById.get(countryId)?.code : undefined;
  if (country) out.country = country;
  const currencyId = psId(row.id_currency);
  const currency = currencyId ? shop.currencyById.get(currencyId)?.code : undefined;
  if (currency) out.currency = currency;
  const fixed = decimal(row.price);
  if (!fixed.startsWith('-')) out.fixedPrice = money(fixed);
  const reduction = decimal(row.reduction);
  if (compareDecimals(reduction, '0') > 0) {
    const percentage = psText(row.reduction_type) === 'percentage';
    out.reduction = {
      type: percentage ? 'percentage' : 'amount',
      value: percentage ? shiftDecimal(reduction, 2) : money(reduction),
      ...(percentage ? {} : { taxIncluded: psBool(row.reduction_tax) }),
    };
  }
  if (out.fixedPrice === undefined && out.reduction === undefined) return null;
  const from = shop.dates.toIso(row.from);
  const to = shop.dates.toIso(row.to);
  if (from) out.from = from;
  if (to && (!from || Date.parse(to) > Date.parse(from))) out.to = to;
  return out;
}

/** Ids resolved by the caller: what a contract specific price refers to. */
export interface SpecificPriceTargets {
  productId: string;
  /** `0`: every combination of the product. */
  combinationId: string;
  groupId: string;
  customerId: string;
  countryId: string;
  currencyId: string;
  /** `0`: every shop. */
  shopId: string;
}

export function specificPriceEntity(price: SpecificPrice, targets: SpecificPriceTargets, shop: ShopSnapshot): PsEntity {
  const percentage = price.reduction?.type === 'percentage';
  return {
    fields: {
      id_product: targets.productId,
      id_product_attribute: targets.combinationId,
      id_shop: targets.shopId,
      id_cart: '0',
      id_currency: targets.currencyId,
      id_country: targets.countryId,
      id_group: targets.groupId,
      id_customer: targets.customerId,
      price: price.fixedPrice === undefined ? '-1' : decimal(price.fixedPrice),
      from_quantity: String(price.fromQuantity),
      reduction: price.reduction
        ? percentage
          ? shiftDecimal(price.reduction.value, -2)
          : decimal(price.reduction.value)
        : '0',
      reduction_tax: boolText(percentage ? true : (price.reduction?.taxIncluded ?? false)),
      reduction_type: percentage ? 'percentage' : 'amount',
      from: price.from ? shop.dates.toPs(price.from) : '0000-00-00 00:00:00',
      to: price.to ? shop.dates.toPs(price.to) : '0000-00-00 00:00:00',
    },
  };
}
