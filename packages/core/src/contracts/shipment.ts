import { z } from 'zod';
import { carrierSchema } from './carrier.js';
import { idSchema, isoDateTimeSchema, urlSchema } from './common.js';

export const shipmentLineSchema = z.object({
  lineId: idSchema,
  quantity: z.int().min(1),
});

/** A parcel sent for an order (Shopify fulfillment, PrestaShop order carrier, Woo shipment tracking). */
export const shipmentSchema = z.object({
  id: idSchema.meta({ label: 'Shipment id', key: true }),
  orderId: idSchema.meta({ label: 'Order id', key: true }),
  shopId: idSchema.optional().meta({ label: 'Shop', key: true }),
  carrier: carrierSchema.meta({ label: 'Carrier', readOnly: true }),
  trackingNumber: z.string().min(1).meta({ label: 'Tracking number', readOnly: true }),
  trackingUrl: urlSchema.optional().meta({ label: 'Tracking URL', readOnly: true }),
  shippedAt: isoDateTimeSchema.meta({ label: 'Shipped at', readOnly: true }),
  /** Which order lines, and how many of each, the parcel holds; absent: the whole order. */
  lines: z.array(shipmentLineSchema).optional().meta({ label: 'Lines', readOnly: true }),
  sourceUpdatedAt: isoDateTimeSchema.optional().meta({ label: 'Updated on the platform', readOnly: true }),
  raw: z.unknown().optional().meta({ label: 'Raw platform payload', readOnly: true }),
});

export type Shipment = z.infer<typeof shipmentSchema>;
export type ShipmentLine = z.infer<typeof shipmentLineSchema>;
