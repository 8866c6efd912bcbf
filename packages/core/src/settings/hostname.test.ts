import { describe, expect, it } from 'vitest';
import { isValidHostname } from './hostname.js';

describe('isValidHostname', () => {
  it.each([
    'localhost',
    'mypc.dyndns.org',
    'erp.example.com',
    'ERP.Example.COM',
    'xn--bcher-kva.example',
    'a-b.c-d.fr',
    'example.com.',
  ])('accepts %s', (name) => {
    expect(isValidHostname(name)).toBe(true);
  });

  it.each([
    '',
    'bad host',
    '-leading.example.com',
    'trailing-.example.com',
    'double..dot.com',
    '*.example.com',
    'under_score.example.com',
    '10.0.0.1',
    '::1',
    '10.0.0',
    `${'a'.repeat(64)}.com`,
    `${'abcdefghi.'.repeat(26)}com`,
    'https://erp.example.com',
  ])('refuses %j', (name) => {
    expect(isValidHostname(name)).toBe(false);
  });
});
