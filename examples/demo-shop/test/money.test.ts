import { describe, expect, it } from 'vitest';
import { convert, excludeTax, formatCents, percentOf, roundToFiveCents, toCents } from '../src/money.js';

describe('integer-cent money', () => {
  it('parses and formats decimal strings exactly', () => {
    expect(toCents('19.9')).toBe(1990n);
    expect(toCents('-0.05')).toBe(-5n);
    expect(formatCents(1990n)).toBe('19.90');
    expect(formatCents(-5n)).toBe('-0.05');
    expect(formatCents(0n)).toBe('0.00');
    expect(() => toCents('1.999')).toThrow(RangeError);
    expect(() => toCents('1e3')).toThrow(RangeError);
  });

  it('rounds taxes half away from zero, with rates of any precision', () => {
    expect(percentOf(3750n, '5')).toBe(188n); // 1.875 -> 1.88
    expect(percentOf(3750n, '9.975')).toBe(374n); // 3.740625 -> 3.74
    expect(percentOf(-3750n, '5')).toBe(-188n);
    expect(excludeTax(1990n, '20')).toBe(1658n);
    expect(excludeTax(2490n, '20')).toBe(2075n);
  });

  it('converts currencies and settles Swiss amounts to 5 centimes', () => {
    expect(convert(2492n, '0.941200')).toBe(2345n);
    expect(roundToFiveCents(7857n)).toBe(7855n);
    expect(roundToFiveCents(7858n)).toBe(7860n);
  });
});
