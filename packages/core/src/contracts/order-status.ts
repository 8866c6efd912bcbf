import { z } from 'zod';
import { orderStatuses } from '../settings/order-statuses.js';
import { idSchema, isoDateTimeSchema } from './common.js';
import { strictObject } from './strict-object.js';

/**
 * The contract's order statuses: a closed set plus `unknown`; each bridge maps its platform's
 * states onto them both ways. The list lives in `settings/order-statuses.ts` (settings must load
 * without the contracts) and is re-exported here: one list, and one binding for both barrels.
 */
export { orderStatuses };

export type OrderStatus = (typeof orderStatuses)[number];

/** What an ERP may set: every status but `unknown`, which only describes what could not be mapped. */
export const writableOrderStatuses = orderStatuses.filter(
  (status): status is Exclude<OrderStatus, 'unknown'> => status !== 'unknown',
);

export type WritableOrderStatus = Exclude<OrderStatus, 'unknown'>;

export const orderStatusValueSchema = z.enum(orderStatuses);

const rawStatusSchema = z
  .string({
    error: (issue) =>
      issue.input === undefined ? 'rawStatus is required: the platform state the status came from' : undefined,
  })
  .min(1, 'rawStatus is required: the platform state the status came from');

/**
 * A status always travels with the platform's own state (`wc-processing`, PrestaShop state id
 * and name), so a cloud can map a custom state the bridge left as `unknown`.
 */
export const orderStatusSchema = z.object({
  status: orderStatusValueSchema,
  rawStatus: rawStatusSchema,
});

export const statusHistoryEntrySchema = z.object({
  status: orderStatusValueSchema,
  rawStatus: rawStatusSchema,
  at: isoDateTimeSchema,
});

/** `POST /orders/status` item. */
export const orderStatusWriteSchema = strictObject({
  id: idSchema.meta({ label: 'Order id', key: true }),
  status: z.enum(writableOrderStatuses).meta({ label: 'Status' }),
  trackingNumber: z.string().min(1).optional().meta({ label: 'Tracking number' }),
  /** Carrier name or id, as the shop knows it. */
  carrier: z.string().min(1).optional().meta({ label: 'Carrier' }),
  /** The ERP document number (order, delivery note, invoice) that caused the change. */
  documentNumber: z.string().min(1).optional().meta({ label: 'ERP document number' }),
  notifyCustomer: z.boolean().optional().meta({ label: 'Notify the customer' }),
  at: isoDateTimeSchema.optional().meta({ label: 'Changed at' }),
});

export type OrderStatusState = z.infer<typeof orderStatusSchema>;
export type StatusHistoryEntry = z.infer<typeof statusHistoryEntrySchema>;
