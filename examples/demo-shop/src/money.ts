/**
 * Integer-cent arithmetic for the seed and the simulated orders. Amounts are bigint cents so
 * that a total is exactly the sum of its parts; rates are decimal strings (`"9.975"`).
 */

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** `"19.90"` -> `1990n`. Refuses more than two decimals: a cent amount never has them. */
export function toCents(value: string): bigint {
  const match = DECIMAL.exec(value);
  if (!match) throw new RangeError(`not a decimal amount: ${JSON.stringify(value)}`);
  const [, sign, whole = '0', fraction = ''] = match;
  if (fraction.length > 2) throw new RangeError(`more than two decimals in an amount: ${value}`);
  const units = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return sign ? -units : units;
}

/** `1990n` -> `"19.90"`, `-5n` -> `"-0.05"`. */
export function formatCents(value: bigint): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Divides and rounds half away from zero, as shops round taxes. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice < denominator) return quotient;
  return numerator < 0n ? quotient - 1n : quotient + 1n;
}

function rateUnits(rate: string): { units: bigint; scale: bigint } {
  const match = DECIMAL.exec(rate);
  if (!match || match[1]) throw new RangeError(`not a non-negative rate: ${JSON.stringify(rate)}`);
  const fraction = match[3] ?? '';
  return { units: BigInt((match[2] ?? '0') + fraction), scale: 10n ** BigInt(fraction.length) };
}

/** `rate` percent of `amount`, rounded to the cent: `percentOf(1000n, "9.975")` is `100n`. */
export function percentOf(amount: bigint, rate: string): bigint {
  const { units, scale } = rateUnits(rate);
  return divideRounded(amount * units, 100n * scale);
}

/** `amount` times a conversion rate such as `"0.9412"`, rounded to the cent. */
export function convert(amount: bigint, rate: string): bigint {
  const { units, scale } = rateUnits(rate);
  return divideRounded(amount * units, scale);
}

/** The excl. amount inside an incl. one: `excludeTax(1200n, "20")` is `1000n`. */
export function excludeTax(amountIncl: bigint, rate: string): bigint {
  const { units, scale } = rateUnits(rate);
  return divideRounded(amountIncl * 100n * scale, 100n * scale + units);
}

/** Swiss cash rounding to 5 centimes, which makes CHF totals differ from the sum of their lines. */
export function roundToFiveCents(amount: bigint): bigint {
  return divideRounded(amount, 5n) * 5n;
}

export function sumCents(values: Iterable<bigint>): bigint {
  let total = 0n;
  for (const value of values) total += value;
  return total;
}
