import { z } from 'zod';
import {
  countryCodeSchema,
  currencyCodeSchema,
  idSchema,
  isoDateTimeSchema,
  nonNegativeDecimal,
  referenceSchema,
} from './common.js';
import { compareDecimals } from './decimal.js';
import { strictObject } from './strict-object.js';

export const reductionTypes = ['amount', 'percentage'] as const;

export const reductionSchema = strictObject({
  type: z.enum(reductionTypes),
  /** An amount in the price's currency, or a percent (`"10"` is 10 %). */
  value: nonNegativeDecimal,
  /** Whether an `amount` reduction includes tax (PrestaShop `reduction_tax`); excluded when absent. */
  taxIncluded: z.boolean().optional(),
});

/**
 * A price that applies only to a customer group, a customer, a country, a currency, a minimum
 * quantity or a period (PrestaShop specific price, WooCommerce CSP rule, BigCommerce price list):
 * a fixed price, a reduction, or both (a fixed base then reduced).
 */
export const specificPriceSchema = strictObject({
  id: idSchema.optional().meta({ label: 'Specific price id', key: true }),
  customerGroup: referenceSchema
    .optional()
    .meta({ label: 'Customer group', updateToggle: 'products.update.specificPrices' }),
  customerReference: referenceSchema
    .optional()
    .meta({ label: 'Customer', updateToggle: 'products.update.specificPrices' }),
  country: countryCodeSchema.optional().meta({ label: 'Country', updateToggle: 'products.update.specificPrices' }),
  currency: currencyCodeSchema.optional().meta({ label: 'Currency', updateToggle: 'products.update.specificPrices' }),
  fromQuantity: z
    .int()
    .min(1)
    .default(1)
    .meta({ label: 'From quantity', updateToggle: 'products.update.specificPrices' }),
  reduction: reductionSchema.optional().meta({ label: 'Reduction', updateToggle: 'products.update.specificPrices' }),
  /** Price excl. tax that replaces the base price. */
  fixedPrice: nonNegativeDecimal
    .optional()
    .meta({ label: 'Fixed price', updateToggle: 'products.update.specificPrices' }),
  from: isoDateTimeSchema.optional().meta({ label: 'Valid from', updateToggle: 'products.update.specificPrices' }),
  to: isoDateTimeSchema.optional().meta({ label: 'Valid until', updateToggle: 'products.update.specificPrices' }),
})
  .refine((price) => price.reduction !== undefined || price.fixedPrice !== undefined, {
    error: 'A specific price needs a reduction, a fixed price, or both',
    path: ['reduction'],
  })
  .refine((price) => price.reduction?.type !== 'percentage' || compareDecimals(price.reduction.value, '100') <= 0, {
    error: 'A percentage reduction is at most 100',
    path: ['reduction', 'value'],
  })
  .refine((price) => !price.from || !price.to || Date.parse(price.from) < Date.parse(price.to), {
    error: 'The period must end after it starts',
    path: ['to'],
  });

/** The base price of a product or variant, identified by its SKU, with its specific prices. */
export const priceSchema = z.object({
  id: idSchema.optional().meta({ label: 'Product or variant id', key: true }),
  reference: referenceSchema.meta({ label: 'SKU', key: true }),
  shopId: idSchema.optional().meta({ label: 'Shop', key: true }),
  /** Excl. tax. */
  price: nonNegativeDecimal.meta({ label: 'Price excl. tax', updateToggle: 'products.update.price' }),
  /** For shops that price incl. tax (Shopify "prices include taxes"); never derived from `price`. */
  priceIncl: nonNegativeDecimal.optional().meta({ label: 'Price incl. tax', updateToggle: 'products.update.price' }),
  currency: currencyCodeSchema.meta({ label: 'Currency', updateToggle: 'products.update.price' }),
  /** Percent: `"20"` is 20 %. */
  taxRate: nonNegativeDecimal.optional().meta({ label: 'Tax rate', updateToggle: 'products.update.tax' }),
  specificPrices: z
    .array(specificPriceSchema)
    .optional()
    .meta({ label: 'Specific prices', updateToggle: 'products.update.specificPrices' }),
  /** When the sender read this price; a write older than one already applied is skipped as stale. */
  asOf: isoDateTimeSchema.optional().meta({ label: 'As of', readOnly: true }),
  sourceUpdatedAt: isoDateTimeSchema.optional().meta({ label: 'Updated on the platform', readOnly: true }),
  raw: z.unknown().optional().meta({ label: 'Raw platform payload', readOnly: true }),
});

/**
 * `PUT /prices` item: `{ reference, price, priceIncl?, currency, taxRate?, specificPrices?, asOf? }`.
 * `asOf` is kept although read-only: it is the write's own date for the stale-write guard.
 */
export const priceWriteSchema = strictObject(
  priceSchema.omit({ id: true, shopId: true, sourceUpdatedAt: true, raw: true }).shape,
);

export type Price = z.infer<typeof priceSchema>;
export type SpecificPrice = z.infer<typeof specificPriceSchema>;
export type Reduction = z.infer<typeof reductionSchema>;
