import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/index.js';
import { DEFAULT_LIMIT, MAX_BATCH, MAX_BODY_BYTES, MAX_LIMIT, parseLimit } from './limits.js';

describe('endpoint limits', () => {
  it('keeps the protocol numbers of DESIGN §4', () => {
    expect(MAX_LIMIT).toBe(500);
    expect(DEFAULT_LIMIT).toBe(100);
    expect(MAX_BATCH).toBe(500);
    expect(MAX_BODY_BYTES).toBe(5 * 1024 * 1024);
  });
});

describe('parseLimit', () => {
  it('defaults when the parameter is absent', () => {
    expect(parseLimit(undefined)).toBe(DEFAULT_LIMIT);
  });

  it.each([
    ['1', 1],
    ['42', 42],
    ['500', 500],
  ])('accepts %s', (value, expected) => {
    expect(parseLimit(value)).toBe(expected);
  });

  it.each(['0', '501', 'abc', '1.5', '', ' 5', '-1', '1e2', '0x10', '99999'])('refuses %j with path limit', (value) => {
    try {
      parseLimit(value);
      expect.unreachable('parseLimit should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues).toEqual([{ path: 'limit', message: expect.stringContaining('500') }]);
    }
  });
});
