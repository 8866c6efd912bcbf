import type {
  Address,
  Order,
  OrderLine,
  OrderMessage,
  OrderStatus,
  Payment,
  ShippingCharge,
  TaxLine,
} from '@passerelle/core';
import { compareDecimals, computeRoundingDelta, emailSchema, roundDecimal, subtractDecimals } from '@passerelle/core';
import type { PsRow } from '../client.js';
import type { ShopSnapshot, TaxCatalog } from '../shop-context.js';
import { toAddress } from './address.js';
import { statusOfState } from './order-status.js';
import { associationIds } from './product.js';
import {
  decimal,
  money,
  multiplyDecimals,
  optionalText,
  psBool,
  psId,
  psInt,
  psText,
  shiftDecimal,
} from './scalars.js';

/** The private order message the bridge keeps an ERP document number in (the Webservice has no field for it). */
export const DOCUMENT_MESSAGE_PREFIX = 'ERP document number: ';

/** Everything a page of orders was read with. */
export interface OrderReadContext {
  shop: ShopSnapshot;
  taxes: TaxCatalog;
  carriers: Map<string, { id: string; name: string }>;
  orderStates: Record<string, OrderStatus>;
  details: Map<string, PsRow[]>;
  histories: Map<string, PsRow[]>;
  orderCarriers: Map<string, PsRow[]>;
  cartRules: Map<string, PsRow[]>;
  cartRuleCodes: Map<string, string>;
  /** By order reference: split orders share their payments. */
  payments: Map<string, PsRow[]>;
  customers: Map<string, PsRow>;
  customerReferences: Map<string, string>;
  addresses: Map<string, PsRow>;
  messages: Map<string, OrderMessage[]>;
  shopId: string | undefined;
  includeRaw: boolean;
}

/**
 * Tax amounts of one line. With one tax the amount is the line's own (incl. − excl.). The Webservice
 * gives a line's tax ids but not each tax's amount, so with several taxes each one but the last is
 * the base × rate rounded to the cent, and the last takes the rest: the line's total tax is the shop's.
 */
export function splitTax(total: string, base: string, taxes: { name: string; rate: string }[]): TaxLine[] {
  if (taxes.length === 0) return compareDecimals(total, '0') === 0 ? [] : [{ name: 'Tax', rate: '0', amount: total }];
  const [only] = taxes;
  if (taxes.length === 1 && only) return [{ name: only.name, rate: decimal(only.rate), amount: total }];
  const lines: TaxLine[] = [];
  let rest = total;
  taxes.forEach((tax, index) => {
    const amount =
      index === taxes.length - 1 ? rest : roundDecimal(shiftDecimal(multiplyDecimals(base, tax.rate), -2), 2);
    rest = subtractDecimals(rest, amount);
    lines.push({ name: tax.name, rate: decimal(tax.rate), amount: money(amount) });
  });
  return lines;
}

function lineOf(detail: PsRow, context: OrderReadContext): OrderLine {
  const quantity = Math.max(1, psInt(detail.product_quantity));
  const totalExcl = money(detail.total_price_tax_excl);
  const totalIncl = money(detail.total_price_tax_incl);
  let taxes = associationIds(detail, 'taxes').flatMap((id) => {
    const tax = context.taxes.taxes.get(id);
    return tax ? [{ name: tax.name, rate: tax.rate }] : [];
  });
  if (taxes.length === 0 && compareDecimals(totalIncl, totalExcl) !== 0) {
    const rate = context.taxes.groups.get(psText(detail.id_tax_rules_group))?.defaultRate;
    if (rate) taxes = [{ name: context.taxes.groups.get(psText(detail.id_tax_rules_group))?.name ?? 'Tax', rate }];
  }
  const discounts: OrderLine['discounts'] = [];
  const percent = decimal(detail.reduction_percent);
  const unitExcl = decimal(detail.unit_price_tax_excl);
  if (compareDecimals(percent, '0') > 0) {
    const amount = multiplyDecimals(subtractDecimals(decimal(detail.product_price), unitExcl), String(quantity));
    if (compareDecimals(amount, '0') > 0) discounts.push({ name: `Reduction ${percent} %`, amount: money(amount) });
  } else {
    const perUnit = decimal(detail.reduction_amount_tax_excl);
    if (compareDecimals(perUnit, '0') > 0)
      discounts.push({ name: 'Reduction', amount: money(multiplyDecimals(perUnit, String(quantity))) });
  }
  const weight = decimal(detail.product_weight);
  return {
    id: psText(detail.id),
    productId: psId(detail.product_id),
    variantId: psId(detail.product_attribute_id),
    reference: optionalText(detail.product_reference) ?? null,
    name: optionalText(detail.product_name) ?? `Product ${psText(detail.product_id)}`,
    quantity,
    unitPriceExcl: decimal(detail.unit_price_tax_excl, 2),
    unitPriceIncl: decimal(detail.unit_price_tax_incl, 2),
    taxLines: splitTax(subtractDecimals(totalIncl, totalExcl), totalExcl, taxes),
    discounts,
    totalExcl,
    totalIncl,
    ...(weight.startsWith('-') ? {} : { weight }),
  };
}

function addressOf(id: unknown, type: Address['type'], context: OrderReadContext): Address {
  const row = context.addresses.get(psText(id));
  if (row) return toAddress(row, context.shop, type);
  // An address PrestaShop no longer returns; orders keep soft-deleted ones, so this only happens on damaged data.
  return {
    type,
    firstName: '',
    lastName: '',
    address1: '-',
    postcode: '',
    city: '-',
    country: context.shop.countryById.get(context.shop.config.get('PS_COUNTRY_DEFAULT') ?? '')?.code ?? 'FR',
  };
}

function paymentOf(row: PsRow, order: PsRow, context: OrderReadContext): Payment {
  const { shop } = context;
  const paidAt = shop.dates.toIso(row.date_add) ?? shop.dates.toIso(order.date_add) ?? new Date(0).toISOString();
  const payment: Payment = {
    id: psText(row.id),
    orderId: psText(order.id),
    module: optionalText(order.module) ?? 'unknown',
    name: psText(row.payment_method),
    amount: {
      amount: money(row.amount),
      currency: shop.currencyById.get(psText(row.id_currency))?.code ?? shop.defaultCurrency,
    },
    paidAt,
    status: 'completed',
  };
  if (context.shopId) payment.shopId = context.shopId;
  const transaction = optionalText(row.transaction_id);
  if (transaction) payment.transactionId = transaction;
  const updated = shop.dates.toIso(row.date_add);
  if (updated) payment.sourceUpdatedAt = updated;
  if (context.includeRaw) payment.raw = row;
  return payment;
}

export function formatInvoiceNumber(number: unknown, shop: ShopSnapshot): string | null {
  const value = psInt(number);
  return value > 0 ? `${shop.invoicePrefix}${String(value).padStart(6, '0')}` : null;
}

/**
 * An `orders` row and what belongs to it, as the contract's order: the shop's own amounts (never
 * recomputed), the status from `current_state` with its history, payments through `order_reference`.
 */
export function toOrder(row: PsRow, context: OrderReadContext): Order {
  const { shop } = context;
  const id = psText(row.id);
  const reference = optionalText(row.reference) ?? id;
  const stateId = psText(row.current_state);
  const customerRow = context.customers.get(psText(row.id_customer));
  const guest = customerRow ? psBool(customerRow.is_guest) : false;
  const email = emailSchema.safeParse(psText(customerRow?.email).trim());
  const customerId = psText(row.id_customer);
  const carrier = context.carriers.get(psText(row.id_carrier));
  const carrierRef = carrier ? { id: carrier.id, name: carrier.name } : undefined;

  const lines = (context.details.get(id) ?? []).map((detail) => lineOf(detail, context));
  const shippingExcl = money(row.total_shipping_tax_excl);
  const shippingIncl = money(row.total_shipping_tax_incl);
  const shipping: ShippingCharge[] = [];
  if (compareDecimals(shippingIncl, '0') !== 0 || carrier) {
    const tax = subtractDecimals(shippingIncl, shippingExcl);
    shipping.push({
      name: carrier?.name ?? 'Shipping',
      ...(carrierRef ? { carrier: carrierRef } : {}),
      totalExcl: shippingExcl,
      totalIncl: shippingIncl,
      taxLines:
        compareDecimals(tax, '0') === 0
          ? []
          : [{ name: 'Shipping tax', rate: decimal(row.carrier_tax_rate), amount: tax }],
    });
  }
  const wrappingExcl = money(row.total_wrapping_tax_excl);
  const wrappingIncl = money(row.total_wrapping_tax_incl);
  const wrappingTax = subtractDecimals(wrappingIncl, wrappingExcl);
  const wrappingRate =
    context.taxes.groups.get(shop.config.get('PS_GIFT_WRAPPING_TAX_RULES_GROUP') ?? '')?.defaultRate ?? '0';
  const wrapping =
    compareDecimals(wrappingIncl, '0') === 0
      ? null
      : {
          totalExcl: wrappingExcl,
          totalIncl: wrappingIncl,
          taxLines:
            compareDecimals(wrappingTax, '0') === 0
              ? []
              : [{ name: 'Gift wrapping tax', rate: decimal(wrappingRate), amount: wrappingTax }],
        };
  const discounts = (context.cartRules.get(id) ?? []).map((rule) => {
    const code = context.cartRuleCodes.get(psText(rule.id_cart_rule));
    return {
      name: optionalText(rule.name) ?? 'Discount',
      ...(code ? { code } : {}),
      totalExcl: money(rule.value_tax_excl),
      totalIncl: money(rule.value),
    };
  });
  const totalExcl = money(row.total_paid_tax_excl);
  const totalIncl = money(row.total_paid_tax_incl);
  const totals = {
    productsExcl: money(row.total_products),
    productsIncl: money(row.total_products_wt),
    shippingExcl,
    shippingIncl,
    discountsExcl: money(row.total_discounts_tax_excl),
    discountsIncl: money(row.total_discounts_tax_incl),
    wrappingExcl,
    wrappingIncl,
    taxTotal: subtractDecimals(totalIncl, totalExcl),
    totalExcl,
    totalIncl,
    paid: money(row.total_paid_real),
  };
  const histories = [...(context.histories.get(id) ?? [])].sort(
    (a, b) => psText(a.date_add).localeCompare(psText(b.date_add)) || Number(a.id) - Number(b.id),
  );
  const messages = context.messages.get(id) ?? [];
  const documentNumber =
    [...messages]
      .reverse()
      .find((message) => message.private && message.body.startsWith(DOCUMENT_MESSAGE_PREFIX))
      ?.body.slice(DOCUMENT_MESSAGE_PREFIX.length)
      .trim() || null;
  const tracking = [
    ...(context.orderCarriers.get(id) ?? []).map((entry) => optionalText(entry.tracking_number)),
    optionalText(row.shipping_number),
  ].filter((value): value is string => value !== undefined);

  const createdAt = shop.dates.toIso(row.date_add) ?? new Date(0).toISOString();
  const updatedAt = shop.dates.toIso(row.date_upd) ?? createdAt;
  const order: Order = {
    id,
    reference,
    createdAt,
    updatedAt,
    status: { status: statusOfState(stateId, shop, context.orderStates), rawStatus: stateId || '0' },
    statusHistory: histories.map((history) => {
      const historyState = psText(history.id_order_state);
      return {
        status: statusOfState(historyState, shop, context.orderStates),
        rawStatus: historyState || '0',
        at: shop.dates.toIso(history.date_add) ?? createdAt,
      };
    }),
    customer: {
      id: customerId,
      ...(context.customerReferences.has(customerId) ? { reference: context.customerReferences.get(customerId) } : {}),
      email: email.success ? email.data : `customer-${customerId}@unknown.invalid`,
      firstName: psText(customerRow?.firstname),
      lastName: psText(customerRow?.lastname),
      ...(optionalText(customerRow?.company) ? { company: optionalText(customerRow?.company) } : {}),
      isGuest: guest,
    },
    guest,
    billingAddress: addressOf(row.id_address_invoice, 'billing', context),
    shippingDestinations: [
      {
        address: addressOf(row.id_address_delivery, 'shipping', context),
        ...(carrierRef ? { carrier: carrierRef, shippingMethod: carrierRef.name } : {}),
      },
    ],
    lines,
    shipping,
    wrapping,
    discounts,
    totals,
    // PrestaShop stores catalogue prices excl. tax and derives the incl. amounts.
    taxInclusive: false,
    currency: shop.currencyById.get(psText(row.id_currency))?.code ?? shop.defaultCurrency,
    conversionRate: decimal(row.conversion_rate) === '0' ? '1' : decimal(row.conversion_rate),
    roundingDelta: '0',
    paymentMethod: { module: optionalText(row.module) ?? 'unknown', name: psText(row.payment) },
    payments: (context.payments.get(reference) ?? []).map((payment) => paymentOf(payment, row, context)),
    messages,
    invoiceNumber: formatInvoiceNumber(row.invoice_number, shop),
    documentNumber,
    trackingNumbers: [...new Set(tracking)],
  };
  order.roundingDelta = computeRoundingDelta(order);
  if (context.shopId) order.shopId = context.shopId;
  const invoiceDate = shop.dates.toIso(row.invoice_date);
  if (invoiceDate) order.invoiceDate = invoiceDate;
  const language = shop.languageById.get(psText(row.id_lang))?.code;
  if (language) order.language = language;
  order.sourceUpdatedAt = updatedAt;
  if (context.includeRaw) order.raw = row;
  return order;
}
