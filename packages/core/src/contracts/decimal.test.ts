import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/index.js';
import { addDecimals, compareDecimals, subtractDecimals, sumDecimals } from './decimal.js';

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

describe('decimal helpers on bad input', () => {
  it.each(['19,90', '1e3', '', ' 1', '+1', '.5', '1.'])('refuses %j', (bad) => {
    expect(() => addDecimals(bad, '1')).toThrow(ValidationError);
    expect(() => compareDecimals('1', bad)).toThrow(/Not a decimal string/);
  });

  it('refuses a number smuggled past the types', () => {
    expect(() => addDecimals(19.9 as unknown as string, '1')).toThrow(ValidationError);
  });
});
