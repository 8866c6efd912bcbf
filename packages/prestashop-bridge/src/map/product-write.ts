import type { ProductWrite, Variant } from '@passerelle/core';
import type { ShopSnapshot } from '../shop-context.js';
import type { PsFieldValue } from '../xml.js';
import { writeLocalized } from './multilang.js';
import { visibilityToPs } from './product.js';
import { boolText, decimal, shiftDecimal, toLinkRewrite } from './scalars.js';

type Fields = Record<string, PsFieldValue>;

const WEIGHT_SCALE: Record<string, number> = { g: 0, kg: 3 };
const LENGTH_SCALE: Record<string, number> = { mm: 0, cm: 1, m: 3 };

/** A quantity in `from` expressed in `to`, when both are metric (a shift of the decimal point); else `null`. */
function convert(value: string, from: string, to: string, scales: Record<string, number>): string | null {
  if (from === to) return decimal(value);
  const source = scales[from];
  const target = scales[to];
  if (source === undefined || target === undefined) return null;
  return shiftDecimal(value, source - target);
}

/** Barcodes: `ean13`, `upc`, `isbn`, `mpn` as they are; a generic `barcode` goes where its digits fit. */
export function barcodeFields(
  data: Partial<Pick<ProductWrite, 'barcode' | 'ean13' | 'upc' | 'isbn' | 'mpn'>>,
  fields: Fields,
  notes: string[],
) {
  if (data.ean13 !== undefined) fields.ean13 = data.ean13;
  if (data.upc !== undefined) fields.upc = data.upc;
  if (data.isbn !== undefined) fields.isbn = data.isbn;
  if (data.mpn !== undefined) fields.mpn = data.mpn;
  if (data.barcode !== undefined) {
    if (/^\d{8,13}$/.test(data.barcode) && data.ean13 === undefined) fields.ean13 = data.barcode;
    else if (/^\d{6,12}$/.test(data.barcode) && data.upc === undefined) fields.upc = data.barcode;
    else if (data.ean13 === undefined && data.upc === undefined) {
      notes.push(`barcode "${data.barcode}" is neither an EAN-13 nor a UPC: not written`);
    }
  }
}

/** Translated texts of a write, in every language the shop knows. */
function localized(text: Record<string, string>, shop: ShopSnapshot, notes: string[], field: string) {
  const { value, unknown } = writeLocalized(text, shop);
  if (unknown.length) notes.push(`${field}: language ${unknown.join(', ')} is not installed in the shop`);
  return value;
}

/**
 * The product fields of a planned write that map one to one (texts, prices, codes, measures, flags).
 * What needs a look-up (tax group, brand, categories, features, accessories, pack items) is resolved by
 * the caller. Returns a refusal when the write cannot be made as asked.
 */
export function productFields(
  data: Partial<ProductWrite>,
  shop: ShopSnapshot,
  create: boolean,
): { fields: Fields; notes: string[]; refusal?: string } {
  const fields: Fields = {};
  const notes: string[] = [];
  if (
    data.currency !== undefined &&
    data.currency !== shop.defaultCurrency &&
    (data.price !== undefined || data.wholesalePrice !== undefined)
  ) {
    return {
      fields,
      notes,
      refusal: `PrestaShop holds base prices in the shop's default currency (${shop.defaultCurrency}), not ${data.currency}`,
    };
  }
  if (data.name !== undefined) fields.name = localized(data.name, shop, notes, 'name');
  if (data.shortDescription !== undefined)
    fields.description_short = localized(data.shortDescription, shop, notes, 'shortDescription');
  if (data.description !== undefined) fields.description = localized(data.description, shop, notes, 'description');
  if (data.metaTitle !== undefined) fields.meta_title = localized(data.metaTitle, shop, notes, 'metaTitle');
  if (data.metaDescription !== undefined)
    fields.meta_description = localized(data.metaDescription, shop, notes, 'metaDescription');
  if (data.metaKeywords !== undefined) fields.meta_keywords = localized(data.metaKeywords, shop, notes, 'metaKeywords');
  const slugSource = data.slug ?? (create ? data.name : undefined);
  if (slugSource !== undefined) {
    const slugs = Object.fromEntries(Object.entries(slugSource).map(([code, text]) => [code, toLinkRewrite(text)]));
    fields.link_rewrite = localized(slugs, shop, notes, 'slug');
  }
  if (data.price !== undefined) fields.price = decimal(data.price);
  else if (create) fields.price = '0';
  if (data.wholesalePrice !== undefined) fields.wholesale_price = decimal(data.wholesalePrice);
  barcodeFields(data, fields, notes);
  if (data.weight !== undefined) {
    const weight = convert(data.weight.value, data.weight.unit, shop.weightUnit, WEIGHT_SCALE);
    if (weight === null)
      notes.push(`weight in ${data.weight.unit} cannot be converted to the shop's ${shop.weightUnit}: not written`);
    else fields.weight = weight;
  }
  const unit = data.dimensionUnit ?? shop.dimensionUnit;
  for (const [field, value] of [
    ['width', data.width],
    ['height', data.height],
    ['depth', data.depth],
  ] as const) {
    if (value === undefined) continue;
    const converted = convert(value, unit, shop.dimensionUnit, LENGTH_SCALE);
    if (converted === null)
      notes.push(`${field} in ${unit} cannot be converted to the shop's ${shop.dimensionUnit}: not written`);
    else fields[field] = converted;
  }
  if (data.active !== undefined) fields.active = boolText(data.active);
  if (data.visibility !== undefined) fields.visibility = visibilityToPs[data.visibility];
  if (data.condition !== undefined) fields.condition = data.condition;
  if (data.isPack !== undefined) fields.type = data.isPack ? 'pack' : 'simple';
  if (data.tracksStock === false)
    notes.push('tracksStock: stock management is a shop-wide setting in PrestaShop (PS_STOCK_MANAGEMENT): not written');
  if (create) {
    if (data.reference !== undefined) fields.reference = data.reference;
    fields.state = '1';
    fields.minimal_quantity = '1';
  }
  return { fields, notes };
}

/** The combination fields of a planned variant write; the price impact is computed by the caller when `price` is sent. */
export function combinationFields(data: Partial<Variant>, notes: string[]): Fields {
  const fields: Fields = {};
  barcodeFields(data, fields, notes);
  if (data.priceImpact !== undefined) fields.price = decimal(data.priceImpact);
  if (data.wholesalePrice !== undefined) fields.wholesale_price = decimal(data.wholesalePrice);
  if (data.weightImpact !== undefined) fields.weight = decimal(data.weightImpact);
  // `default_on` is unique per product: "not default" is NULL, not 0.
  if (data.isDefault !== undefined) fields.default_on = data.isDefault ? '1' : null;
  if (data.images?.length) notes.push('variant images are not written: associate product images in the back office');
  if (data.active === false) notes.push('variant active flag: PrestaShop combinations have none; not written');
  return fields;
}
