import { ValidationError } from '../errors/index.js';

/** A signed decimal in plain notation: no exponent, no thousands separator, a dot as decimal mark. */
export const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

interface Scaled {
  /** The value times 10^scale. */
  units: bigint;
  scale: number;
}

function toScaled(value: string): Scaled {
  if (typeof value !== 'string' || !DECIMAL_PATTERN.test(value)) {
    const message = `Not a decimal string: ${JSON.stringify(value)}`;
    throw new ValidationError(message, [{ path: '', message }]);
  }
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const units = BigInt(whole + fraction);
  return { units: negative ? -units : units, scale: fraction.length };
}

function rescale(value: Scaled, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

function fromScaled(units: bigint, scale: number): string {
  // BigInt has no negative zero, so a zero result never reads "-0.00" (which would look like a debit).
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${body}` : body;
}

/**
 * Exact sum of two decimal strings, kept at the larger of their scales
 * (`"19.90" + "0.1"` is `"20.00"`, `"0.1" + "0.2"` is `"0.3"`). BigInt only: a float
 * would turn `0.1 + 0.2` into `0.30000000000000004` and break totals checks.
 */
export function addDecimals(a: string, b: string): string {
  const left = toScaled(a);
  const right = toScaled(b);
  const scale = Math.max(left.scale, right.scale);
  return fromScaled(rescale(left, scale) + rescale(right, scale), scale);
}

/** Exact `a - b`, at the larger of the two scales. */
export function subtractDecimals(a: string, b: string): string {
  const left = toScaled(a);
  const right = toScaled(b);
  const scale = Math.max(left.scale, right.scale);
  return fromScaled(rescale(left, scale) - rescale(right, scale), scale);
}

/** Exact sum of any number of decimal strings; `"0"` for none. */
export function sumDecimals(values: Iterable<string>): string {
  let total = '0';
  for (const value of values) total = addDecimals(total, value);
  return total;
}

/** -1, 0 or 1 as `a` is below, equal to or above `b`; scale does not matter (`"1.50"` equals `"1.5"`). */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const left = toScaled(a);
  const right = toScaled(b);
  const scale = Math.max(left.scale, right.scale);
  const difference = rescale(left, scale) - rescale(right, scale);
  if (difference === 0n) return 0;
  return difference < 0n ? -1 : 1;
}

/** Rounds half away from zero to `scale` decimals, exactly (`"2.345"` at 2 is `"2.35"`, `"-2.345"` is `"-2.35"`). */
export function roundDecimal(value: string, scale: number): string {
  const { units, scale: current } = toScaled(value);
  if (current <= scale) return fromScaled(units * 10n ** BigInt(scale - current), scale);
  return fromScaled(roundedQuotient(units, 10n ** BigInt(current - scale)), scale);
}

/** Exact `a × b`, at the sum of the two scales (`"1.5" × "0.20"` is `"0.300"`). */
export function multiplyDecimals(a: string, b: string): string {
  const left = toScaled(a);
  const right = toScaled(b);
  return fromScaled(left.units * right.units, left.scale + right.scale);
}

/**
 * `a / b` rounded half away from zero to `scale` decimals, exactly: a unit price from a line total,
 * a tax rate from two amounts. Throws a RangeError when `b` is zero.
 */
export function divideDecimals(a: string, b: string, scale: number): string {
  const left = toScaled(a);
  const right = toScaled(b);
  if (right.units === 0n) throw new RangeError('Division of a decimal by zero');
  // a / b = (la / 10^sa) / (lb / 10^sb) = la × 10^(sb + scale) / (lb × 10^sa), in units of 10^-scale.
  const numerator = left.units * 10n ** BigInt(right.scale + scale);
  const denominator = right.units * 10n ** BigInt(left.scale);
  return fromScaled(roundedQuotient(numerator, denominator), scale);
}

/**
 * Drops trailing fraction zeros, keeping at least `minScale` decimals (padding when it has fewer):
 * `"400.00000000"` at 2 is `"400.00"`, `"2.5000"` at 0 is `"2.5"`, `"3"` at 2 is `"3.00"`.
 */
export function trimDecimal(value: string, minScale: number): string {
  let { units, scale } = toScaled(value);
  while (scale > minScale && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  if (scale < minScale) {
    units *= 10n ** BigInt(minScale - scale);
    scale = minScale;
  }
  return fromScaled(units, scale);
}

/** `-value`, at the same scale; zero stays unsigned. */
export function negateDecimal(value: string): string {
  const { units, scale } = toScaled(value);
  return fromScaled(-units, scale);
}

/** Whether the decimal is zero at any scale (`"0.000"`, `"-0"`). */
export function isZeroDecimal(value: string): boolean {
  return toScaled(value).units === 0n;
}

/** `numerator / denominator` rounded half away from zero to a whole number. */
function roundedQuotient(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const a = numerator < 0n ? -numerator : numerator;
  const b = denominator < 0n ? -denominator : denominator;
  let quotient = a / b;
  if ((a % b) * 2n >= b) quotient += 1n;
  return negative ? -quotient : quotient;
}
