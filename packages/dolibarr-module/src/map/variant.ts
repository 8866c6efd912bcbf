import type { Variant, VariantOption } from '@passerelle/core';
import { divideDecimals, multiplyDecimals, roundDecimal } from '@passerelle/core';
import type { AttributeInfo } from '../lookups.js';
import { type DolibarrCombination, type DolibarrProduct, idOf, stringOf } from '../payloads.types.js';
import { isoFromLocal } from './dates.js';
import { amountOf, decimalOf } from './decimal.js';
import { stockQuantity } from './product.js';

/**
 * A Dolibarr variant is a full child product (`fk_product_child`) with its own ref and stock, plus a
 * combination row holding the price impact and the attribute values. The contract's variant id is
 * the child product's id: the id order lines carry.
 */
export function variantFromDolibarr(
  combination: DolibarrCombination,
  child: DolibarrProduct,
  parent: DolibarrProduct,
  attributes: Map<number, AttributeInfo>,
  context: { timeZone: string; stockType: 'physical' | 'virtual' },
): Variant {
  const pairs = Array.isArray(combination.attributes) ? (combination.attributes as Record<string, unknown>[]) : [];
  const options: VariantOption[] = pairs.flatMap((pair) => {
    const attribute = attributes.get(idOf(pair.fk_prod_attr) ?? -1);
    const value = attribute?.values.get(idOf(pair.fk_prod_attr_val) ?? -1);
    return attribute && value ? [{ name: attribute.label, value: value.value || value.ref }] : [];
  });
  const impact = decimalOf(combination.variation_price) ?? '0';
  const percent =
    combination.variation_price_percentage === true ||
    combination.variation_price_percentage === '1' ||
    combination.variation_price_percentage === 1;
  // A percentage impact is the parent's price times the percentage: the contract carries amounts.
  const priceImpact = percent
    ? roundDecimal(divideDecimals(multiplyDecimals(amountOf(parent.price), impact), '100', 8), 2)
    : amountOf(impact);
  const barcode = stringOf(child.barcode);
  const updated = isoFromLocal(child.date_modification, context.timeZone);
  return {
    id: String(child.id),
    productId: String(parent.id),
    ...(stringOf(parent.ref) ? { productReference: stringOf(parent.ref) } : {}),
    ...(stringOf(child.ref) ? { reference: stringOf(child.ref) } : {}),
    ...(barcode ? { barcode } : {}),
    options: options.length > 0 ? options : [{ name: 'Variant', value: stringOf(child.ref) ?? String(child.id) }],
    priceImpact,
    weightImpact: amountOf(combination.variation_weight),
    quantity: stockQuantity(child, context.stockType, '0'),
    active: String(child.status ?? '1') === '1',
    ...(updated ? { sourceUpdatedAt: updated } : {}),
  };
}
