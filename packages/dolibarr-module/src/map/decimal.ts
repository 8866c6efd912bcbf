import { DECIMAL_PATTERN } from '@passerelle/core';

/**
 * Dolibarr sends amounts as strings with 8 decimals (`"400.00000000"`), sometimes as JSON numbers
 * (`variation_price: 5`) and `null` for an empty total. Everything here is BigInt arithmetic on
 * decimal strings: a float would turn 19.90 into 19.899999… and shift totals by a cent.
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

function fromScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${body}` : body;
}

/** A JSON value Dolibarr uses for an amount, as a plain decimal string; `null` when it holds none. */
export function decimalOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    // JSON numbers are printed the shortest way that round-trips, so `5.5` stays "5.5", never "5.4999…".
    const text = String(value);
    return /e/i.test(text) ? value.toFixed(8) : text;
  }
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const normalised = trimmed.startsWith('.') ? `0${trimmed}` : trimmed.replace(/^-\./, '-0.');
  return DECIMAL_PATTERN.test(normalised) ? normalised : null;
}

/** Drops the trailing zeros of Dolibarr's 8-decimal strings, keeping at least `minScale` decimals. */
export function trimDecimal(value: string, minScale: number): string {
  const { units, scale } = toScaled(value);
  let current = units;
  let currentScale = scale;
  while (currentScale > minScale && current % 10n === 0n) {
    current /= 10n;
    currentScale--;
  }
  if (currentScale < minScale) {
    current *= 10n ** BigInt(minScale - currentScale);
    currentScale = minScale;
  }
  return fromScaled(current, currentScale);
}

/** An amount as the contracts carry it: `"400.00000000"` → `"400.00"`, `"0.12345000"` → `"0.12345"`; absent → `"0.00"`. */
export function amountOf(value: unknown): string {
  const decimal = decimalOf(value);
  return decimal === null ? '0.00' : trimDecimal(decimal, 2);
}

/** A rate or quantity without padding: `"20.000"` → `"20"`, `"5.500"` → `"5.5"`. */
export function rateOf(value: unknown): string {
  const decimal = decimalOf(value);
  return decimal === null ? '0' : trimDecimal(decimal, 0);
}

/** Rounds half away from zero to `scale` decimals, exactly. */
export function roundTo(value: string, scale: number): string {
  const { units, scale: current } = toScaled(value);
  if (current <= scale) return fromScaled(units * 10n ** BigInt(scale - current), scale);
  const divisor = 10n ** BigInt(current - scale);
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  let quotient = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor) quotient += 1n;
  return fromScaled(negative ? -quotient : quotient, scale);
}

export function multiplyDecimals(a: string, b: string): string {
  const left = toScaled(a);
  const right = toScaled(b);
  return fromScaled(left.units * right.units, left.scale + right.scale);
}

/** `a / b` rounded half away from zero to `scale` decimals. */
export function divideDecimals(a: string, b: string, scale: number): string {
  const left = toScaled(a);
  const right = toScaled(b);
  if (right.units === 0n) throw new RangeError('division by zero');
  // a/b = (la / 10^sa) / (lb / 10^sb); scaled by 10^(scale+1) for the rounding digit.
  const numerator = left.units * 10n ** BigInt(right.scale + scale + 1);
  const denominator = right.units * 10n ** BigInt(left.scale);
  const raw = numerator / denominator;
  return roundTo(fromScaled(raw, scale + 1), scale);
}

export function negateDecimal(value: string): string {
  if (/^-?0*(\.0*)?$/.test(value)) return value.replace(/^-/, '');
  return value.startsWith('-') ? value.slice(1) : `-${value}`;
}

export function isZeroDecimal(value: string): boolean {
  return toScaled(value).units === 0n;
}
