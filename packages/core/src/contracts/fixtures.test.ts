import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { customerSchema, customerWriteSchema } from './customer.js';
import { orderSchema } from './order.js';
import { productSchema, productWriteSchema } from './product.js';
import { computeRoundingDelta } from './rounding-delta.js';

/** Contract-shaped payloads hand-mapped from real platform responses (PrestaShop, WooCommerce, Shopify). */
function fixture(name: string): unknown {
  const url = new URL(`../../test/fixtures/contracts/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8'));
}

describe('PrestaShop product with combinations', () => {
  const product = productSchema.parse(fixture('prestashop-product-with-combinations'));

  it('keeps every combination as a first-class variant with its own id and SKU', () => {
    expect(product.variants?.map((variant) => [variant.id, variant.reference])).toEqual([
      ['1', 'demo_1-S-WHT'],
      ['2', 'demo_1-S-BLK'],
      ['3', 'demo_1-M-WHT'],
      ['7', 'demo_1-XL-BLK'],
    ]);
    expect(product.variants?.[3]?.options).toEqual([
      { name: 'Size', value: 'XL' },
      { name: 'Color', value: 'Black' },
    ]);
  });

  it('reads a negative combination stock and a price impact as PrestaShop stores them', () => {
    expect(product.variants?.[3]?.quantity).toBe(-2);
    expect(product.variants?.[3]?.priceImpact).toBe('2.500000');
  });

  it('holds group and catalog specific prices, defaulting fromQuantity', () => {
    expect(product.specificPrices).toHaveLength(2);
    expect(product.specificPrices?.[0]).toMatchObject({
      fromQuantity: 1,
      reduction: { type: 'percentage', value: '20' },
    });
    expect(product.specificPrices?.[1]).toMatchObject({ customerGroup: 'PRO', fixedPrice: '15.00', fromQuantity: 10 });
  });

  it('keeps texts per language', () => {
    expect(product.name).toEqual({ en: 'Hummingbird printed t-shirt', fr: 'T-shirt imprimé colibri' });
  });

  it('becomes a valid write input once platform ids are dropped', () => {
    const { id: _id, shopId: _shopId, ...rest } = product;
    const write = productWriteSchema.parse({
      ...rest,
      reference: 'demo_1',
      variants: rest.variants?.map(({ id: _v, productId: _p, shopId: _s, ...variant }) => variant),
    });
    expect(write.variants?.map((variant) => variant.reference)).toContain('demo_1-XL-BLK');
  });
});

describe('WooCommerce variable product', () => {
  const product = productSchema.parse(fixture('woocommerce-variable-product'));

  it('carries absolute variation prices, not impacts', () => {
    expect(product.variants?.map((variant) => variant.price)).toEqual(['45.00', '45.00', '45.00', '42.00']);
    expect(product.variants?.every((variant) => variant.priceImpact === undefined)).toBe(true);
  });

  it('maps upsells and cross-sells to related products by reference', () => {
    expect(product.relatedProducts).toEqual([
      { reference: 'woo-hoodie-with-zipper', type: 'upsell' },
      { reference: 'woo-beanie', type: 'cross-sell' },
    ]);
  });
});

describe('WooCommerce order: two taxes per line, shipping, coupon and fee', () => {
  const order = orderSchema.parse(fixture('woocommerce-order-multi-tax'));

  it('keeps both tax lines on every line and on shipping', () => {
    for (const line of order.lines)
      expect(line.taxLines.map((tax) => tax.name)).toEqual(['CA-QC-GST-1', 'CA-QC-QST-2']);
    expect(order.shipping[0]?.taxLines).toHaveLength(2);
  });

  it('carries the fee as a line without product and the coupon as an order discount', () => {
    const fee = order.lines.find((line) => line.kind === 'fee');
    expect(fee).toMatchObject({ productId: null, reference: null, totalIncl: '2.30' });
    expect(order.discounts).toEqual([
      { name: 'Coupon summer10', code: 'summer10', totalExcl: '10.80', totalIncl: '12.42' },
    ]);
  });

  it('states the 1-cent "round at subtotal" delta, which computeRoundingDelta finds again', () => {
    expect(order.roundingDelta).toBe('-0.01');
    expect(computeRoundingDelta(order)).toBe(order.roundingDelta);
  });
});

describe('PrestaShop guest order with several destinations', () => {
  const order = orderSchema.parse(fixture('prestashop-guest-order-multi-destination'));

  it('is a guest order from a guest customer', () => {
    expect(order.guest).toBe(true);
    expect(order.customer.isGuest).toBe(true);
    expect(order.customer.reference).toBeUndefined();
  });

  it('ships each line to its own address with its own carrier', () => {
    expect(
      order.shippingDestinations.map((destination) => [
        destination.address.city,
        destination.lineIds,
        destination.carrier?.name,
      ]),
    ).toEqual([
      ['Paris', ['88'], 'My carrier'],
      ['Lyon', ['89'], 'Colissimo'],
    ]);
  });

  it('keeps the raw PrestaShop state beside each mapped status', () => {
    expect(order.status).toEqual({ status: 'paid', rawStatus: '2' });
    expect(order.statusHistory.map((entry) => entry.rawStatus)).toEqual(['10', '2']);
  });

  it('adds up: wrapping, two shipping charges and a voucher leave no delta', () => {
    expect(computeRoundingDelta(order)).toBe('0.00');
    expect(order.roundingDelta).toBe('0.00');
  });
});

describe('Shopify customer', () => {
  const customer = customerSchema.parse(fixture('shopify-customer'));

  it('reads a customer that has no ERP code yet, with the group from its tag', () => {
    expect(customer.reference).toBeUndefined();
    expect(customer.groups).toEqual(['Wholesale']);
    expect(customer.addresses?.[0]).toMatchObject({ state: 'US-KY', country: 'US', type: 'both' });
  });

  it('keeps the untouched platform payload only in raw', () => {
    expect(customer.raw).toMatchObject({ id: 'gid://shopify/Customer/207119551', tags: ['Wholesale'] });
  });

  it('is refused as a write input: read-only and platform fields are unknown there', () => {
    const result = customerWriteSchema.safeParse({ ...(fixture('shopify-customer') as object), reference: 'C000123' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', path: [] });
    expect(result.error?.issues[0]?.message).toBe('Unknown field: id, shopId, hasOrders, createdAt, raw');
  });
});
