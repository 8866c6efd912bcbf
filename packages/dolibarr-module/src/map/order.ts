import {
  type Address,
  computeRoundingDelta,
  divideDecimals,
  isZeroDecimal,
  multiplyDecimals,
  negateDecimal,
  type Order,
  type OrderDiscount,
  type OrderLine,
  roundDecimal,
  type ShippingCharge,
  sumDecimals,
  type TaxLine,
  trimDecimal,
} from '@passerelle/core';
import type { VariantLink } from '../lookups.js';
import {
  type DolibarrDocument,
  type DolibarrLine,
  type DolibarrThirdparty,
  idOf,
  linesOf,
  linkedIds,
  stringOf,
} from '../payloads.types.js';
import { thirdpartyAddress } from './customer.js';
import { isoFromUnix } from './dates.js';
import { amountOf, decimalOf, rateOf } from './decimal.js';
import { invoiceStatusOf } from './invoice.js';
import { languageFromDolibarr } from './language.js';
import { orderStatusFromDolibarr } from './order-status.js';

export interface ServiceRefs {
  shipping: string;
  discount: string;
  wrapping: string;
  rounding: string;
}

export interface OrderReadContext {
  thirdparty: DolibarrThirdparty | null;
  countryCode: string | null;
  /** The Dolibarr company's country, for a third party without one (an address needs a country). */
  fallbackCountry: string;
  invoices: DolibarrDocument[];
  shipments: DolibarrDocument[];
  childToParent: Map<number, VariantLink>;
  services: ServiceRefs;
  /** `orders.read.guestAccount`: the third party whose orders are guest orders. */
  guestAccount: string | null;
  mainCurrency: string;
  shippingMethods: { id: number; code: string; label: string }[];
  paymentTypes: { id: number; code: string; label: string }[];
}

/** A stand-in for a third party without email: the contract needs one, and `.invalid` can never be mailed. */
export function placeholderEmail(socid: unknown): string {
  return `thirdparty-${String(socid ?? 'unknown')}@dolibarr.invalid`;
}

function taxLinesOf(line: DolibarrLine, foreign: boolean): TaxLine[] {
  const out: TaxLine[] = [];
  const ht = amountOf(foreign ? line.multicurrency_total_ht : line.total_ht);
  const ttc = amountOf(foreign ? line.multicurrency_total_ttc : line.total_ttc);
  const lt1 = amountOf(line.total_localtax1);
  const lt2 = amountOf(line.total_localtax2);
  const rate1 = rateOf(line.localtax1_tx);
  const rate2 = rateOf(line.localtax2_tx);
  // In a foreign currency Dolibarr keeps per-line totals only: the VAT is what incl. and excl. leave.
  const vat = foreign
    ? trimDecimal(sumDecimals([ttc, negateDecimal(ht), negateDecimal(lt1), negateDecimal(lt2)]), 2)
    : amountOf(line.total_tva);
  out.push({ name: `VAT ${rateOf(line.tva_tx)}%`, rate: rateOf(line.tva_tx), amount: vat });
  if (!isZeroDecimal(rate1)) out.push({ name: `Local tax 1 ${rate1}%`, rate: rate1, amount: lt1 });
  if (!isZeroDecimal(rate2)) out.push({ name: `Local tax 2 ${rate2}%`, rate: rate2, amount: lt2 });
  return out;
}

function unitIncl(unit: string, taxes: TaxLine[]): string {
  const rate = sumDecimals(taxes.map((tax) => tax.rate));
  return trimDecimal(roundDecimal(sumDecimals([unit, divideDecimals(multiplyDecimals(unit, rate), '100', 8)]), 6), 2);
}

function productRefOf(line: DolibarrLine): string | undefined {
  return stringOf(line.product_ref) ?? stringOf((line as Record<string, unknown>).ref);
}

function addressOrFallback(
  thirdparty: DolibarrThirdparty | null,
  countryCode: string | null,
  fallbackCountry: string,
): Address {
  const found = thirdparty ? thirdpartyAddress(thirdparty, countryCode) : undefined;
  if (found) return found;
  return {
    type: 'both',
    firstName: stringOf(thirdparty?.firstname) ?? '',
    lastName: stringOf(thirdparty?.lastname) ?? stringOf(thirdparty?.name) ?? '',
    address1: stringOf(thirdparty?.address) ?? '-',
    postcode: stringOf(thirdparty?.zip) ?? '',
    city: stringOf(thirdparty?.town) ?? '-',
    country: countryCode ?? fallbackCountry,
  };
}

/**
 * A Dolibarr order as the contract's order. Lines on the shipping, discount and wrapping services
 * become the order's charges; the rounding service is what `roundingDelta` reports. Amounts are in
 * the order's currency (the multicurrency columns when it is not the company's).
 */
export function orderFromDolibarr(raw: DolibarrDocument, context: OrderReadContext): Order {
  const currency = stringOf(raw.multicurrency_code) ?? context.mainCurrency;
  const foreign = currency !== context.mainCurrency;
  const pick = (line: DolibarrLine, field: 'total_ht' | 'total_ttc') =>
    amountOf(foreign ? line[`multicurrency_${field}`] : line[field]);
  const lines: OrderLine[] = [];
  const shipping: ShippingCharge[] = [];
  const discounts: OrderDiscount[] = [];
  const wrapping: { excl: string[]; incl: string[]; taxes: TaxLine[] } = { excl: [], incl: [], taxes: [] };
  const methodId = idOf(raw.shipping_method_id);
  const method = context.shippingMethods.find((entry) => entry.id === methodId);

  for (const line of linesOf(raw)) {
    const ref = productRefOf(line);
    const label = stringOf(line.label) ?? stringOf(line.product_label) ?? stringOf(line.desc) ?? ref ?? 'Line';
    const taxes = taxLinesOf(line, foreign);
    const excl = pick(line, 'total_ht');
    const incl = pick(line, 'total_ttc');
    if (ref === context.services.shipping) {
      shipping.push({
        name: label,
        ...(method ? { carrier: { id: String(method.id), name: method.label } } : {}),
        totalExcl: excl,
        totalIncl: incl,
        taxLines: taxes,
      });
      continue;
    }
    if (ref === context.services.discount) {
      discounts.push({ name: label, totalExcl: negateDecimal(excl), totalIncl: negateDecimal(incl) });
      continue;
    }
    if (ref === context.services.wrapping) {
      wrapping.excl.push(excl);
      wrapping.incl.push(incl);
      wrapping.taxes.push(...taxes);
      continue;
    }
    if (ref === context.services.rounding) continue;
    const productId = idOf(line.fk_product);
    const link = productId === null ? undefined : context.childToParent.get(productId);
    const quantity = Math.max(1, Math.trunc(Number(decimalOf(line.qty) ?? '1')));
    const unit = amountOf(foreign ? (line.multicurrency_subprice ?? line.subprice) : line.subprice);
    const remise = rateOf(line.remise_percent);
    const gross = trimDecimal(roundDecimal(multiplyDecimals(unit, String(quantity)), 2), 2);
    lines.push({
      id: String(line.id ?? line.rowid),
      ...(productId === null ? { kind: 'fee' as const } : {}),
      productId: productId === null ? null : String(link ? link.parentId : productId),
      variantId: link && productId !== null ? String(productId) : null,
      reference: ref ?? null,
      name: label,
      quantity,
      unitPriceExcl: unit,
      unitPriceIncl: unitIncl(unit, taxes),
      taxLines: taxes,
      discounts: isZeroDecimal(remise)
        ? []
        : [{ name: `Discount ${remise}%`, amount: trimDecimal(sumDecimals([gross, negateDecimal(excl)]), 2) }],
      totalExcl: excl,
      totalIncl: incl,
    });
  }

  const totalExcl = amountOf(foreign ? raw.multicurrency_total_ht : raw.total_ht);
  const totalIncl = amountOf(foreign ? raw.multicurrency_total_ttc : raw.total_ttc);
  const taxTotal = trimDecimal(sumDecimals([totalIncl, negateDecimal(totalExcl)]), 2);
  const sum = (values: string[]) => trimDecimal(sumDecimals(values), 2);
  const wrappingCharge = wrapping.excl.length
    ? { totalExcl: sum(wrapping.excl), totalIncl: sum(wrapping.incl), taxLines: wrapping.taxes }
    : null;
  const validated = context.invoices.filter(isValidatedInvoice);
  const invoice = validated[0];
  const paid = sum(context.invoices.map((entry) => amountOf(entry.totalpaid)));
  const thirdparty = context.thirdparty;
  const billing = addressOrFallback(thirdparty, context.countryCode, context.fallbackCountry);
  const createdAt = isoFromUnix(raw.date_creation) ?? isoFromUnix(raw.date) ?? new Date(0).toISOString();
  const updatedAt = isoFromUnix(raw.date_modification) ?? createdAt;
  const status = orderStatusFromDolibarr(raw.status ?? raw.statut);
  const code = stringOf(thirdparty?.code_client);
  const guest = context.guestAccount !== null && code === context.guestAccount;
  const email = stringOf(thirdparty?.email);
  const paymentCode = stringOf(raw.mode_reglement_code);
  const paymentType = context.paymentTypes.find((type) => type.code === paymentCode);
  const ref = stringOf(raw.ref) ?? String(raw.id);
  const trackingNumbers = [
    ...new Set(
      context.shipments
        .filter((shipment) => Number(shipment.status ?? shipment.statut ?? 0) >= 1)
        .flatMap((shipment) =>
          stringOf(shipment.tracking_number) ? [stringOf(shipment.tracking_number) as string] : [],
        ),
    ),
  ];
  const language = languageFromDolibarr(thirdparty?.default_lang);
  const notePublic = typeof raw.note_public === 'string' ? raw.note_public.trim() : '';
  const notePrivate = typeof raw.note_private === 'string' ? raw.note_private.trim() : '';

  const order: Order = {
    id: String(raw.id),
    reference: ref,
    createdAt,
    updatedAt,
    ...(invoice ? { invoiceDate: isoFromUnix(invoice.date) ?? createdAt } : {}),
    status,
    statusHistory: [{ ...status, at: updatedAt }],
    customer: {
      ...(idOf(raw.socid) !== null ? { id: String(raw.socid) } : {}),
      ...(code ? { reference: code } : {}),
      email: email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : placeholderEmail(raw.socid),
      firstName: stringOf(thirdparty?.firstname) ?? '',
      lastName: stringOf(thirdparty?.lastname) ?? stringOf(thirdparty?.name) ?? '',
      ...(stringOf(thirdparty?.name_alias) ? { company: stringOf(thirdparty?.name_alias) } : {}),
      isGuest: guest,
    },
    guest,
    billingAddress: { ...billing, type: 'billing' },
    shippingDestinations: [
      {
        address: { ...billing, type: 'shipping' },
        ...(method ? { carrier: { id: String(method.id), name: method.label } } : {}),
      },
    ],
    lines,
    shipping,
    wrapping: wrappingCharge,
    discounts,
    totals: {
      productsExcl: sum(lines.map((line) => line.totalExcl)),
      productsIncl: sum(lines.map((line) => line.totalIncl)),
      shippingExcl: sum(shipping.map((charge) => charge.totalExcl)),
      shippingIncl: sum(shipping.map((charge) => charge.totalIncl)),
      discountsExcl: sum(discounts.map((discount) => discount.totalExcl)),
      discountsIncl: sum(discounts.map((discount) => discount.totalIncl)),
      wrappingExcl: wrappingCharge?.totalExcl ?? '0.00',
      wrappingIncl: wrappingCharge?.totalIncl ?? '0.00',
      taxTotal,
      totalExcl,
      totalIncl,
      paid,
    },
    taxInclusive: false,
    currency,
    conversionRate: trimDecimal(decimalOf(raw.multicurrency_tx) ?? '1', 0),
    roundingDelta: '0',
    paymentMethod: { module: paymentCode ?? 'unknown', name: paymentType?.label ?? paymentCode ?? '' },
    payments: [],
    messages: [
      ...(notePublic ? [{ author: 'customer' as const, private: false, body: notePublic, at: createdAt }] : []),
      ...(notePrivate ? [{ author: 'employee' as const, private: true, body: notePrivate, at: createdAt }] : []),
    ],
    invoiceNumber: invoice ? (stringOf(invoice.ref) ?? null) : null,
    documentNumber: /^\(?PROV/i.test(ref) ? null : ref,
    ...(trackingNumbers.length ? { trackingNumbers } : {}),
    ...(language ? { language } : {}),
    sourceUpdatedAt: updatedAt,
    raw,
  };
  if (lines.length === 0) {
    // The contract wants a line; an order made of services only still shows what it is.
    order.lines = [
      {
        id: `${order.id}-total`,
        kind: 'fee',
        productId: null,
        variantId: null,
        reference: null,
        name: 'Order total',
        quantity: 1,
        unitPriceExcl: '0.00',
        unitPriceIncl: '0.00',
        taxLines: [],
        discounts: [],
        totalExcl: '0.00',
        totalIncl: '0.00',
      },
    ];
  }
  order.roundingDelta = computeRoundingDelta(order);
  return order;
}

/** Whether a linked invoice counts as the order's invoice. */
export function isValidatedInvoice(invoice: DolibarrDocument): boolean {
  return invoiceStatusOf(invoice) !== 'draft' && invoiceStatusOf(invoice) !== 'cancelled';
}

export { linkedIds };
