import { z } from 'zod';
import { currencyCodeSchema, decimalString, idSchema, isoDateTimeSchema, urlSchema } from './common.js';

export const invoiceStatuses = ['draft', 'issued', 'paid', 'partially_paid', 'cancelled', 'unknown'] as const;

/** An invoice of an order; an order may have several (backorders, B2B partial deliveries). */
export const invoiceSchema = z.object({
  id: idSchema.meta({ label: 'Invoice id', key: true }),
  /** The invoice number as printed (`FA2405-0012`, PrestaShop `#IN000123`). */
  number: z.string().min(1).meta({ label: 'Invoice number', key: true }),
  orderId: idSchema.meta({ label: 'Order id', key: true }),
  shopId: idSchema.optional().meta({ label: 'Shop', key: true }),
  date: isoDateTimeSchema.meta({ label: 'Invoice date', readOnly: true }),
  totalExcl: decimalString.meta({ label: 'Total excl. tax', readOnly: true }),
  totalIncl: decimalString.meta({ label: 'Total incl. tax', readOnly: true }),
  currency: currencyCodeSchema.meta({ label: 'Currency', readOnly: true }),
  pdfUrl: urlSchema.optional().meta({ label: 'PDF', readOnly: true }),
  status: z.enum(invoiceStatuses).meta({ label: 'Status', readOnly: true }),
  rawStatus: z.string().min(1).optional().meta({ label: 'Platform status', readOnly: true }),
  sourceUpdatedAt: isoDateTimeSchema.optional().meta({ label: 'Updated on the platform', readOnly: true }),
  raw: z.unknown().optional().meta({ label: 'Raw platform payload', readOnly: true }),
});

export type Invoice = z.infer<typeof invoiceSchema>;
export type InvoiceStatus = (typeof invoiceStatuses)[number];
