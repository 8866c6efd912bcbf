import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from './content-hash.js';

describe('contentHash', () => {
  it('is a sha256 hex digest', () => {
    expect(contentHash({ id: '1' })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on key order, at any depth', () => {
    const a = { id: '1', name: 'Mug', price: { amount: '9.90', currency: 'EUR' } };
    const b = { price: { currency: 'EUR', amount: '9.90' }, name: 'Mug', id: '1' };
    expect(contentHash(a)).toBe(contentHash(b));
  });

  it('treats equal decimals as equal and different ones as different', () => {
    expect(contentHash({ price: '19.90' })).toBe(contentHash({ price: '19.9' }));
    expect(contentHash({ price: '19.00' })).toBe(contentHash({ price: '19' }));
    expect(contentHash({ price: '-0.00' })).toBe(contentHash({ price: '0' }));
    expect(contentHash({ price: '19.90' })).not.toBe(contentHash({ price: '19.09' }));
  });

  it('leaves integer-looking codes alone: "007" and "7" are two SKUs', () => {
    expect(contentHash({ reference: '007' })).not.toBe(contentHash({ reference: '7' }));
    expect(contentHash({ postcode: '01000' })).not.toBe(contentHash({ postcode: '1000' }));
  });

  it('ignores sourceUpdatedAt and raw at any depth', () => {
    const before = {
      id: '1',
      sourceUpdatedAt: '2025-01-01T00:00:00Z',
      raw: { a: 1 },
      variants: [{ id: '2', raw: 'x' }],
    };
    const after = {
      id: '1',
      sourceUpdatedAt: '2025-06-01T00:00:00Z',
      raw: { a: 2 },
      variants: [{ id: '2', raw: 'y' }],
    };
    expect(contentHash(before)).toBe(contentHash(after));
  });

  it('ignores the updatedAt-like fields it is told to, and only those', () => {
    const before = { id: '1', updatedAt: '2025-01-01T00:00:00Z', status: 'paid' };
    const after = { id: '1', updatedAt: '2025-02-01T00:00:00Z', status: 'paid' };
    expect(contentHash(before)).not.toBe(contentHash(after));
    expect(contentHash(before, { ignore: ['updatedAt'] })).toBe(contentHash(after, { ignore: ['updatedAt'] }));
    expect(contentHash(before, { ignore: ['updatedAt'] })).not.toBe(
      contentHash({ ...after, status: 'shipped' }, { ignore: ['updatedAt'] }),
    );
  });

  it('treats a missing field and an undefined one alike, but not null', () => {
    expect(contentHash({ id: '1', note: undefined })).toBe(contentHash({ id: '1' }));
    expect(contentHash({ id: '1', note: null })).not.toBe(contentHash({ id: '1' }));
  });

  it('keeps array order significant', () => {
    expect(contentHash({ images: ['a', 'b'] })).not.toBe(contentHash({ images: ['b', 'a'] }));
  });

  it('normalises instants: a Date, "…Z" and "…+00:00" with or without milliseconds are one instant', () => {
    const forms = ['2025-03-01T10:00:00Z', '2025-03-01T10:00:00.000Z', '2025-03-01T11:00:00+01:00'];
    const hashes = new Set(forms.map((at) => contentHash({ at })));
    hashes.add(contentHash({ at: new Date('2025-03-01T10:00:00Z') }));
    expect(hashes.size).toBe(1);
  });

  it('distinguishes a number from its string and -0 from nothing else', () => {
    expect(contentHash({ quantity: 3 })).not.toBe(contentHash({ quantity: '3' }));
    expect(contentHash({ quantity: -0 })).toBe(contentHash({ quantity: 0 }));
  });

  it('refuses a cycle instead of looping', () => {
    const item: Record<string, unknown> = { id: '1' };
    item.self = item;
    expect(() => contentHash(item)).toThrow(/cycle/);
  });

  it('accepts the same object twice when it is not a cycle', () => {
    const shared = { name: 'x' };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"name":"x"},"b":{"name":"x"}}');
  });

  it('gives the same hash to any re-serialisation with shuffled keys (property)', () => {
    const reversed = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reversed);
      if (value !== null && typeof value === 'object') {
        return Object.fromEntries(
          Object.entries(value)
            .reverse()
            .map(([key, item]) => [key, reversed(item)]),
        );
      }
      return value;
    };
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(contentHash(reversed(value))).toBe(contentHash(value));
      }),
    );
  });
});
