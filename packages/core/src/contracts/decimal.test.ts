import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/index.js';
import {
  addDecimals,
  compareDecimals,
  divideDecimals,
  isZeroDecimal,
  multiplyDecimals,
  negateDecimal,
  roundDecimal,
  subtractDecimals,
  sumDecimals,
  trimDecimal,
} from './decimal.js';

describe('addDecimals', () => {
  it.each([
    ['0.1', '0.2', '0.3'],
    ['19.90', '0.1', '20.00'],
    ['1', '2.345', '3.345'],
    ['-5.50', '2.25', '-3.25'],
    ['-0.01', '0.01', '0.00'],
    ['-1.5', '-2.25', '-3.75'],
    ['999999999999999999.99', '0.01', '1000000000000000000.00'],
    ['007.50', '0', '7.50'],
  ])('%s + %s = %s', (a, b, expected) => {
    expect(addDecimals(a, b)).toBe(expected);
  });
});

describe('subtractDecimals', () => {
  it.each([
    ['0.3', '0.1', '0.2'],
    ['125.55', '125.56', '-0.01'],
    ['10', '10.00', '0.00'],
    ['-1', '0.5', '-1.5'],
    ['0.0001', '-0.0001', '0.0002'],
  ])('%s - %s = %s', (a, b, expected) => {
    expect(subtractDecimals(a, b)).toBe(expected);
  });
});

describe('sumDecimals', () => {
  it('adds any number of values exactly', () => {
    expect(sumDecimals(['0.1', '0.1', '0.1', '0.1', '0.1', '0.1', '0.1', '0.1', '0.1', '0.1'])).toBe('1.0');
    expect(sumDecimals([])).toBe('0');
  });
});

describe('compareDecimals', () => {
  it.each([
    ['1.50', '1.5', 0],
    ['-0.00', '0', 0],
    ['0.3', '0.30000000000000004', -1],
    ['10', '9.999', 1],
    ['-2', '-10', 1],
    ['-0.01', '0', -1],
  ] as const)('compare(%s, %s) = %i', (a, b, expected) => {
    expect(compareDecimals(a, b)).toBe(expected);
  });
});

describe('rounding, products and quotients, exactly', () => {
  it.each([
    ['2.345', 2, '2.35'],
    ['-2.345', 2, '-2.35'],
    ['2.344999', 2, '2.34'],
    ['0.005', 2, '0.01'],
    ['-0.004', 2, '0.00'],
    ['7', 2, '7.00'],
    ['19.999', 0, '20'],
  ] as const)('round(%s, %i) = %s', (value, scale, expected) => {
    expect(roundDecimal(value, scale)).toBe(expected);
  });

  it.each([
    ['1.5', '0.20', '0.300'],
    ['-3', '0.5', '-1.5'],
    ['0.1', '0.2', '0.02'],
    ['0', '-4.25', '0.00'],
  ] as const)('multiply(%s, %s) = %s', (a, b, expected) => {
    expect(multiplyDecimals(a, b)).toBe(expected);
  });

  it.each([
    ['10', '3', 2, '3.33'],
    ['20', '3', 2, '6.67'],
    ['-20', '3', 2, '-6.67'],
    ['59.70', '3', 2, '19.90'],
    ['1', '8', 2, '0.13'],
    ['0.125', '-1', 2, '-0.13'],
    ['12.00', '0.5', 0, '24'],
  ] as const)('divide(%s, %s) at %i = %s', (a, b, scale, expected) => {
    expect(divideDecimals(a, b, scale)).toBe(expected);
  });

  it('refuses a division by zero at any scale', () => {
    expect(() => divideDecimals('1', '0.000', 2)).toThrow(RangeError);
  });

  it.each([
    ['400.00000000', 2, '400.00'],
    ['0.12345000', 2, '0.12345'],
    ['2.5000', 0, '2.5'],
    ['3', 2, '3.00'],
    ['-1.100', 0, '-1.1'],
  ] as const)('trim(%s, %i) = %s', (value, scale, expected) => {
    expect(trimDecimal(value, scale)).toBe(expected);
  });

  it('negates without a negative zero, and sees zero at any scale', () => {
    expect(negateDecimal('19.90')).toBe('-19.90');
    expect(negateDecimal('-0.5')).toBe('0.5');
    expect(negateDecimal('0.00')).toBe('0.00');
    expect(isZeroDecimal('-0.000')).toBe(true);
    expect(isZeroDecimal('0.001')).toBe(false);
  });
});

describe('decimal helpers on bad input', () => {
  it.each(['19,90', '1e3', '', ' 1', '+1', '.5', '1.'])('refuses %j', (bad) => {
    expect(() => addDecimals(bad, '1')).toThrow(ValidationError);
    expect(() => compareDecimals('1', bad)).toThrow(/Not a decimal string/);
  });

  it('refuses a number smuggled past the types', () => {
    expect(() => addDecimals(19.9 as unknown as string, '1')).toThrow(ValidationError);
  });
});
