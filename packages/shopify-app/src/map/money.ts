import { DECIMAL_PATTERN } from '@passerelle/core';
import type { MoneyBag } from '../graphql/shopify.types.js';

/** Which side of a MoneyBag the order is read in (`platform.shopify.orderCurrency`). */
export type CurrencySide = 'shop' | 'presentment';

/** The amount of a MoneyBag as a decimal string, in the chosen currency; "0" for an absent bag. */
export function amountOf(bag: MoneyBag | null | undefined, side: CurrencySide): string {
  if (!bag) return '0';
  const money = side === 'shop' ? bag.shopMoney : bag.presentmentMoney;
  return normaliseDecimal(money.amount);
}

/** Shopify's `Decimal` and `Money` scalars are strings already; numbers (REST webhooks) are converted without exponent. */
export function normaliseDecimal(value: string | number): string {
  const text = typeof value === 'number' ? numberToDecimal(value, 10) : value.trim();
  if (!DECIMAL_PATTERN.test(text)) throw new TypeError(`Shopify sent a non-decimal amount: ${JSON.stringify(value)}`);
  return text;
}

/** A float (a rate, a weight: never money) written as a plain decimal string with at most `places` decimals. */
export function numberToDecimal(value: number, places = 6): string {
  if (!Number.isFinite(value)) throw new TypeError(`Not a finite number: ${value}`);
  const fixed = value.toFixed(places);
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

/** A tax rate from Shopify's fraction (`0.06`) to the contract's percent (`"6"`). */
export function ratePercent(rate: number | null | undefined): string {
  return numberToDecimal((rate ?? 0) * 100, 6);
}

function scaled(value: string): { units: bigint; scale: number } {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const units = BigInt(whole + fraction);
  return { units: negative ? -units : units, scale: fraction.length };
}

function fromScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${body}` : body;
}

/** Exact `amount × quantity`, at the amount's own scale. */
export function multiplyDecimal(amount: string, quantity: number): string {
  if (!Number.isInteger(quantity)) throw new TypeError('A quantity is a whole number');
  const value = scaled(normaliseDecimal(amount));
  return fromScaled(value.units * BigInt(quantity), value.scale);
}

/** Exact `a × b` of two decimal strings, at the sum of their scales. */
export function multiplyDecimals(a: string, b: string): string {
  const left = scaled(normaliseDecimal(a));
  const right = scaled(normaliseDecimal(b));
  return fromScaled(left.units * right.units, left.scale + right.scale);
}

/** `a ÷ b` rounded half-up to `places` decimals, BigInt only. */
export function divideDecimals(a: string, b: string, places: number): string {
  const left = scaled(normaliseDecimal(a));
  const right = scaled(normaliseDecimal(b));
  if (right.units === 0n) throw new RangeError('Division by zero');
  // a/b = (la / 10^sa) / (lb / 10^sb); scale the numerator so the quotient has places + 1 digits to round.
  const numerator = left.units * 10n ** BigInt(places + 1 + right.scale);
  const denominator = right.units * 10n ** BigInt(left.scale);
  let quotient = numerator / denominator;
  const negative = quotient < 0n;
  if (negative) quotient = -quotient;
  const rounded = (quotient + 5n) / 10n;
  return fromScaled(negative ? -rounded : rounded, places);
}
