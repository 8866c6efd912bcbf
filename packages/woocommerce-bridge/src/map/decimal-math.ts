import { DECIMAL_PATTERN, divideDecimals, multiplyDecimals, trimDecimal } from '@passerelle/core';

/**
 * The few places the bridge must derive an amount (a unit price from a line total, a weight in another
 * unit) use core's exact decimal arithmetic: money is never a float. What is WooCommerce's own here is
 * how it writes amounts (`""` for unset) and the scales the bridge trims to.
 */

/** A WooCommerce amount: `""` or null means unset; anything else must be a plain decimal. */
export function wooDecimal(value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = String(value).trim();
  if (text === '') return undefined;
  return DECIMAL_PATTERN.test(text) ? text : undefined;
}

/** Like `wooDecimal`, with `"0"` for unset: totals that WooCommerce leaves blank when nothing was charged. */
export function wooAmount(value: string | number | null | undefined): string {
  return wooDecimal(value) ?? '0';
}

/** `value / divisor`, exactly rounded half away from zero at `places` (unit price from a line total). */
export function divideDecimal(value: string, divisor: number, places = 6): string {
  if (!Number.isInteger(divisor) || divisor === 0)
    throw new RangeError('divideDecimal needs a non-zero integer divisor');
  return trimDecimal(divideDecimals(value, String(divisor), places), 2);
}

/** A rational factor `numerator / denominator`. */
export type Ratio = readonly [bigint, bigint];

/** `value * factor`, rounded at `places`, trailing zeros trimmed (`2.5000` is `2.5`). */
export function scaleDecimal(value: string, factor: Ratio, places = 4): string {
  return trimDecimal(divideDecimals(multiplyDecimals(value, String(factor[0])), String(factor[1]), places), 0);
}

/** Removes trailing fraction zeros, keeping at least `minPlaces` decimals. */
export function trimZeros(value: string, minPlaces: number): string {
  return trimDecimal(value, minPlaces);
}

/** `percent` % of `value` (`"12.5"` % of `"80.00"` is `"10.00"`), rounded at `places`. */
export function percentOf(value: string, percent: string, places = 2): string {
  return trimDecimal(divideDecimals(multiplyDecimals(value, percent), '100', places), places);
}
