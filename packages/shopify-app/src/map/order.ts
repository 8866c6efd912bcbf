import {
  addDecimals,
  compareDecimals,
  computeRoundingDelta,
  type Order,
  type OrderLine,
  type Payment,
  type ShippingCharge,
  subtractDecimals,
  sumDecimals,
  type TaxLine,
} from '@passerelle/core';
import type { LineItemNode, OrderNode, TaxLineNode, TransactionNode } from '../graphql/shopify.types.js';
import { toAddress, unknownAddress } from './address.js';
import { toLanguage } from './customer.js';
import { isoUtc } from './date.js';
import { legacyId } from './gid.js';
import {
  amountOf,
  type CurrencySide,
  divideDecimals,
  multiplyDecimal,
  multiplyDecimals,
  ratePercent,
} from './money.js';
import { toOrderStatus } from './order-status.js';
import { toKilograms } from './weight.js';

export interface OrderContext {
  shopId: string;
  /** `platform.shopify.orderCurrency`. */
  side: CurrencySide;
  /** `platform.shopify.advancedTaxRetrieval`: keep each tax; off merges a line's taxes into one. */
  advancedTaxes: boolean;
  /** `platform.shopify.taxesByCountry`: suffix tax names with the destination country. */
  taxesByCountry: boolean;
}

/** `amount × part ÷ whole`, for the one figure Shopify does not give (the other side of tax). */
function proportion(amount: string, part: string, whole: string): string {
  if (compareDecimals(whole, '0') === 0) return amount;
  return divideDecimals(multiplyDecimals(amount, part), whole, 2);
}

function toTaxLines(nodes: TaxLineNode[], context: OrderContext, country: string | null): TaxLine[] {
  const suffix = context.taxesByCountry && country ? ` ${country}` : '';
  const lines = nodes.map((node) => ({
    name: `${node.title || 'Tax'}${suffix}`,
    rate: ratePercent(node.rate),
    amount: amountOf(node.priceSet, context.side),
  }));
  if (context.advancedTaxes || lines.length < 2) return lines;
  return [
    {
      name: lines.map((line) => line.name).join(' + '),
      rate: sumDecimals(lines.map((line) => line.rate)),
      amount: sumDecimals(lines.map((line) => line.amount)),
    },
  ];
}

function discountName(application: LineItemNode['discountAllocations'][number]['discountApplication']): string {
  return application.code || application.title || 'Discount';
}

function toLine(node: LineItemNode, taxesIncluded: boolean, context: OrderContext, country: string | null): OrderLine {
  const unit = amountOf(node.originalUnitPriceSet, context.side);
  const gross = multiplyDecimal(unit, node.quantity);
  const discount = sumDecimals(
    node.discountAllocations.map((allocation) => amountOf(allocation.allocatedAmountSet, context.side)),
  );
  const taxLines = toTaxLines(node.taxLines, context, country);
  const tax = sumDecimals(taxLines.map((line) => line.amount));
  const net = subtractDecimals(gross, discount);
  const totalIncl = taxesIncluded ? net : addDecimals(net, tax);
  const totalExcl = taxesIncluded ? subtractDecimals(net, tax) : net;
  const kilograms = toKilograms(node.weight);
  return {
    id: node.id,
    productId: node.product?.id ?? null,
    variantId: node.variant?.id ?? null,
    reference: node.sku || null,
    name: node.name || 'Item',
    quantity: node.quantity,
    // Shopify stores one side of tax; the other is derived in the line's own proportion.
    unitPriceExcl: taxesIncluded ? proportion(unit, totalExcl, totalIncl) : unit,
    unitPriceIncl: taxesIncluded ? unit : proportion(unit, totalIncl, totalExcl),
    taxLines,
    discounts: node.discountAllocations.map((allocation) => {
      const amount = amountOf(allocation.allocatedAmountSet, context.side);
      return {
        name: discountName(allocation.discountApplication),
        amount: taxesIncluded ? proportion(amount, totalExcl, totalIncl) : amount,
      };
    }),
    totalExcl,
    totalIncl,
    ...(kilograms ? { weight: kilograms } : {}),
  };
}

function toShipping(node: OrderNode, context: OrderContext, country: string | null): ShippingCharge[] {
  return node.shippingLines.nodes.map((line) => {
    const price = amountOf(line.discountedPriceSet, context.side);
    const taxLines = toTaxLines(line.taxLines, context, country);
    const tax = sumDecimals(taxLines.map((taxLine) => taxLine.amount));
    const carrier = line.carrierIdentifier || line.source;
    return {
      name: line.title || line.code || 'Shipping',
      ...(carrier && carrier !== 'shopify' ? { carrier: { name: carrier } } : {}),
      totalExcl: node.taxesIncluded ? subtractDecimals(price, tax) : price,
      totalIncl: node.taxesIncluded ? price : addDecimals(price, tax),
      taxLines,
    };
  });
}

function paymentStatus(transaction: TransactionNode): Payment['status'] {
  if (transaction.status === 'FAILURE' || transaction.status === 'ERROR') return 'failed';
  if (transaction.status === 'PENDING' || transaction.status === 'AWAITING_RESPONSE') return 'pending';
  if (transaction.status !== 'SUCCESS') return 'unknown';
  if (transaction.kind === 'REFUND') return 'refunded';
  if (transaction.kind === 'SALE' || transaction.kind === 'CAPTURE') return 'completed';
  if (transaction.kind === 'AUTHORIZATION' || transaction.kind === 'EMV_AUTHORIZATION') return 'pending';
  return 'unknown';
}

function toPayments(node: OrderNode, context: OrderContext, currency: string): Payment[] {
  return node.transactions
    .filter((transaction) => transaction.kind !== 'SUGGESTED_REFUND')
    .map((transaction) => ({
      id: transaction.id,
      orderId: node.id,
      shopId: context.shopId,
      module: transaction.gateway || 'manual',
      name: transaction.formattedGateway || transaction.gateway || 'Manual',
      amount: { amount: amountOf(transaction.amountSet, context.side), currency },
      transactionId: transaction.id,
      paidAt: isoUtc(transaction.processedAt ?? node.processedAt),
      status: paymentStatus(transaction),
      rawStatus: `${transaction.kind}/${transaction.status}`,
    }));
}

/**
 * A Shopify order as the contract's, in the shop or the presentment currency. Shopify allocates every
 * discount to the lines (and shipping lines) it applies to, so lines are net of them and the order
 * lists none of its own: listing them twice would count them twice (the contract's rule).
 */
export function toOrder(node: OrderNode, lines: LineItemNode[], context: OrderContext): Order {
  const currency = context.side === 'shop' ? node.currencyCode : node.presentmentCurrencyCode;
  const country = node.shippingAddress?.countryCodeV2 ?? node.billingAddress?.countryCodeV2 ?? null;
  const orderLines = lines.map((line) => toLine(line, node.taxesIncluded, context, country));
  const shipping = toShipping(node, context, country);
  const taxTotal = amountOf(node.totalTaxSet, context.side);
  const totalIncl = amountOf(node.totalPriceSet, context.side);
  const firstName = node.customer?.firstName ?? node.billingAddress?.firstName ?? '';
  const lastName = node.customer?.lastName ?? node.billingAddress?.lastName ?? '';
  const billing =
    toAddress(node.billingAddress, 'billing') ??
    toAddress(node.shippingAddress, 'billing') ??
    unknownAddress('billing', firstName, lastName);
  const shippingAddress = toAddress(node.shippingAddress, 'shipping') ?? { ...billing, type: 'shipping' as const };
  const email =
    node.email ??
    node.customer?.defaultEmailAddress?.emailAddress ??
    `order-${legacyId(node.id) ?? 'unknown'}@no-email.invalid`;
  const status = toOrderStatus(node);
  const payments = toPayments(node, context, currency);
  const gateway =
    node.transactions.find(
      (transaction) => ['SALE', 'CAPTURE', 'AUTHORIZATION'].includes(transaction.kind) && transaction.gateway,
    ) ?? null;
  const conversionRate =
    context.side === 'shop' || compareDecimals(amountOf(node.totalPriceSet, 'shop'), '0') === 0
      ? '1'
      : divideDecimals(amountOf(node.totalPriceSet, 'presentment'), amountOf(node.totalPriceSet, 'shop'), 6);
  const trackingNumbers = node.fulfillments.flatMap((fulfillment) =>
    fulfillment.trackingInfo.flatMap((info) => (info.number ? [info.number] : [])),
  );
  const language = toLanguage(node.customerLocale);
  const parts = {
    lines: orderLines,
    shipping,
    wrapping: null,
    discounts: [],
    totals: {
      productsExcl: sumDecimals(orderLines.map((line) => line.totalExcl)),
      productsIncl: sumDecimals(orderLines.map((line) => line.totalIncl)),
      shippingExcl: sumDecimals(shipping.map((charge) => charge.totalExcl)),
      shippingIncl: sumDecimals(shipping.map((charge) => charge.totalIncl)),
      discountsExcl: '0',
      discountsIncl: '0',
      wrappingExcl: '0',
      wrappingIncl: '0',
      taxTotal,
      totalExcl: subtractDecimals(totalIncl, taxTotal),
      totalIncl,
      paid: amountOf(node.totalReceivedSet, context.side),
    },
  };
  return {
    id: node.id,
    reference: node.name,
    shopId: context.shopId,
    createdAt: isoUtc(node.createdAt),
    updatedAt: isoUtc(node.updatedAt),
    status,
    statusHistory: [{ ...status, at: isoUtc(node.cancelledAt ?? node.closedAt ?? node.updatedAt) }],
    customer: {
      ...(node.customer ? { id: node.customer.id } : {}),
      email,
      firstName,
      lastName,
      ...(node.billingAddress?.company ? { company: node.billingAddress.company } : {}),
      isGuest: node.customer === null,
    },
    guest: node.customer === null,
    billingAddress: billing,
    shippingDestinations: [
      {
        address: shippingAddress,
        ...(node.shippingLines.nodes[0]?.title ? { shippingMethod: node.shippingLines.nodes[0].title } : {}),
      },
    ],
    ...parts,
    taxInclusive: node.taxesIncluded,
    currency,
    conversionRate,
    roundingDelta: computeRoundingDelta(parts),
    paymentMethod: {
      module: gateway?.gateway ?? node.paymentGatewayNames[0] ?? 'manual',
      name: gateway?.formattedGateway ?? gateway?.gateway ?? node.paymentGatewayNames[0] ?? 'Manual',
    },
    payments,
    messages: node.note ? [{ author: 'customer', private: false, body: node.note, at: isoUtc(node.createdAt) }] : [],
    invoiceNumber: null,
    documentNumber: node.documentNumber?.value || null,
    trackingNumbers,
    ...(language ? { language } : {}),
    sourceUpdatedAt: isoUtc(node.updatedAt),
  };
}
