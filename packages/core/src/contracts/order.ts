import { z } from 'zod';
import { addressSchema } from './address.js';
import { carrierSchema } from './carrier.js';
import {
  currencyCodeSchema,
  decimalString,
  emailSchema,
  idSchema,
  isoDateTimeSchema,
  languageCodeSchema,
  nonNegativeDecimal,
  referenceSchema,
} from './common.js';
import { orderLineSchema } from './order-line.js';
import { orderStatusSchema, statusHistoryEntrySchema } from './order-status.js';
import { paymentSchema } from './payment.js';
import { taxLineSchema } from './tax-line.js';

export const orderCustomerSchema = z.object({
  id: idSchema.optional(),
  /** The ERP customer code when the shop holds one. */
  reference: referenceSchema.optional(),
  email: emailSchema,
  firstName: z.string(),
  lastName: z.string(),
  company: z.string().optional(),
  isGuest: z.boolean(),
});

/** Where (part of) the order goes. Several when the shop ships one order to several addresses. */
export const shippingDestinationSchema = z.object({
  address: addressSchema,
  /** The order lines sent there; absent: all of them. */
  lineIds: z.array(idSchema).optional(),
  carrier: carrierSchema.optional(),
  /** The shipping method as the customer chose it (`Colissimo relay`, Woo `flat_rate:3`). */
  shippingMethod: z.string().min(1).optional(),
});

export const shippingChargeSchema = z.object({
  name: z.string().min(1),
  carrier: carrierSchema.optional(),
  totalExcl: decimalString,
  totalIncl: decimalString,
  taxLines: z.array(taxLineSchema),
});

export const wrappingSchema = z.object({
  totalExcl: decimalString,
  totalIncl: decimalString,
  taxLines: z.array(taxLineSchema),
});

export const orderDiscountSchema = z.object({
  name: z.string().min(1),
  /** The voucher / coupon code the customer typed. */
  code: z.string().min(1).optional(),
  /** Positive: what the discount took off the order. */
  totalExcl: decimalString,
  totalIncl: decimalString,
});

/** The shop's own totals. Discounts are positive amounts that were taken off. */
export const orderTotalsSchema = z.object({
  productsExcl: decimalString,
  productsIncl: decimalString,
  shippingExcl: decimalString,
  shippingIncl: decimalString,
  discountsExcl: decimalString,
  discountsIncl: decimalString,
  wrappingExcl: decimalString,
  wrappingIncl: decimalString,
  taxTotal: decimalString,
  totalExcl: decimalString,
  totalIncl: decimalString,
  /** What the customer paid so far. */
  paid: decimalString,
});

export const messageAuthors = ['customer', 'employee', 'system'] as const;

export const orderMessageSchema = z.object({
  author: z.enum(messageAuthors),
  /** Private messages are employee notes the customer never saw. */
  private: z.boolean(),
  body: z.string(),
  at: isoDateTimeSchema,
});

export const paymentMethodSchema = z.object({
  /** Technical module name (`ps_checkout`, `bacs`, `shopify_payments`): what the ERP maps per currency. */
  module: z.string().min(1),
  name: z.string(),
});

/**
 * An order as the shop holds it, for the ERP. Amounts are the shop's own, never recomputed;
 * `roundingDelta` states what the lines do not add up to (see `computeRoundingDelta`).
 */
export const orderSchema = z.object({
  id: idSchema.meta({ label: 'Order id', key: true }),
  reference: referenceSchema.meta({ label: 'Order reference', key: true }),
  shopId: idSchema.optional().meta({ label: 'Shop', key: true }),
  createdAt: isoDateTimeSchema.meta({ label: 'Ordered at', readOnly: true }),
  updatedAt: isoDateTimeSchema.meta({ label: 'Updated at', readOnly: true }),
  invoiceDate: isoDateTimeSchema.optional().meta({ label: 'Invoice date', readOnly: true }),
  status: orderStatusSchema.meta({ label: 'Status', readOnly: true }),
  statusHistory: z.array(statusHistoryEntrySchema).meta({ label: 'Status history', readOnly: true }),
  customer: orderCustomerSchema.meta({ label: 'Customer', readOnly: true }),
  /** Ordered without an account; rules may put such orders on the guest account. */
  guest: z.boolean().meta({ label: 'Guest order', readOnly: true }),
  billingAddress: addressSchema.meta({ label: 'Billing address', readOnly: true }),
  shippingDestinations: z
    .array(shippingDestinationSchema)
    .min(1)
    .meta({ label: 'Shipping destinations', readOnly: true }),
  lines: z.array(orderLineSchema).min(1).meta({ label: 'Lines', readOnly: true }),
  shipping: z.array(shippingChargeSchema).meta({ label: 'Shipping', readOnly: true }),
  wrapping: wrappingSchema.nullable().meta({ label: 'Gift wrapping', readOnly: true }),
  discounts: z.array(orderDiscountSchema).meta({ label: 'Discounts', readOnly: true }),
  totals: orderTotalsSchema.meta({ label: 'Totals', readOnly: true }),
  /** Whether the shop entered prices incl. tax (then the excl. amounts are the derived ones). */
  taxInclusive: z.boolean().meta({ label: 'Prices include tax', readOnly: true }),
  currency: currencyCodeSchema.meta({ label: 'Currency', readOnly: true }),
  /** Order currency per shop default currency, as the shop stored it at order time. */
  conversionRate: nonNegativeDecimal.default('1').meta({ label: 'Conversion rate', readOnly: true }),
  roundingDelta: decimalString.meta({ label: 'Rounding delta', readOnly: true }),
  paymentMethod: paymentMethodSchema.meta({ label: 'Payment method', readOnly: true }),
  payments: z.array(paymentSchema).meta({ label: 'Payments', readOnly: true }),
  messages: z.array(orderMessageSchema).meta({ label: 'Messages', readOnly: true }),
  invoiceNumber: z.string().min(1).nullable().meta({ label: 'Invoice number', readOnly: true }),
  /** The ERP's document number once the order was acknowledged or its status updated with one. */
  documentNumber: z.string().min(1).nullable().meta({ label: 'ERP document number', readOnly: true }),
  trackingNumbers: z.array(z.string().min(1)).optional().meta({ label: 'Tracking numbers', readOnly: true }),
  language: languageCodeSchema.optional().meta({ label: 'Language', readOnly: true }),
  /** Set on a day-grouped order (KerAwen / Woo group-by-day): the shop orders merged into it. */
  groupedOrderIds: z.array(idSchema).optional().meta({ label: 'Grouped orders', readOnly: true }),
  sourceUpdatedAt: isoDateTimeSchema.optional().meta({ label: 'Updated on the platform', readOnly: true }),
  raw: z.unknown().optional().meta({ label: 'Raw platform payload', readOnly: true }),
});

export type Order = z.infer<typeof orderSchema>;
export type OrderCustomer = z.infer<typeof orderCustomerSchema>;
export type ShippingDestination = z.infer<typeof shippingDestinationSchema>;
export type ShippingCharge = z.infer<typeof shippingChargeSchema>;
export type OrderDiscount = z.infer<typeof orderDiscountSchema>;
export type OrderTotals = z.infer<typeof orderTotalsSchema>;
export type OrderMessage = z.infer<typeof orderMessageSchema>;
