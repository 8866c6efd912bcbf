import {
  compareDecimals,
  divideDecimals,
  isZeroDecimal,
  multiplyDecimals,
  negateDecimal,
  type Order,
  type OrderLine,
  roundDecimal,
  subtractDecimals,
  sumDecimals,
  type TaxLine,
  trimDecimal,
} from '@passerelle/core';
import type { DolibarrSettings } from '../settings.js';
import { unixFromIso } from './dates.js';

export interface ErpOrderContext {
  settings: DolibarrSettings;
  /** `orders.lines.shopReferenceTarget`: where the shop's order reference goes. */
  referenceTarget: 'orderRef' | 'refClient' | 'both';
  /** `orders.lines.discountLineMode`. */
  discountLineMode: 'perDiscount' | 'single';
  socid: number;
  refExt: string;
  /** Dolibarr product ids by SKU; a line whose SKU is missing becomes a free-text line. */
  products: Map<string, number>;
  services: { shipping: () => Promise<number>; discount: () => Promise<number>; wrapping: () => Promise<number> };
  paymentTypeId: number | null;
  shippingMethodId: number | null;
  warehouseId: number | null;
}

interface TaxColumns {
  tva_tx: string;
  localtax1_tx: string;
  localtax2_tx: string;
}

/** Several taxes on one amount: one combined VAT rate, or VAT then Dolibarr's local taxes (Canada, Spain). */
export function taxColumns(taxes: TaxLine[], mode: DolibarrSettings['taxMode']): TaxColumns {
  if (taxes.length === 0) return { tva_tx: '0', localtax1_tx: '0', localtax2_tx: '0' };
  if (mode === 'combined' || taxes.length === 1)
    return { tva_tx: sumDecimals(taxes.map((tax) => tax.rate)), localtax1_tx: '0', localtax2_tx: '0' };
  const [first, second, ...rest] = taxes;
  return {
    tva_tx: first?.rate ?? '0',
    localtax1_tx: second?.rate ?? '0',
    localtax2_tx: rest.length ? sumDecimals(rest.map((tax) => tax.rate)) : '0',
  };
}

/** The rate that turns `excl` into `incl`, to 3 decimals (Dolibarr's precision for VAT rates). */
export function impliedRate(excl: string, incl: string): string {
  if (isZeroDecimal(excl)) return '0';
  const rate = roundDecimal(divideDecimals(multiplyDecimals(subtractDecimals(incl, excl), '100'), excl, 8), 3);
  return compareDecimals(rate, '0') < 0 ? '0' : trimDecimal(rate, 0);
}

export interface MoneyColumns {
  subprice: string;
  multicurrency_subprice?: string;
}

/** A unit price in the order's currency as Dolibarr's columns: company currency, plus the foreign one. */
export function priceColumns(unit: string, foreign: boolean, rate: string): MoneyColumns {
  if (!foreign || isZeroDecimal(rate)) return { subprice: unit };
  return { subprice: roundDecimal(divideDecimals(unit, rate, 10), 8), multicurrency_subprice: unit };
}

function lineDiscountPercent(line: OrderLine): string {
  const off = sumDecimals(line.discounts.map((discount) => discount.amount));
  const gross = multiplyDecimals(line.unitPriceExcl, String(line.quantity));
  if (isZeroDecimal(off) || isZeroDecimal(gross)) return '0';
  return trimDecimal(roundDecimal(divideDecimals(multiplyDecimals(off, '100'), gross, 8), 4), 0);
}

function serviceLabel(name: string, carrier: string | undefined, settings: DolibarrSettings): string {
  if (!settings.carrierInShippingLabel || !carrier || name.toLowerCase().includes(carrier.toLowerCase())) return name;
  return `${name} (${carrier})`;
}

/**
 * The body of `POST /orders` for a shop order: its product lines (by SKU), then shipping, gift
 * wrapping and discount lines on services, with the shop's own unit prices and rates. What Dolibarr's
 * own rounding leaves is booked afterwards on the rounding service (see `roundingLine`).
 */
export async function orderPayload(order: Order, context: ErpOrderContext): Promise<Record<string, unknown>> {
  const { settings } = context;
  const foreign = order.currency !== settings.mainCurrency;
  const rate = order.conversionRate ?? '1';
  const lines: Record<string, unknown>[] = [];
  let rank = 0;
  for (const line of order.lines) {
    const productId = line.reference ? context.products.get(line.reference) : undefined;
    lines.push({
      ...(productId !== undefined ? { fk_product: productId } : { label: line.name }),
      desc: productId !== undefined ? '' : line.name,
      product_type: 0,
      qty: line.quantity,
      ...priceColumns(line.unitPriceExcl, foreign, rate),
      remise_percent: lineDiscountPercent(line),
      ...taxColumns(line.taxLines, settings.taxMode),
      rang: ++rank,
    });
  }
  for (const charge of order.shipping) {
    lines.push({
      fk_product: await context.services.shipping(),
      product_type: 1,
      label: serviceLabel(charge.name, charge.carrier?.name, settings),
      desc: '',
      qty: 1,
      ...priceColumns(charge.totalExcl, foreign, rate),
      ...(charge.taxLines.length
        ? taxColumns(charge.taxLines, settings.taxMode)
        : taxColumns(
            [{ name: 'tax', rate: impliedRate(charge.totalExcl, charge.totalIncl), amount: '0' }],
            'combined',
          )),
      rang: ++rank,
    });
  }
  if (order.wrapping && !isZeroDecimal(order.wrapping.totalIncl)) {
    const { wrapping } = order;
    lines.push({
      fk_product: await context.services.wrapping(),
      product_type: 1,
      label: 'Gift wrapping',
      desc: '',
      qty: 1,
      ...priceColumns(wrapping.totalExcl, foreign, rate),
      ...(wrapping.taxLines.length
        ? taxColumns(wrapping.taxLines, settings.taxMode)
        : taxColumns(
            [{ name: 'tax', rate: impliedRate(wrapping.totalExcl, wrapping.totalIncl), amount: '0' }],
            'combined',
          )),
      rang: ++rank,
    });
  }
  const discounts =
    context.discountLineMode === 'single' && order.discounts.length > 1
      ? [
          {
            name: order.discounts
              .map((discount) => (discount.code ? `${discount.name} (${discount.code})` : discount.name))
              .join(', '),
            totalExcl: sumDecimals(order.discounts.map((discount) => discount.totalExcl)),
            totalIncl: sumDecimals(order.discounts.map((discount) => discount.totalIncl)),
          },
        ]
      : order.discounts.map((discount) => ({
          ...discount,
          name: discount.code ? `${discount.name} (${discount.code})` : discount.name,
        }));
  for (const discount of discounts) {
    lines.push({
      fk_product: await context.services.discount(),
      product_type: 1,
      label: discount.name,
      desc: '',
      qty: 1,
      ...priceColumns(negateDecimal(discount.totalExcl), foreign, rate),
      tva_tx: impliedRate(discount.totalExcl, discount.totalIncl),
      localtax1_tx: '0',
      localtax2_tx: '0',
      rang: ++rank,
    });
  }

  const publicNotes = order.messages.filter((message) => !message.private).map((message) => message.body);
  const payload: Record<string, unknown> = {
    socid: context.socid,
    date: unixFromIso(order.createdAt),
    ref_ext: context.refExt,
    ...(context.referenceTarget !== 'orderRef' ? { ref_client: order.reference } : {}),
    ...(context.referenceTarget !== 'refClient' ? { ref: order.reference } : {}),
    multicurrency_code: order.currency,
    multicurrency_tx: foreign ? rate : '1',
    ...(context.paymentTypeId !== null ? { mode_reglement_id: context.paymentTypeId } : {}),
    ...(context.shippingMethodId !== null ? { shipping_method_id: context.shippingMethodId } : {}),
    ...(context.warehouseId !== null ? { warehouse_id: context.warehouseId } : {}),
    note_public: publicNotes.join('\n\n'),
    note_private: `Shop order ${order.reference} (id ${order.id}), paid with ${order.paymentMethod.name || order.paymentMethod.module}.`,
    // Dolibarr passes `caller` to its triggers, so a Webhook module can ignore this module's own writes.
    caller: 'passerelle',
    lines,
  };
  return payload;
}

/** The rounding line that makes Dolibarr's total the shop's: what its own rounding left over, tax-free. */
export function roundingLine(
  difference: string,
  serviceId: number,
  foreign: boolean,
  rate: string,
): Record<string, unknown> | null {
  if (isZeroDecimal(difference)) return null;
  return {
    fk_product: serviceId,
    product_type: 1,
    label: 'Rounding difference',
    desc: '',
    qty: 1,
    ...priceColumns(difference, foreign, rate),
    tva_tx: '0',
    localtax1_tx: '0',
    localtax2_tx: '0',
    remise_percent: '0',
  };
}
