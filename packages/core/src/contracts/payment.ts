import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './common.js';
import { moneySchema } from './money.js';

export const paymentStatuses = ['pending', 'completed', 'failed', 'refunded', 'unknown'] as const;

/** A payment recorded against an order (PrestaShop `order_payment`, Woo transaction, Shopify transaction). */
export const paymentSchema = z.object({
  id: idSchema.meta({ label: 'Payment id', key: true }),
  orderId: idSchema.meta({ label: 'Order id', key: true }),
  shopId: idSchema.optional().meta({ label: 'Shop', key: true }),
  /** Technical module name (`ps_wirepayment`, `stripe`, `shopify_payments`): what the ERP maps to a payment mode. */
  module: z.string().min(1).meta({ label: 'Payment module', readOnly: true }),
  /** The name the customer saw (`Bank wire`, `Credit card`). */
  name: z.string().meta({ label: 'Payment method', readOnly: true }),
  amount: moneySchema.meta({ label: 'Amount', readOnly: true }),
  transactionId: z.string().min(1).optional().meta({ label: 'Transaction id', readOnly: true }),
  paidAt: isoDateTimeSchema.meta({ label: 'Paid at', readOnly: true }),
  status: z.enum(paymentStatuses).meta({ label: 'Status', readOnly: true }),
  /** The platform's own payment state, when it has one. */
  rawStatus: z.string().min(1).optional().meta({ label: 'Platform status', readOnly: true }),
  sourceUpdatedAt: isoDateTimeSchema.optional().meta({ label: 'Updated on the platform', readOnly: true }),
  raw: z.unknown().optional().meta({ label: 'Raw platform payload', readOnly: true }),
});

export type Payment = z.infer<typeof paymentSchema>;
export type PaymentStatus = (typeof paymentStatuses)[number];
