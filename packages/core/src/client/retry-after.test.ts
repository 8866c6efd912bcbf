import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './index.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter(' 2 ', now)).toBe(2_000);
  });

  it('reads an HTTP date, and a past date as no wait', () => {
    expect(parseRetryAfter('Sun, 01 Jun 2025 12:00:45 GMT', now)).toBe(45_000);
    expect(parseRetryAfter('Sun, 01 Jun 2025 11:00:00 GMT', now)).toBe(0);
  });

  it('reads a large number as a unix timestamp, as ky does', () => {
    expect(parseRetryAfter(String(now / 1000 + 10), now)).toBe(10_000);
  });

  it('returns undefined when absent or unreadable', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
  });
});
