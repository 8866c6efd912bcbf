import { describe, expect, it } from 'vitest';
import { computeRoundingDelta, type RoundingDeltaInput } from './rounding-delta.js';

function line(totalIncl: string) {
  return {
    id: totalIncl,
    productId: '1',
    variantId: null,
    reference: 'SKU',
    name: 'Item',
    quantity: 1,
    unitPriceExcl: totalIncl,
    unitPriceIncl: totalIncl,
    taxLines: [],
    discounts: [],
    totalExcl: totalIncl,
    totalIncl,
  };
}

function order(parts: {
  lines: string[];
  shipping?: string[];
  wrapping?: string | null;
  discounts?: string[];
  totalIncl: string;
}): RoundingDeltaInput {
  const zero = '0.00';
  return {
    lines: parts.lines.map(line),
    shipping: (parts.shipping ?? []).map((totalIncl) => ({
      name: 'Ship',
      totalExcl: totalIncl,
      totalIncl,
      taxLines: [],
    })),
    wrapping: parts.wrapping ? { totalExcl: parts.wrapping, totalIncl: parts.wrapping, taxLines: [] } : null,
    discounts: (parts.discounts ?? []).map((totalIncl) => ({ name: 'Coupon', totalExcl: totalIncl, totalIncl })),
    totals: {
      productsExcl: zero,
      productsIncl: zero,
      shippingExcl: zero,
      shippingIncl: zero,
      discountsExcl: zero,
      discountsIncl: zero,
      wrappingExcl: zero,
      wrappingIncl: zero,
      taxTotal: zero,
      totalExcl: zero,
      totalIncl: parts.totalIncl,
      paid: zero,
    },
  };
}

describe('computeRoundingDelta', () => {
  it('is zero when the parts add up', () => {
    expect(
      computeRoundingDelta(
        order({
          lines: ['28.56', '22.94'],
          shipping: ['14.40'],
          wrapping: '3.00',
          discounts: ['5.00'],
          totalIncl: '63.90',
        }),
      ),
    ).toBe('0.00');
  });

  it('is negative when the shop rounded the total down (WooCommerce "round at subtotal")', () => {
    expect(
      computeRoundingDelta(
        order({ lines: ['103.48', '20.70', '2.30'], shipping: ['11.50'], discounts: ['12.42'], totalIncl: '125.55' }),
      ),
    ).toBe('-0.01');
  });

  it('is positive when the total is above the parts', () => {
    expect(computeRoundingDelta(order({ lines: ['10.00', '10.00', '10.00'], totalIncl: '30.01' }))).toBe('0.01');
  });

  it('never goes through floats: 0.1 + 0.2 lines against a 0.3 total', () => {
    expect(computeRoundingDelta(order({ lines: ['0.1', '0.2'], totalIncl: '0.3' }))).toBe('0.0');
  });

  it('keeps sub-cent precision the shop transported', () => {
    expect(computeRoundingDelta(order({ lines: ['103.4775'], shipping: ['11.4975'], totalIncl: '114.98' }))).toBe(
      '0.0050',
    );
  });

  it('counts discounts as amounts taken off and wrapping as an amount added', () => {
    expect(
      computeRoundingDelta(
        order({ lines: ['50.00'], wrapping: '2.00', discounts: ['10.00', '2.00'], totalIncl: '40.00' }),
      ),
    ).toBe('0.00');
  });
});
