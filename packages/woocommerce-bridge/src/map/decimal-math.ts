import { DECIMAL_PATTERN } from '@passerelle/core';

/**
 * Exact decimal arithmetic on strings (BigInt), for the few places the bridge must derive an amount:
 * a unit price from a line total, a weight in another unit. Money is never a float.
 */

interface Scaled {
  units: bigint;
  scale: number;
}

function toScaled(value: string): Scaled {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const units = BigInt(`${whole}${fraction}` || '0');
  return { units: negative ? -units : units, scale: fraction.length };
}

function format(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

/** Divides `numerator / denominator` (both BigInt) rounding half away from zero at `places`. */
function roundedQuotient(numerator: bigint, denominator: bigint, places: number): string {
  const scaled = numerator * 10n ** BigInt(places);
  const negative = scaled < 0n !== denominator < 0n;
  const a = scaled < 0n ? -scaled : scaled;
  const b = denominator < 0n ? -denominator : denominator;
  let quotient = a / b;
  if ((a % b) * 2n >= b) quotient += 1n;
  return format(negative ? -quotient : quotient, places);
}

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
  const { units, scale } = toScaled(value);
  return trimZeros(roundedQuotient(units, BigInt(divisor) * 10n ** BigInt(scale), places), 2);
}

/** A rational factor `numerator / denominator`. */
export type Ratio = readonly [bigint, bigint];

/** `value * factor`, rounded at `places`, trailing zeros trimmed (`2.5000` is `2.5`). */
export function scaleDecimal(value: string, factor: Ratio, places = 4): string {
  const { units, scale } = toScaled(value);
  return trimZeros(roundedQuotient(units * factor[0], factor[1] * 10n ** BigInt(scale), places), 0);
}

/** Removes trailing fraction zeros, keeping at least `minPlaces` decimals. */
export function trimZeros(value: string, minPlaces: number): string {
  if (!value.includes('.')) return minPlaces > 0 ? `${value}.${'0'.repeat(minPlaces)}` : value;
  const [whole, fraction = ''] = value.split('.');
  let kept = fraction.replace(/0+$/, '');
  if (kept.length < minPlaces) kept = kept.padEnd(minPlaces, '0');
  return kept ? `${whole}.${kept}` : (whole as string);
}

/** `percent` % of `value` (`"12.5"` % of `"80.00"` is `"10.00"`), rounded at `places`. */
export function percentOf(value: string, percent: string, places = 2): string {
  const { units, scale } = toScaled(percent);
  const text = scaleDecimal(value, [units, 100n * 10n ** BigInt(scale)], places);
  return trimZeros(text, places);
}
