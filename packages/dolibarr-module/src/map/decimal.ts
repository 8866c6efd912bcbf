import { DECIMAL_PATTERN, trimDecimal } from '@passerelle/core';

/**
 * Dolibarr sends amounts as strings with 8 decimals (`"400.00000000"`), sometimes as JSON numbers
 * (`variation_price: 5`) and `null` for an empty total. Everything here is BigInt arithmetic on
 * decimal strings (core's `roundDecimal`, `multiplyDecimals`, `divideDecimals`…): a float would turn 19.90
 * into 19.899999… and shift totals by a cent. What is Dolibarr's own here is how it writes amounts.
 */

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
