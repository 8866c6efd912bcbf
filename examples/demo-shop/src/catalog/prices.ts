import { addDecimals, compareDecimals, type PriceWrite, type SpecificPrice, subtractDecimals } from '@passerelle/core';
import { readJson } from '../database.js';
import { DEFAULT_CURRENCY, taxClassForRate } from '../shop-configuration.js';
import type { ShopContext } from '../shop-context.js';
import { touchItem } from './touch-item.js';

interface PricedProduct {
  id: number;
  reference: string | null;
  data: string;
}

interface PricedVariant {
  id: number;
  product_id: number;
  reference: string | null;
  data: string;
}

interface PriceFields {
  price?: string;
  priceImpact?: string;
  taxRate?: string;
  taxClass?: string;
  specificPrices?: SpecificPrice[];
}

export type PriceView = PriceWrite & { id: string };

/**
 * Prices by SKU. The catalog is priced excl. tax in EUR; a variant is priced by an impact on its
 * product's price (PrestaShop combinations), so writing a variant's price moves its impact.
 */
export function createPriceRepository(context: ShopContext) {
  const { db } = context;
  const productByReference = db.prepare<[string], PricedProduct>(
    'SELECT id, reference, data FROM products WHERE reference = ?',
  );
  const productById = db.prepare<[number], PricedProduct>('SELECT id, reference, data FROM products WHERE id = ?');
  const variantByReference = db.prepare<[string], PricedVariant>(
    'SELECT id, product_id, reference, data FROM variants WHERE reference = ?',
  );

  const view = (reference: string): PriceView | undefined => {
    const variant = variantByReference.get(reference);
    if (variant) {
      const product = productById.get(variant.product_id);
      const parent = product ? readJson<PriceFields>(product.data) : {};
      const own = readJson<PriceFields>(variant.data);
      const price = own.price ?? addDecimals(parent.price ?? '0', own.priceImpact ?? '0');
      return {
        id: String(variant.id),
        reference,
        // A negative impact larger than the price would read as a negative price: the shop sells at 0.
        price: compareDecimals(price, '0') < 0 ? '0.00' : price,
        currency: DEFAULT_CURRENCY,
        ...(parent.taxRate ? { taxRate: parent.taxRate } : {}),
        ...(own.specificPrices?.length ? { specificPrices: own.specificPrices } : {}),
      };
    }
    const product = productByReference.get(reference);
    if (!product) return undefined;
    const fields = readJson<PriceFields>(product.data);
    return {
      id: String(product.id),
      reference,
      price: fields.price ?? '0.00',
      currency: DEFAULT_CURRENCY,
      ...(fields.taxRate ? { taxRate: fields.taxRate } : {}),
      ...(fields.specificPrices?.length ? { specificPrices: fields.specificPrices } : {}),
    };
  };

  const cleanSpecificPrices = (prices: readonly SpecificPrice[]): SpecificPrice[] =>
    prices.map(({ id: _id, ...rest }) => rest);

  return {
    getByReferences(references: string[]): Map<string, PriceView> {
      const out = new Map<string, PriceView>();
      for (const reference of new Set(references)) {
        const found = view(reference);
        if (found) out.set(reference, found);
      }
      return out;
    },
    write(reference: string, data: Partial<PriceWrite>): { id: string; note?: string } {
      if (data.currency !== undefined && data.currency !== DEFAULT_CURRENCY) {
        throw new Error(`base prices are kept in ${DEFAULT_CURRENCY}; send ${data.currency} prices as specific prices`);
      }
      if (data.priceIncl !== undefined && data.price === undefined) {
        throw new Error('this shop stores prices excl. tax: send price (priceIncl alone cannot be stored)');
      }
      const note = data.priceIncl !== undefined ? 'priceIncl not stored: this shop keeps prices excl. tax' : undefined;
      const variant = variantByReference.get(reference);
      if (variant) {
        const product = productById.get(variant.product_id);
        if (!product) throw new Error(`variant "${reference}" has no product`);
        const parent = readJson<PriceFields>(product.data);
        const own = readJson<PriceFields>(variant.data);
        if (data.price !== undefined) {
          if (own.price !== undefined) own.price = data.price;
          else own.priceImpact = subtractDecimals(data.price, parent.price ?? '0');
        }
        if (data.specificPrices !== undefined) own.specificPrices = cleanSpecificPrices(data.specificPrices);
        db.prepare('UPDATE variants SET data = ? WHERE id = ?').run(JSON.stringify(own), variant.id);
        if (data.taxRate !== undefined) {
          // Tax is a product-wide setting: every variant of the product follows it.
          parent.taxRate = data.taxRate;
          const taxClass = taxClassForRate(data.taxRate);
          if (taxClass) parent.taxClass = taxClass;
          db.prepare('UPDATE products SET data = ? WHERE id = ?').run(JSON.stringify(parent), product.id);
        }
        touchItem(context, product.id, variant.id);
        return { id: String(variant.id), ...(note ? { note } : {}) };
      }
      const product = productByReference.get(reference);
      if (!product) throw new Error(`no product or variant with reference "${reference}"`);
      const fields = readJson<PriceFields>(product.data);
      if (data.price !== undefined) fields.price = data.price;
      if (data.taxRate !== undefined) {
        fields.taxRate = data.taxRate;
        const taxClass = taxClassForRate(data.taxRate);
        if (taxClass) fields.taxClass = taxClass;
      }
      if (data.specificPrices !== undefined) fields.specificPrices = cleanSpecificPrices(data.specificPrices);
      db.prepare('UPDATE products SET data = ? WHERE id = ?').run(JSON.stringify(fields), product.id);
      touchItem(context, product.id, null);
      return { id: String(product.id), ...(note ? { note } : {}) };
    },
  };
}

export type PriceRepository = ReturnType<typeof createPriceRepository>;
