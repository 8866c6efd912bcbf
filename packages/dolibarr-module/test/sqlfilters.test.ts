import { describe, expect, it } from 'vitest';
import { all, any, dialectFor, isFilterable, oneOf, test } from '../src/sqlfilters.js';

const strict = dialectFor({ text: '20.0.2', major: 20, minor: 0 }, 'Europe/Paris');
const legacy = dialectFor({ text: '18.0.4', major: 18, minor: 0 }, 'Europe/Paris');

describe('sqlfilters', () => {
  it('quotes strings and writes dates in the server zone, strict from Dolibarr 20', () => {
    expect(test('t.ref', 'like', 'SO-%', strict)).toBe("(t.ref:like:'SO-%')");
    // 2025-06-01T08:00:00Z is 10:00 in Paris (CEST).
    expect(test('t.tms', '>=', { date: '2025-06-01T08:00:00Z' }, strict)).toBe("(t.tms:>=:'2025-06-01 10:00:00')");
    expect(test('t.rowid', '>', 42, strict)).toBe('(t.rowid:>:42)');
  });

  it('writes legacy dates without colons, which the old regex refused', () => {
    expect(test('t.tms', '>=', { date: '2025-01-15T23:30:00Z' }, legacy)).toBe("(t.tms:>=:'20250116003000')");
  });

  it('combines with AND/OR (upper case when strict) and keeps single tests bare', () => {
    expect(all(strict, test('t.rowid', '>', 1, strict), null, test('t.status', '=', 1, strict))).toBe(
      '((t.rowid:>:1) AND (t.status:=:1))',
    );
    expect(any(legacy, test('t.rowid', '=', 1, legacy), test('t.rowid', '=', 2, legacy))).toBe(
      '((t.rowid:=:1) or (t.rowid:=:2))',
    );
    expect(all(strict, test('t.rowid', '>', 1, strict))).toBe('(t.rowid:>:1)');
    expect(oneOf('t.ref', ['A', 'B'], strict)).toBe("((t.ref:=:'A') OR (t.ref:=:'B'))");
  });

  it('refuses values neither syntax can carry', () => {
    expect(isFilterable("O'Brien")).toBe(false);
    expect(isFilterable('a (b)')).toBe(false);
    expect(isFilterable('marie@example.org')).toBe(true);
    expect(() => test('t.email', '=', "o'brien@example.org", strict)).toThrow(/quote/);
    expect(() => test('t.ref; DROP', '=', 'x', strict)).toThrow(/field/);
  });
});
