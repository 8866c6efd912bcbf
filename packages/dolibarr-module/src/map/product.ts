import type { Product, ProductWrite, Variant, Weight } from '@passerelle/core';
import { trimDecimal } from '@passerelle/core';
import { type DolibarrProduct, stringOf } from '../payloads.types.js';
import { isoFromLocal } from './dates.js';
import { amountOf, decimalOf, rateOf } from './decimal.js';

export interface ProductMapContext {
  language: string;
  priceLevel: number;
  timeZone: string;
  stockType: 'physical' | 'virtual';
}

/** Dolibarr weight units: 0 kg, -3 g; imperial ones are 98 (ounce) and 99 (pound). */
const WEIGHT_UNITS: Record<string, Weight['unit']> = { '0': 'kg', '-3': 'g', '98': 'oz', '99': 'lb' };
const UNIT_CODES: Record<Weight['unit'], number> = { kg: 0, g: -3, oz: 98, lb: 99 };

/** The price at the chosen level: `multiprices[level]` when Dolibarr runs several prices, else `price`. */
export function levelPrice(raw: DolibarrProduct, level: number): string {
  const levels = raw.multiprices;
  if (levels && typeof levels === 'object' && !Array.isArray(levels)) {
    const atLevel = decimalOf((levels as Record<string, unknown>)[String(level)]);
    if (atLevel !== null) return trimDecimal(atLevel, 2);
  }
  return amountOf(raw.price);
}

/** Stock as the settings read it: physical (`stock_reel`) or virtual (`stock_theorique`), whole units. */
export function stockQuantity(raw: DolibarrProduct, type: 'physical' | 'virtual', warehouse: string): number {
  if (warehouse !== '0') {
    const perWarehouse = raw.stock_warehouse as Record<string, { real?: unknown }> | undefined;
    const real = decimalOf(perWarehouse?.[warehouse]?.real) ?? '0';
    return Math.trunc(Number(real));
  }
  const value = decimalOf(type === 'virtual' ? raw.stock_theorique : raw.stock_reel) ?? '0';
  return Math.trunc(Number(value));
}

function weightOf(raw: DolibarrProduct): Weight | undefined {
  const value = decimalOf(raw.weight);
  if (value === null || value.startsWith('-')) return undefined;
  const unit = WEIGHT_UNITS[String(raw.weight_units ?? '0')];
  return unit ? { value: trimDecimal(value, 0), unit } : undefined;
}

export function isService(raw: DolibarrProduct): boolean {
  return String(raw.type ?? '0') === '1';
}

export function productFromDolibarr(raw: DolibarrProduct, context: ProductMapContext, variants?: Variant[]): Product {
  const { language } = context;
  const label = stringOf(raw.label) ?? stringOf(raw.ref) ?? String(raw.id);
  const description = typeof raw.description === 'string' && raw.description !== '' ? raw.description : undefined;
  const barcode = stringOf(raw.barcode);
  const weight = weightOf(raw);
  const updated = isoFromLocal(raw.date_modification, context.timeZone);
  const product: Product = {
    id: String(raw.id),
    ...(stringOf(raw.ref) ? { reference: stringOf(raw.ref) } : {}),
    name: { [language]: label },
    ...(description ? { description: { [language]: description } } : {}),
    price: levelPrice(raw, context.priceLevel),
    taxRate: rateOf(raw.tva_tx),
    ...(barcode ? { barcode } : {}),
    ...(weight ? { weight } : {}),
    tracksStock: !isService(raw),
    active: String(raw.status ?? '1') === '1',
    ...(updated ? { sourceUpdatedAt: updated } : {}),
  };
  if (variants && variants.length > 0) product.variants = variants;
  else if (!isService(raw)) product.quantity = stockQuantity(raw, context.stockType, '0');
  return product;
}

/** The Dolibarr fields a planned product write sets: only those present in `data`. */
export function productPayload(data: Partial<ProductWrite>, language: string): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  if (data.reference !== undefined) payload.ref = data.reference;
  if (data.name !== undefined) payload.label = data.name[language] ?? Object.values(data.name)[0] ?? '';
  if (data.description !== undefined)
    payload.description = data.description[language] ?? Object.values(data.description)[0] ?? '';
  if (data.price !== undefined) {
    payload.price = data.price;
    payload.price_base_type = 'HT';
  }
  if (data.taxRate !== undefined) payload.tva_tx = data.taxRate;
  const barcode = data.ean13 ?? data.barcode ?? data.upc ?? data.isbn;
  if (barcode !== undefined) payload.barcode = barcode;
  if (data.weight !== undefined) {
    payload.weight = data.weight.value;
    payload.weight_units = UNIT_CODES[data.weight.unit];
  }
  if (data.active !== undefined) payload.status = data.active ? 1 : 0;
  return payload;
}
