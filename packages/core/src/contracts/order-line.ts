import { z } from 'zod';
import { decimalString, idSchema, nonNegativeDecimal, referenceSchema } from './common.js';
import { taxLineSchema } from './tax-line.js';

/** `fee`: a line the shop added that is no catalog item (WooCommerce fee line, payment surcharge). */
export const orderLineKinds = ['product', 'fee'] as const;

export const lineDiscountSchema = z.object({
  name: z.string().min(1),
  /** Positive, excl. tax: what the discount took off this line (already out of the line's totals). */
  amount: decimalString,
});

/**
 * One line of an order with the shop's own numbers, never recomputed: unit prices, several tax
 * lines, discounts and totals as the shop stored them. `totalExcl`/`totalIncl` are net of the
 * line's own `discounts` but not of the order-level `discounts` (a coupon listed on the order is
 * not also taken off its lines), so lines + shipping + wrapping − order discounts = order total.
 */
export const orderLineSchema = z.object({
  id: idSchema.meta({ label: 'Line id', key: true }),
  /** Absent means `product`. */
  kind: z.enum(orderLineKinds).optional().meta({ label: 'Line kind', readOnly: true }),
  /** `null` for a fee, or for a product deleted since (WooCommerce `product_id: 0`). */
  productId: idSchema.nullable().meta({ label: 'Product id', key: true }),
  variantId: idSchema.nullable().meta({ label: 'Variant id', key: true }),
  /** The SKU at order time; `null` when the item has none. */
  reference: referenceSchema.nullable().meta({ label: 'SKU', key: true }),
  name: z.string().min(1).meta({ label: 'Name', readOnly: true }),
  quantity: z
    .int({ error: (issue) => (issue.input === undefined ? 'quantity is required' : 'Expected a whole quantity') })
    .min(1, 'A line quantity is at least 1')
    .meta({ label: 'Quantity', readOnly: true }),
  unitPriceExcl: decimalString.meta({ label: 'Unit price excl. tax', readOnly: true }),
  unitPriceIncl: decimalString.meta({ label: 'Unit price incl. tax', readOnly: true }),
  taxLines: z.array(taxLineSchema).meta({ label: 'Taxes', readOnly: true }),
  discounts: z.array(lineDiscountSchema).meta({ label: 'Discounts', readOnly: true }),
  totalExcl: decimalString.meta({ label: 'Total excl. tax', readOnly: true }),
  totalIncl: decimalString.meta({ label: 'Total incl. tax', readOnly: true }),
  /** Unit weight in kg. */
  weight: nonNegativeDecimal.optional().meta({ label: 'Unit weight (kg)', readOnly: true }),
});

export type OrderLine = z.infer<typeof orderLineSchema>;
export type OrderLineKind = (typeof orderLineKinds)[number];
