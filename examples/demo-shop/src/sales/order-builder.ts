import {
  type Address,
  computeRoundingDelta,
  type Order,
  type OrderCustomer,
  type OrderDiscount,
  type OrderLine,
  type OrderMessage,
  type Payment,
  type Product,
  type ShippingCharge,
  type ShippingDestination,
  type TaxLine,
  type Variant,
} from '@passerelle/core';
import { convert, excludeTax, formatCents, percentOf, roundToFiveCents, sumCents, toCents } from '../money.js';
import { conversionRateOf, findCarrier, type OrderState } from '../shop-configuration.js';
import type { OrderTaxation, TaxRule } from './order-pricing.js';

/** Something the shop sells, as an order line needs it. */
export interface Sellable {
  productId: string;
  variantId: string | null;
  reference: string | null;
  name: { en: string; fr: string };
  /** Catalog price excl. tax in EUR, variant impact included. */
  priceExcl: string;
  /** The product's French VAT rate, which picks the local rate elsewhere. */
  taxRate: string;
  weightKg: string | undefined;
  ecoTax: string | undefined;
  /** A fixed CHF price excl. tax for the Swiss market, when the product has one. */
  chfPriceExcl: string | undefined;
  /** A Professionals price break: percent off from `fromQuantity` units. */
  proBreak: { percent: string; fromQuantity: number } | undefined;
}

/** Builds the sellable items of a product (its variants, or itself) from its contract. */
export function sellablesOf(product: Product): Sellable[] {
  const chf = product.specificPrices?.find(
    (price) => price.currency === 'CHF' && price.fixedPrice && !price.customerGroup,
  );
  const pro = product.specificPrices?.find(
    (price) => price.customerGroup === 'PRO' && price.reduction?.type === 'percentage',
  );
  const base = {
    productId: product.id ?? '',
    taxRate: product.taxRate ?? '20',
    weightKg: product.weight?.value,
    ecoTax: undefined as string | undefined,
    chfPriceExcl: chf?.fixedPrice,
    proBreak: pro?.reduction ? { percent: pro.reduction.value, fromQuantity: pro.fromQuantity } : undefined,
  };
  const name = { en: product.name.en ?? '', fr: product.name.fr ?? product.name.en ?? '' };
  if (!product.variants?.length) {
    return [
      { ...base, variantId: null, reference: product.reference ?? null, name, priceExcl: product.price ?? '0.00' },
    ];
  }
  return product.variants.map((variant: Variant) => {
    const options = variant.options.map((option) => option.value).join(', ');
    const impact = toCents(variant.priceImpact ?? '0');
    return {
      ...base,
      variantId: variant.id ?? null,
      reference: variant.reference ?? null,
      name: { en: `${name.en} - ${options}`, fr: `${name.fr} - ${options}` },
      priceExcl: variant.price ?? formatCents(toCents(product.price ?? '0') + impact),
    };
  });
}

export interface OrderLineInput {
  item: Sellable;
  quantity: number;
}

export interface OrderDestinationInput {
  address: Address;
  carrierId: string;
  /** Shipping price incl. tax in the order currency, as the carrier's price list says. */
  shippingIncl: string;
  /** Indexes into `lines`; absent: every line. */
  lineIndexes?: number[];
}

export interface OrderBuildInput {
  id: number;
  reference: string;
  firstLineId: number;
  firstPaymentId: number;
  customer: OrderCustomer;
  /** The customer's groups: a group reduction or a pro price break becomes a line discount. */
  groups: readonly { reference: string; name: string; reduction: string | undefined }[];
  language: 'en' | 'fr';
  billingAddress: Address;
  destinations: OrderDestinationInput[];
  lines: OrderLineInput[];
  taxation: OrderTaxation;
  /** `line`: taxes rounded per line (the lines add up); `total`: rounded on the order total (they do not). */
  rounding: 'line' | 'total';
  discount?: { name: string; code?: string; percent?: string; amountIncl?: string };
  wrappingIncl?: string;
  payment: { module: string; name: string };
  /** The states the order went through, oldest first, with when. */
  history: { state: OrderState; at: string }[];
  messages?: OrderMessage[];
  trackingNumbers?: string[];
  refund?: 'all' | 'first-line';
  createdAt: string;
}

function taxLinesOn(amount: bigint, rules: readonly TaxRule[]): TaxLine[] {
  return rules.map((rule) => ({ name: rule.name, rate: rule.rate, amount: formatCents(percentOf(amount, rule.rate)) }));
}

function combinedRate(rules: readonly TaxRule[]): string {
  // Rates are added exactly as decimals: "5" + "9.975" is "14.975".
  const scale = 1000n;
  const thousandths = (rate: string): bigint => {
    const [whole = '0', fraction = ''] = rate.split('.');
    return BigInt(whole) * scale + BigInt(fraction.padEnd(3, '0').slice(0, 3));
  };
  const total = rules.reduce((sum, rule) => sum + thousandths(rule.rate), 0n);
  const whole = total / scale;
  const fraction = (total % scale).toString().padStart(3, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}

function sumTaxes(lines: readonly TaxLine[]): bigint {
  return sumCents(lines.map((line) => toCents(line.amount)));
}

/**
 * Places an order as the shop computes it: unit prices in the order currency, taxes per line (or
 * on the total), group reductions and price breaks as line discounts, shipping per destination,
 * a voucher, gift wrapping, payments and refunds. Every amount is integer cents; the rounding
 * delta is whatever the shop's own totals and the lines disagree on.
 */
export function buildOrder(input: OrderBuildInput): Order {
  const { taxation } = input;
  const rate = taxation.currency === 'EUR' ? '1.000000' : conversionRateOf(taxation.currency);
  const unitPrice = (item: Sellable): bigint => {
    if (taxation.currency === 'CHF' && item.chfPriceExcl) return toCents(item.chfPriceExcl);
    const eur = toCents(item.priceExcl);
    return taxation.currency === 'EUR' ? eur : convert(eur, rate);
  };
  const proGroup = input.groups.find((group) => group.reference === 'PRO');
  const reductionGroup = input.groups.find((group) => group.reduction !== undefined && group.reduction !== '0');

  const lines: OrderLine[] = input.lines.map(({ item, quantity }, index) => {
    const unitExcl = unitPrice(item);
    const gross = unitExcl * BigInt(quantity);
    const discounts: { name: string; amount: string }[] = [];
    let reduction = 0n;
    if (proGroup && item.proBreak && quantity >= item.proBreak.fromQuantity) {
      reduction = percentOf(gross, item.proBreak.percent);
      discounts.push({
        name: `Pro price from ${item.proBreak.fromQuantity} units (-${item.proBreak.percent}%)`,
        amount: formatCents(reduction),
      });
    } else if (reductionGroup?.reduction) {
      reduction = percentOf(gross, reductionGroup.reduction);
      discounts.push({
        name: `${reductionGroup.name} reduction (-${reductionGroup.reduction}%)`,
        amount: formatCents(reduction),
      });
    }
    const totalExcl = gross - reduction;
    const rules = taxation.productTaxes(item.taxRate);
    const taxLines = taxLinesOn(totalExcl, rules);
    const eco = taxation.ecoTax && item.ecoTax ? toCents(item.ecoTax) : 0n;
    if (eco > 0n) taxLines.push({ name: 'Éco-participation', rate: '0', amount: formatCents(eco * BigInt(quantity)) });
    const unitIncl = unitExcl + sumCents(rules.map((rule) => percentOf(unitExcl, rule.rate))) + eco;
    return {
      id: String(input.firstLineId + index),
      kind: 'product',
      productId: item.productId,
      variantId: item.variantId,
      reference: item.reference,
      name: item.name[input.language],
      quantity,
      unitPriceExcl: formatCents(unitExcl),
      unitPriceIncl: formatCents(unitIncl),
      taxLines,
      discounts,
      totalExcl: formatCents(totalExcl),
      totalIncl: formatCents(totalExcl + sumTaxes(taxLines)),
      ...(item.weightKg ? { weight: item.weightKg } : {}),
    };
  });

  const destinations: ShippingDestination[] = [];
  const shipping: ShippingCharge[] = [];
  for (const destination of input.destinations) {
    const carrier = findCarrier(destination.carrierId);
    if (!carrier) throw new Error(`unknown carrier ${destination.carrierId}`);
    const carrierRef = { id: carrier.id, name: carrier.name };
    destinations.push({
      address: destination.address,
      ...(destination.lineIndexes ? { lineIds: destination.lineIndexes.map((index) => lines[index]?.id ?? '') } : {}),
      carrier: carrierRef,
      shippingMethod: carrier.id === '1' ? 'Pick-up in store (Paris 9e)' : `${carrier.name} - home delivery`,
    });
    const incl = toCents(destination.shippingIncl);
    const excl = taxation.shippingTaxes.length ? excludeTax(incl, combinedRate(taxation.shippingTaxes)) : incl;
    const taxLines = taxLinesOn(excl, taxation.shippingTaxes);
    shipping.push({
      name: carrier.name,
      carrier: carrierRef,
      totalExcl: formatCents(excl),
      totalIncl: formatCents(excl + sumTaxes(taxLines)),
      taxLines,
    });
  }

  const productsExcl = sumCents(lines.map((line) => toCents(line.totalExcl)));
  let productsIncl = sumCents(lines.map((line) => toCents(line.totalIncl)));
  if (input.rounding === 'total') {
    // Taxes computed once per rate on the products total, as "round at subtotal" shops do.
    const byRate = new Map<string, bigint>();
    const fixed: bigint[] = [];
    for (const line of lines) {
      for (const tax of line.taxLines) {
        if (tax.rate === '0') fixed.push(toCents(tax.amount));
        else byRate.set(tax.rate, (byRate.get(tax.rate) ?? 0n) + toCents(line.totalExcl));
      }
    }
    productsIncl =
      productsExcl + sumCents(fixed) + sumCents([...byRate].map(([taxRate, base]) => percentOf(base, taxRate)));
  }

  const discounts: OrderDiscount[] = [];
  if (input.discount) {
    const mainRate = combinedRate(taxation.productTaxes('20'));
    const incl = input.discount.percent
      ? percentOf(productsIncl, input.discount.percent)
      : toCents(input.discount.amountIncl ?? '0');
    const excl = input.discount.percent
      ? percentOf(productsExcl, input.discount.percent)
      : mainRate === '0'
        ? incl
        : excludeTax(incl, mainRate);
    discounts.push({
      name: input.discount.name,
      ...(input.discount.code ? { code: input.discount.code } : {}),
      totalExcl: formatCents(excl),
      totalIncl: formatCents(incl),
    });
  }

  let wrapping: Order['wrapping'] = null;
  if (input.wrappingIncl) {
    const rules = taxation.productTaxes('20');
    const incl = toCents(input.wrappingIncl);
    const excl = rules.length ? excludeTax(incl, combinedRate(rules)) : incl;
    const taxLines = taxLinesOn(excl, rules);
    wrapping = { totalExcl: formatCents(excl), totalIncl: formatCents(excl + sumTaxes(taxLines)), taxLines };
  }

  const shippingExcl = sumCents(shipping.map((charge) => toCents(charge.totalExcl)));
  const shippingIncl = sumCents(shipping.map((charge) => toCents(charge.totalIncl)));
  const discountsExcl = sumCents(discounts.map((discount) => toCents(discount.totalExcl)));
  const discountsIncl = sumCents(discounts.map((discount) => toCents(discount.totalIncl)));
  const wrappingExcl = wrapping ? toCents(wrapping.totalExcl) : 0n;
  const wrappingIncl = wrapping ? toCents(wrapping.totalIncl) : 0n;
  const totalExcl = productsExcl + shippingExcl + wrappingExcl - discountsExcl;
  let totalIncl = productsIncl + shippingIncl + wrappingIncl - discountsIncl;
  // Swiss consumer prices are settled to 5 centimes.
  if (taxation.currency === 'CHF' && taxation.taxInclusive) totalIncl = roundToFiveCents(totalIncl);

  const last = input.history[input.history.length - 1];
  if (!last) throw new Error('an order has at least one state');
  const payments: Payment[] = [];
  let paymentId = input.firstPaymentId;
  const paidEntry = input.history.find((entry) => entry.state.paid);
  if (paidEntry) {
    payments.push({
      id: String(paymentId++),
      orderId: String(input.id),
      module: input.payment.module,
      name: input.payment.name,
      amount: { amount: formatCents(totalIncl), currency: taxation.currency },
      transactionId: transactionIdFor(input.payment.module, input.reference),
      paidAt: paidEntry.at,
      status: 'completed',
      rawStatus: 'accepted',
      shopId: '1',
      sourceUpdatedAt: last.at,
    });
  }
  const refundEntry = input.history.find(
    (entry) => entry.state.status === 'refunded' || entry.state.status === 'partially_refunded',
  );
  if (refundEntry && input.refund) {
    const amount = input.refund === 'all' ? totalIncl : toCents(lines[0]?.totalIncl ?? '0');
    payments.push({
      id: String(paymentId++),
      orderId: String(input.id),
      module: input.payment.module,
      name: `${input.payment.name} (refund)`,
      amount: { amount: formatCents(-amount), currency: taxation.currency },
      transactionId: `${transactionIdFor(input.payment.module, input.reference)}-R`,
      paidAt: refundEntry.at,
      status: 'refunded',
      rawStatus: 'refunded',
      shopId: '1',
      sourceUpdatedAt: last.at,
    });
  }
  const paid = sumCents(payments.map((payment) => toCents(payment.amount.amount)));

  const invoiceEntry = input.history.find((entry) => entry.state.invoice);
  const order: Order = {
    id: String(input.id),
    reference: input.reference,
    shopId: '1',
    createdAt: input.createdAt,
    updatedAt: last.at,
    ...(invoiceEntry ? { invoiceDate: invoiceEntry.at } : {}),
    status: { status: last.state.status, rawStatus: last.state.id },
    statusHistory: input.history.map((entry) => ({
      status: entry.state.status,
      rawStatus: entry.state.id,
      at: entry.at,
    })),
    customer: input.customer,
    guest: input.customer.isGuest,
    billingAddress: input.billingAddress,
    shippingDestinations: destinations,
    lines,
    shipping,
    wrapping,
    discounts,
    totals: {
      productsExcl: formatCents(productsExcl),
      productsIncl: formatCents(productsIncl),
      shippingExcl: formatCents(shippingExcl),
      shippingIncl: formatCents(shippingIncl),
      discountsExcl: formatCents(discountsExcl),
      discountsIncl: formatCents(discountsIncl),
      wrappingExcl: formatCents(wrappingExcl),
      wrappingIncl: formatCents(wrappingIncl),
      taxTotal: formatCents(totalIncl - totalExcl),
      totalExcl: formatCents(totalExcl),
      totalIncl: formatCents(totalIncl),
      paid: formatCents(paid),
    },
    taxInclusive: taxation.taxInclusive,
    currency: taxation.currency,
    conversionRate: rate,
    roundingDelta: '0.00',
    paymentMethod: input.payment,
    payments,
    messages: input.messages ?? [],
    invoiceNumber: null,
    documentNumber: null,
    ...(input.trackingNumbers?.length ? { trackingNumbers: input.trackingNumbers } : {}),
    language: input.language,
    sourceUpdatedAt: last.at,
  };
  order.roundingDelta = computeRoundingDelta(order);
  return order;
}

function transactionIdFor(module: string, reference: string): string {
  const digits = [...reference].reduce((sum, char, index) => sum + char.charCodeAt(0) * (index + 7), 0);
  switch (module) {
    case 'stripe_official':
      return `pi_3Q${reference}${digits}`;
    case 'paypal':
      return `PAYID-${reference}-${digits}`;
    case 'twint':
      return `TW-${digits}-${reference}`;
    default:
      return `${module.toUpperCase()}-${reference}`;
  }
}
