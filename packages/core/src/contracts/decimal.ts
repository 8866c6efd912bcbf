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
