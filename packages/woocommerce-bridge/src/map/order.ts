import {
  addDecimals,
  compareDecimals,
  computeRoundingDelta,
  emailSchema,
  type Order,
  type OrderDiscount,
  type OrderLine,
  type OrderMessage,
  type Payment,
  type ShippingCharge,
  type StatusHistoryEntry,
  subtractDecimals,
  sumDecimals,
  type TaxLine,
} from '@passerelle/core';
import type { WooOrder, WooOrderNote, WooRefund } from '../woo.types.js';
import { hasAddress, toAddress } from './address.js';
import { decodeEntities } from './category.js';
import { fromWooGmt } from './dates.js';
import { divideDecimal, wooAmount, wooDecimal } from './decimal-math.js';
import type { MapContext } from './map-context.js';
import { META, metaText, metaValue } from './meta.js';
import { toOrderStatus } from './order-status.js';

/** What the order payload does not embed: its notes and the details of its refunds (dates). */
export interface OrderExtras {
  notes?: readonly WooOrderNote[];
  refunds?: readonly WooRefund[];
}

function rateOf(order: WooOrder, rateId: number, context: MapContext): { name: string; rate: string } {
  const line = order.tax_lines.find((tax) => tax.rate_id === rateId);
  const fromOrder =
    line?.rate_percent !== undefined && Number.isFinite(line.rate_percent) ? String(line.rate_percent) : undefined;
  const fromShop = wooDecimal(context.taxRates?.get(rateId)?.rate);
  const name = line?.label || line?.rate_code || context.taxRates?.get(rateId)?.name || `Tax ${rateId}`;
  // An unknown rate (deleted since) reads as 0 rather than a guess; the amount stays the shop's own.
  return { name, rate: fromOrder ?? fromShop ?? '0' };
}

function taxLines(
  order: WooOrder,
  taxes: readonly { id: number; total: string; subtotal?: string }[],
  use: 'total' | 'subtotal',
  context: MapContext,
): TaxLine[] {
  return taxes
    .map((tax) => ({ tax, amount: wooDecimal(use === 'subtotal' ? (tax.subtotal ?? tax.total) : tax.total) }))
    .filter((entry): entry is { tax: (typeof taxes)[number]; amount: string } => entry.amount !== undefined)
    .map(({ tax, amount }) => ({ ...rateOf(order, tax.id, context), amount }));
}

/**
 * Product lines carry WooCommerce's subtotals (before coupons), so coupons travel once, as order
 * discounts, and lines + shipping + fees − discounts = the order total up to WooCommerce's rounding.
 */
function productLines(order: WooOrder, context: MapContext): OrderLine[] {
  return order.line_items.map((item) => {
    const quantity = Math.max(1, Math.abs(item.quantity));
    const subtotal = wooAmount(item.subtotal);
    const subtotalIncl = addDecimals(subtotal, wooAmount(item.subtotal_tax));
    return {
      id: String(item.id),
      productId: item.product_id ? String(item.product_id) : null,
      variantId: item.variation_id ? String(item.variation_id) : null,
      reference: item.sku ? item.sku : null,
      name: decodeEntities(item.name) || `Item ${item.id}`,
      quantity,
      unitPriceExcl: divideDecimal(subtotal, quantity),
      unitPriceIncl: divideDecimal(subtotalIncl, quantity),
      taxLines: taxLines(order, item.taxes, 'subtotal', context),
      discounts: [],
      totalExcl: subtotal,
      totalIncl: subtotalIncl,
    };
  });
}

function feeLines(order: WooOrder, context: MapContext): OrderLine[] {
  return order.fee_lines.map((fee) => {
    const total = wooAmount(fee.total);
    const totalIncl = addDecimals(total, wooAmount(fee.total_tax));
    return {
      id: String(fee.id),
      kind: 'fee' as const,
      productId: null,
      variantId: null,
      reference: null,
      name: decodeEntities(fee.name) || 'Fee',
      quantity: 1,
      unitPriceExcl: total,
      unitPriceIncl: totalIncl,
      taxLines: taxLines(order, fee.taxes, 'total', context),
      discounts: [],
      totalExcl: total,
      totalIncl,
    };
  });
}

function shippingCharges(order: WooOrder, context: MapContext): ShippingCharge[] {
  return order.shipping_lines.map((line) => {
    const name = decodeEntities(line.method_title) || line.method_id || 'Shipping';
    const total = wooAmount(line.total);
    return {
      name,
      carrier: { ...(line.method_id ? { id: line.method_id } : {}), name },
      totalExcl: total,
      totalIncl: addDecimals(total, wooAmount(line.total_tax)),
      taxLines: taxLines(order, line.taxes, 'total', context),
    };
  });
}

/** One discount per coupon, plus what the lines were discounted beyond the coupons (manual edits). */
function discounts(order: WooOrder): OrderDiscount[] {
  const out: OrderDiscount[] = order.coupon_lines.map((coupon) => {
    const excl = wooAmount(coupon.discount);
    return {
      name: coupon.code || 'Coupon',
      ...(coupon.code ? { code: coupon.code } : {}),
      totalExcl: excl,
      totalIncl: addDecimals(excl, wooAmount(coupon.discount_tax)),
    };
  });
  const restExcl = subtractDecimals(wooAmount(order.discount_total), sumDecimals(out.map((entry) => entry.totalExcl)));
  const restTax = subtractDecimals(
    wooAmount(order.discount_tax),
    sumDecimals(out.map((entry) => subtractDecimals(entry.totalIncl, entry.totalExcl))),
  );
  if (compareDecimals(restExcl, '0') > 0)
    out.push({ name: 'Discount', totalExcl: restExcl, totalIncl: addDecimals(restExcl, restTax) });
  return out;
}

const STATUS_CHANGE = /(?:from|de)\s+(.+?)\s+(?:to|à|a|en)\s+(.+?)\.?\s*$/i;

/** Status changes WooCommerce logged as system notes ("Order status changed from Pending payment to Processing."). */
function statusHistory(
  order: WooOrder,
  notes: readonly WooOrderNote[],
  context: MapContext,
  createdAt: string,
): StatusHistoryEntry[] {
  const custom = context.platform.orderStatusMap;
  const entries: StatusHistoryEntry[] = [];
  for (const note of notes) {
    const match = STATUS_CHANGE.exec(note.note.replace(/<[^>]+>/g, ''));
    const label = match?.[2]?.trim().toLowerCase();
    const slug = label ? context.statusSlugByName?.get(label) : undefined;
    const at = fromWooGmt(note.date_created_gmt);
    if (!slug || !at) continue;
    entries.push({ ...toOrderStatus(slug, custom), at });
  }
  entries.sort((a, b) => a.at.localeCompare(b.at));
  if (entries.length === 0) entries.push({ ...toOrderStatus(order.status, custom), at: createdAt });
  return entries;
}

function messages(order: WooOrder, notes: readonly WooOrderNote[], createdAt: string): OrderMessage[] {
  const out: OrderMessage[] = [];
  if (order.customer_note?.trim())
    out.push({ author: 'customer', private: false, body: order.customer_note, at: createdAt });
  for (const note of [...notes].sort((a, b) => a.date_created_gmt.localeCompare(b.date_created_gmt))) {
    const at = fromWooGmt(note.date_created_gmt);
    if (!at) continue;
    // Notes "to customer" were e-mailed to them; the others are private to the shop.
    out.push({
      author: note.author === 'system' ? 'system' : 'employee',
      private: !note.customer_note,
      body: note.note,
      at,
    });
  }
  return out;
}

function trackingNumbers(order: WooOrder): string[] {
  const out: string[] = [];
  const own = metaValue(order.meta_data, META.trackingNumbers);
  const list = Array.isArray(own) ? own : typeof own === 'string' ? own.split(',') : [];
  for (const value of list) if (typeof value === 'string' && value.trim()) out.push(value.trim());
  const extension = metaValue(order.meta_data, META.shipmentTracking);
  if (Array.isArray(extension)) {
    for (const item of extension) {
      const number = (item as { tracking_number?: unknown })?.tracking_number;
      if (typeof number === 'string' && number.trim() && !out.includes(number.trim())) out.push(number.trim());
    }
  }
  return out;
}

function payments(order: WooOrder, extras: OrderExtras, context: MapContext, updatedAt: string): Payment[] {
  const out: Payment[] = [];
  const module = order.payment_method || 'none';
  const paidAt = fromWooGmt(order.date_paid_gmt);
  if (paidAt) {
    out.push({
      id: `order-${order.id}`,
      orderId: String(order.id),
      module,
      name: order.payment_method_title,
      amount: { amount: wooAmount(order.total), currency: order.currency },
      ...(order.transaction_id ? { transactionId: order.transaction_id } : {}),
      paidAt,
      status: 'completed',
      rawStatus: order.status,
      ...(context.shopId ? { shopId: context.shopId } : {}),
    });
  }
  for (const refund of order.refunds ?? []) {
    const detail = extras.refunds?.find((entry) => entry.id === refund.id);
    const amount = wooAmount(detail?.amount ?? refund.total.replace(/^-/, ''));
    out.push({
      id: `refund-${refund.id}`,
      orderId: String(order.id),
      module,
      name: order.payment_method_title,
      amount: { amount: amount.startsWith('-') ? amount : `-${amount}`, currency: order.currency },
      paidAt: fromWooGmt(detail?.date_created_gmt) ?? updatedAt,
      status: 'refunded',
      rawStatus: 'refund',
      ...(context.shopId ? { shopId: context.shopId } : {}),
    });
  }
  return out;
}

/**
 * A WooCommerce order with the shop's own numbers, never recomputed: unit prices are the line subtotal
 * divided by the quantity (WooCommerce stores no unit price string), tax lines come from each line's
 * `taxes` with their rates, and `roundingDelta` says what the parts do not add up to. A guest order has
 * `customer_id` 0. The ERP document number and tracking numbers are the bridge's order meta.
 */
export function toOrder(order: WooOrder, extras: OrderExtras, context: MapContext): Order {
  const createdAt = fromWooGmt(order.date_created_gmt) ?? context.now().toISOString();
  const updatedAt = fromWooGmt(order.date_modified_gmt) ?? createdAt;
  const { baseCountry } = context.facts;
  const billing = toAddress(order.billing, 'billing', baseCountry);
  const shippingAddress = hasAddress(order.shipping)
    ? toAddress(order.shipping, 'shipping', baseCountry)
    : { ...billing, type: 'shipping' as const };
  const lines = [...productLines(order, context), ...feeLines(order, context)];
  if (lines.length === 0) {
    // An order saved without items (a manual draft) still travels, with its total in the rounding delta.
    lines.push({
      id: `${order.id}-empty`,
      kind: 'fee',
      productId: null,
      variantId: null,
      reference: null,
      name: '(no items)',
      quantity: 1,
      unitPriceExcl: '0',
      unitPriceIncl: '0',
      taxLines: [],
      discounts: [],
      totalExcl: '0',
      totalIncl: '0',
    });
  }
  const shipping = shippingCharges(order, context);
  const orderDiscounts = discounts(order);
  const total = wooAmount(order.total);
  const totalTax = wooAmount(order.total_tax);
  const productItems = lines.filter((line) => line.kind !== 'fee');
  const totals = {
    productsExcl: sumDecimals(productItems.map((line) => line.totalExcl)),
    productsIncl: sumDecimals(productItems.map((line) => line.totalIncl)),
    shippingExcl: wooAmount(order.shipping_total),
    shippingIncl: addDecimals(wooAmount(order.shipping_total), wooAmount(order.shipping_tax)),
    discountsExcl: wooAmount(order.discount_total),
    discountsIncl: addDecimals(wooAmount(order.discount_total), wooAmount(order.discount_tax)),
    wrappingExcl: '0',
    wrappingIncl: '0',
    taxTotal: totalTax,
    totalExcl: subtractDecimals(total, totalTax),
    totalIncl: total,
    paid: order.date_paid_gmt ? total : '0',
  };
  const email = emailSchema.safeParse(order.billing.email).success
    ? (order.billing.email as string)
    : `order-${order.id}@no-email.invalid`;
  const firstShipping = order.shipping_lines[0];
  const notes = extras.notes ?? [];
  const tracking = trackingNumbers(order);
  const out: Order = {
    id: String(order.id),
    reference: order.number || String(order.id),
    createdAt,
    updatedAt,
    status: toOrderStatus(order.status, context.platform.orderStatusMap),
    statusHistory: statusHistory(order, notes, context, createdAt),
    customer: {
      ...(order.customer_id ? { id: String(order.customer_id) } : {}),
      email,
      firstName: order.billing.first_name ?? '',
      lastName: order.billing.last_name ?? '',
      ...(order.billing.company ? { company: order.billing.company } : {}),
      isGuest: order.customer_id === 0,
    },
    guest: order.customer_id === 0,
    billingAddress: billing,
    shippingDestinations: [
      {
        address: shippingAddress,
        ...(firstShipping
          ? {
              carrier: {
                ...(firstShipping.method_id ? { id: firstShipping.method_id } : {}),
                name: decodeEntities(firstShipping.method_title) || firstShipping.method_id || 'Shipping',
              },
              shippingMethod: firstShipping.instance_id
                ? `${firstShipping.method_id}:${firstShipping.instance_id}`
                : firstShipping.method_id || 'shipping',
            }
          : {}),
      },
    ],
    lines,
    shipping,
    wrapping: null,
    discounts: orderDiscounts,
    totals,
    taxInclusive: order.prices_include_tax === true,
    currency: order.currency,
    conversionRate: '1',
    roundingDelta: '0',
    paymentMethod: { module: order.payment_method || 'none', name: order.payment_method_title ?? '' },
    payments: payments(order, extras, context, updatedAt),
    messages: messages(order, notes, createdAt),
    invoiceNumber:
      metaText(order.meta_data, '_wcpdf_invoice_number') ?? metaText(order.meta_data, 'wcpdf_invoice_number') ?? null,
    documentNumber: metaText(order.meta_data, META.documentNumber) ?? null,
    sourceUpdatedAt: updatedAt,
  };
  if (tracking.length) out.trackingNumbers = tracking;
  if (context.shopId) out.shopId = context.shopId;
  out.roundingDelta = computeRoundingDelta(out);
  if (context.includeRaw) out.raw = order;
  return out;
}
