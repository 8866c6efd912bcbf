import { z } from 'zod';
import {
  currencyCodeSchema,
  idSchema,
  isoDateTimeSchema,
  localizedTextSchema,
  nonNegativeDecimal,
  referenceSchema,
  requiredLocalizedTextSchema,
  urlSchema,
} from './common.js';
import { imageSchema } from './image.js';
import { specificPriceSchema } from './price.js';
import { strictObject } from './strict-object.js';
import { variantSchema, variantWriteSchema } from './variant.js';

export const weightUnits = ['kg', 'g', 'lb', 'oz'] as const;
export const dimensionUnits = ['mm', 'cm', 'm', 'in'] as const;
export const productVisibilities = ['visible', 'catalog', 'search', 'hidden'] as const;
export const productConditions = ['new', 'used', 'refurbished'] as const;
export const relatedProductTypes = ['upsell', 'cross-sell', 'related'] as const;

export const weightSchema = strictObject({
  value: nonNegativeDecimal,
  unit: z.enum(weightUnits),
});

export const supplierSchema = strictObject({
  name: z.string().min(1),
  /** The supplier's own reference for the product. */
  reference: z.string().min(1).optional(),
});

/** An attached file (PrestaShop "Documents joints": manuals, data sheets). */
export const productDocumentSchema = strictObject({
  url: urlSchema,
  name: z.string().min(1),
});

/** A characteristic shown on the product page (PrestaShop feature, Woo attribute, Shopify text metafield). */
export const productFeatureSchema = strictObject({
  name: z.string().min(1),
  value: z.string(),
});

export const relatedProductSchema = strictObject({
  reference: referenceSchema,
  type: z.enum(relatedProductTypes),
});

export const packItemSchema = strictObject({
  reference: referenceSchema,
  quantity: z.int().min(1),
});

/**
 * A catalog product. Every field names what governs it on update (`updateToggle`), or says it
 * is only written at creation, only read, or a key. Variants and specific prices are lists of
 * their own contracts, whose fields carry their own governance.
 */
export const productSchema = z.object({
  id: idSchema.optional().meta({ label: 'Product id', key: true }),
  /** The SKU; optional on read because shops hold products without one, required on write. */
  reference: referenceSchema.optional().meta({ label: 'Reference (SKU)', key: true }),
  shopId: idSchema.optional().meta({ label: 'Shop', key: true }),
  name: requiredLocalizedTextSchema.meta({ label: 'Name', updateToggle: 'products.update.name' }),
  shortDescription: localizedTextSchema
    .optional()
    .meta({ label: 'Short description', updateToggle: 'products.update.shortDescription' }),
  description: localizedTextSchema
    .optional()
    .meta({ label: 'Description', updateToggle: 'products.update.description' }),
  metaTitle: localizedTextSchema.optional().meta({ label: 'Meta title', updateToggle: 'products.update.seo' }),
  metaDescription: localizedTextSchema
    .optional()
    .meta({ label: 'Meta description', updateToggle: 'products.update.seo' }),
  metaKeywords: localizedTextSchema.optional().meta({ label: 'Meta keywords', updateToggle: 'products.update.seo' }),
  slug: localizedTextSchema.optional().meta({ label: 'URL slug', updateToggle: 'products.update.slug' }),
  /** Base price excl. tax. */
  price: nonNegativeDecimal.optional().meta({ label: 'Price excl. tax', updateToggle: 'products.update.price' }),
  wholesalePrice: nonNegativeDecimal
    .optional()
    .meta({ label: 'Wholesale price', updateToggle: 'products.update.price' }),
  currency: currencyCodeSchema.optional().meta({ label: 'Currency', updateToggle: 'products.update.price' }),
  /** Percent: `"20"` is 20 %. */
  taxRate: nonNegativeDecimal.optional().meta({ label: 'Tax rate', updateToggle: 'products.update.tax' }),
  /** The platform's tax class / rules group name or id (PrestaShop `id_tax_rules_group`, Woo `tax_class`). */
  taxClass: z.string().optional().meta({ label: 'Tax class', updateToggle: 'products.update.tax' }),
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
  weight: weightSchema.optional().meta({ label: 'Weight', updateToggle: 'products.update.weight' }),
  width: nonNegativeDecimal.optional().meta({ label: 'Width', updateToggle: 'products.update.dimensions' }),
  height: nonNegativeDecimal.optional().meta({ label: 'Height', updateToggle: 'products.update.dimensions' }),
  depth: nonNegativeDecimal.optional().meta({ label: 'Depth', updateToggle: 'products.update.dimensions' }),
  dimensionUnit: z
    .enum(dimensionUnits)
    .optional()
    .meta({ label: 'Dimension unit', updateToggle: 'products.update.dimensions' }),
  manufacturer: z
    .string()
    .min(1)
    .optional()
    .meta({ label: 'Manufacturer / brand', updateToggle: 'products.update.manufacturer' }),
  supplier: supplierSchema.optional().meta({ label: 'Main supplier', updateToggle: 'products.update.supplier' }),
  images: z.array(imageSchema).optional().meta({ label: 'Images', updateToggle: 'products.update.images' }),
  documents: z
    .array(productDocumentSchema)
    .optional()
    .meta({ label: 'Documents', updateToggle: 'products.update.documents' }),
  features: z
    .array(productFeatureSchema)
    .optional()
    .meta({ label: 'Features', updateToggle: 'products.update.features' }),
  /** A category key: its name or its id, as `categories.extraCategories.findBy` says. */
  defaultCategory: z
    .string()
    .min(1)
    .optional()
    .meta({ label: 'Default category', updateToggle: 'products.update.category' }),
  /** Extra categories, as keys like `defaultCategory`. */
  categories: z
    .array(z.string().min(1))
    .optional()
    .meta({ label: 'Categories', updateToggle: 'products.update.category' }),
  relatedProducts: z
    .array(relatedProductSchema)
    .optional()
    .meta({ label: 'Related products', updateToggle: 'products.update.relatedProducts' }),
  /** Stock inline, for platforms that hold one quantity per product; may be negative on read. */
  quantity: z.int().optional().meta({ label: 'Quantity', updateToggle: 'products.update.quantity' }),
  tracksStock: z.boolean().optional().meta({ label: 'Stock tracked', updateToggle: 'products.update.quantity' }),
  /** Changed after creation only through `POST /products/activation`. */
  active: z.boolean().optional().meta({ label: 'Active', createOnly: true }),
  visibility: z.enum(productVisibilities).optional().meta({ label: 'Visibility', createOnly: true }),
  condition: z.enum(productConditions).optional().meta({ label: 'Condition', createOnly: true }),
  isPack: z.boolean().optional().meta({ label: 'Is a pack', createOnly: true }),
  packItems: z.array(packItemSchema).optional().meta({ label: 'Pack items', createOnly: true }),
  variants: z.array(variantSchema).optional().meta({ label: 'Variants', updateToggle: 'products.update.attributes' }),
  specificPrices: z
    .array(specificPriceSchema)
    .optional()
    .meta({ label: 'Specific prices', updateToggle: 'products.update.specificPrices' }),
  sourceUpdatedAt: isoDateTimeSchema.optional().meta({ label: 'Updated on the platform', readOnly: true }),
  raw: z.unknown().optional().meta({ label: 'Raw platform payload', readOnly: true }),
});

/**
 * `PUT /products` item: keyed by `reference`, platform ids left out, unknown fields refused.
 * `sourceUpdatedAt` stays: it dates the write for the stale-write guard.
 */
export const productWriteSchema = strictObject({
  ...productSchema.omit({ id: true, shopId: true, raw: true }).shape,
  reference: referenceSchema.meta({ label: 'Reference (SKU)', key: true }),
  variants: z
    .array(variantWriteSchema)
    .optional()
    .meta({ label: 'Variants', updateToggle: 'products.update.attributes' }),
});

export type Product = z.infer<typeof productSchema>;
export type Weight = z.infer<typeof weightSchema>;
export type ProductFeature = z.infer<typeof productFeatureSchema>;
export type RelatedProduct = z.infer<typeof relatedProductSchema>;
export type PackItem = z.infer<typeof packItemSchema>;
