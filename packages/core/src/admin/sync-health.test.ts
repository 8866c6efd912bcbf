import { describe, expect, it } from 'vitest';
import { formatLag } from './sync-health.js';

describe('formatLag', () => {
  it('rounds to the unit a person reads at a glance', () => {
    expect(formatLag(-5)).toBe('0 s');
    expect(formatLag(95_000)).toBe('95 s');
    expect(formatLag(10 * 60_000)).toBe('10 min');
    expect(formatLag(5 * 3_600_000)).toBe('5 h');
    expect(formatLag(72 * 3_600_000)).toBe('3 d');
  });
});
