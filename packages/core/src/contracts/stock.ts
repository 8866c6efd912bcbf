import { z } from 'zod';
import { idSchema, isoDateTimeSchema, referenceSchema } from './common.js';
import { strictObject } from './strict-object.js';

/**
 * What a quantity counts: `available` is what can still be sold (on hand minus reserved),
 * `onHand` is what is physically there. ERPs that sent on-hand as available oversold
 * (lessons §11), so a stock level always says which one it is.
 */
export const quantityTypes = ['available', 'onHand'] as const;

/** The absolute stock of one SKU at one location, as of an instant. */
export const stockLevelSchema = z.object({
  id: idSchema.optional().meta({ label: 'Stock record id', key: true }),
  /** The SKU; optional on read because shops hold items without one. */
  reference: referenceSchema.optional().meta({ label: 'SKU', key: true }),
  productId: idSchema.optional().meta({ label: 'Product id', key: true }),
  variantId: idSchema.optional().meta({ label: 'Variant id', key: true }),
  shopId: idSchema.optional().meta({ label: 'Shop', key: true }),
  /** Warehouse or location id; absent for a shop with one stock. */
  location: idSchema.optional().meta({ label: 'Location', key: true }),
  /** May be negative: a shop that sells on backorder reads below zero. */
  quantity: z.int().meta({ label: 'Quantity', updateToggle: 'products.update.quantity' }),
  quantityType: z.enum(quantityTypes).meta({ label: 'Quantity counts', readOnly: true }),
  tracked: z.boolean().meta({ label: 'Stock tracked', readOnly: true }),
  asOf: isoDateTimeSchema.meta({ label: 'As of', readOnly: true }),
  sourceUpdatedAt: isoDateTimeSchema.optional().meta({ label: 'Updated on the platform', readOnly: true }),
  raw: z.unknown().optional().meta({ label: 'Raw platform payload', readOnly: true }),
});

/**
 * `PUT /stock` item: `{ reference, quantity, location?, asOf? }`, absolute. A negative quantity
 * is accepted here: the stock policy rule decides whether it is sent as is or as 0.
 */
export const stockWriteSchema = strictObject({
  reference: referenceSchema.meta({ label: 'SKU', key: true }),
  quantity: stockLevelSchema.shape.quantity,
  location: stockLevelSchema.shape.location,
  asOf: isoDateTimeSchema.optional().meta({ label: 'As of', readOnly: true }),
});

export type StockLevel = z.infer<typeof stockLevelSchema>;
export type StockWrite = z.infer<typeof stockWriteSchema>;
export type QuantityType = (typeof quantityTypes)[number];
