import { z } from 'zod';
import { decimalString, idSchema, isoDateTimeSchema, nonNegativeDecimal, referenceSchema } from './common.js';
import { imageSchema } from './image.js';
import { strictObject } from './strict-object.js';

/** One attribute of a variant: `{ "name": "Size", "value": "M" }`. */
export const variantOptionSchema = strictObject({
  name: z.string().min(1),
  value: z.string().min(1),
});

/**
 * A product variant (PrestaShop combination, WooCommerce variation, Shopify variant), first
 * class: its own platform id, SKU, barcode and stock, so an order line can name it exactly.
 */
export const variantSchema = z.object({
  id: idSchema.optional().meta({ label: 'Variant id', key: true }),
  productId: idSchema.optional().meta({ label: 'Product id', key: true }),
  /** The parent's SKU: how the ERP groups simple items into one product ("master reference"). */
  productReference: referenceSchema.optional().meta({ label: 'Product reference', key: true }),
  /** The variant's SKU; optional on read because shops hold variants without one. */
  reference: referenceSchema.optional().meta({ label: 'SKU', key: true }),
  shopId: idSchema.optional().meta({ label: 'Shop', key: true }),
  barcode: z.string().min(1).optional().meta({ label: 'Barcode', updateToggle: 'products.update.barcode' }),
  ean13: z
    .string()
    .regex(/^\d{8,13}$/, 'Expected an EAN of 8 to 13 digits')
    .optional()
    .meta({ label: 'EAN-13', updateToggle: 'products.update.barcode' }),
  upc: z
    .string()
    .regex(/^\d{6,12}$/, 'Expected a UPC of 6 to 12 digits')
    .optional()
    .meta({ label: 'UPC', updateToggle: 'products.update.barcode' }),
  isbn: z
    .string()
    .regex(/^[\dX-]{10,17}$/, 'Expected an ISBN-10 or ISBN-13')
    .optional()
    .meta({ label: 'ISBN', updateToggle: 'products.update.barcode' }),
  mpn: z.string().min(1).optional().meta({ label: 'MPN', updateToggle: 'products.update.barcode' }),
  options: z.array(variantOptionSchema).min(1).meta({ label: 'Options', updateToggle: 'products.update.attributes' }),
  /** Added to the product's price (PrestaShop); may be negative. */
  priceImpact: decimalString.optional().meta({ label: 'Price impact', updateToggle: 'products.update.price' }),
  /** The variant's own price excl. tax (WooCommerce, Shopify). */
  price: nonNegativeDecimal.optional().meta({ label: 'Price', updateToggle: 'products.update.price' }),
  wholesalePrice: nonNegativeDecimal
    .optional()
    .meta({ label: 'Wholesale price', updateToggle: 'products.update.price' }),
  /** Added to the product's weight, in the product's weight unit; may be negative. */
  weightImpact: decimalString.optional().meta({ label: 'Weight impact', updateToggle: 'products.update.weight' }),
  quantity: z.int().optional().meta({ label: 'Quantity', updateToggle: 'products.update.quantity' }),
  isDefault: z.boolean().optional().meta({ label: 'Default variant', createOnly: true }),
  images: z.array(imageSchema).optional().meta({ label: 'Images', updateToggle: 'products.update.images' }),
  active: z.boolean().optional().meta({ label: 'Active', createOnly: true }),
  sourceUpdatedAt: isoDateTimeSchema.optional().meta({ label: 'Updated on the platform', readOnly: true }),
  raw: z.unknown().optional().meta({ label: 'Raw platform payload', readOnly: true }),
});

/**
 * A variant as the ERP sends it: keyed by its SKU, platform ids left out, unknown fields refused.
 * `price` and `priceImpact` are exclusive here: sending both would leave the shop to guess.
 */
export const variantWriteSchema = strictObject({
  ...variantSchema.omit({ id: true, productId: true, shopId: true, raw: true }).shape,
  reference: referenceSchema.meta({ label: 'SKU', key: true }),
}).refine((variant) => variant.price === undefined || variant.priceImpact === undefined, {
  error: 'Send either price or priceImpact, not both',
  path: ['priceImpact'],
});

export type Variant = z.infer<typeof variantSchema>;
export type VariantWrite = z.infer<typeof variantWriteSchema>;
export type VariantOption = z.infer<typeof variantOptionSchema>;
