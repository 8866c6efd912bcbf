import { describe, expect, it } from 'vitest';
import { normalizeAddress, resolveClientAddress } from './client-address.js';

const proxies = ['10.0.0.0/8', '2001:db8:ffff::/48'];

describe('normalizeAddress', () => {
  it.each([
    ['::ffff:1.2.3.4', '1.2.3.4'],
    ['::FFFF:1.2.3.4', '1.2.3.4'],
    ['::ffff:a00:1', '10.0.0.1'],
    [' 1.2.3.4 ', '1.2.3.4'],
    ['1.2.3.4:5678', '1.2.3.4'],
    ['[2001:DB8::1]:443', '2001:db8::1'],
    ['[::1]', '::1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['2001:db8::1', '2001:db8::1'],
  ])('normalises %j to %j', (input, expected) => {
    expect(normalizeAddress(input)).toBe(expected);
  });

  it.each(['', 'unknown', '1.2.3', '999.1.1.1', 'example.com', '1.2.3.4:abc', '[1.2.3.4', '<script>', '::g'])(
    'refuses %j',
    (input) => {
      expect(normalizeAddress(input)).toBeNull();
    },
  );
});

describe('resolveClientAddress', () => {
  it('uses the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(resolveClientAddress({ socketAddress: '203.0.113.9', forwardedFor: '1.1.1.1', trustedProxies: [] })).toBe(
      '203.0.113.9',
    );
  });

  it('ignores a spoofed X-Forwarded-For from an untrusted peer', () => {
    expect(
      resolveClientAddress({
        socketAddress: '203.0.113.9',
        forwardedFor: '10.0.0.1, 198.51.100.1',
        trustedProxies: proxies,
      }),
    ).toBe('203.0.113.9');
  });

  it('normalises an IPv4-mapped socket address', () => {
    expect(resolveClientAddress({ socketAddress: '::ffff:203.0.113.9', trustedProxies: [] })).toBe('203.0.113.9');
  });

  it('takes the right-most untrusted hop behind a trusted proxy', () => {
    expect(
      resolveClientAddress({ socketAddress: '::ffff:10.0.0.2', forwardedFor: '198.51.100.7', trustedProxies: proxies }),
    ).toBe('198.51.100.7');
  });

  it('does not believe hops the client prepended to the header', () => {
    // The client sent "1.1.1.1, 10.9.9.9"; our proxy appended the real peer, 198.51.100.7.
    expect(
      resolveClientAddress({
        socketAddress: '10.0.0.2',
        forwardedFor: '1.1.1.1, 10.9.9.9, 198.51.100.7',
        trustedProxies: proxies,
      }),
    ).toBe('198.51.100.7');
  });

  it('skips a chain of trusted proxies, IPv6 included', () => {
    expect(
      resolveClientAddress({
        socketAddress: '10.0.0.2',
        forwardedFor: ['2001:db8:1::5, 10.1.1.1', '[2001:db8:ffff::1]:8080'],
        trustedProxies: proxies,
      }),
    ).toBe('2001:db8:1::5');
  });

  it('falls back to the socket address on a garbage hop', () => {
    expect(
      resolveClientAddress({
        socketAddress: '10.0.0.2',
        forwardedFor: '198.51.100.7, garbage',
        trustedProxies: proxies,
      }),
    ).toBe('10.0.0.2');
    expect(
      resolveClientAddress({ socketAddress: '10.0.0.2', forwardedFor: '198.51.100.7,,', trustedProxies: proxies }),
    ).toBe('10.0.0.2');
  });

  it('falls back to the socket address when the header is missing, empty or padded', () => {
    expect(resolveClientAddress({ socketAddress: '10.0.0.2', trustedProxies: proxies })).toBe('10.0.0.2');
    expect(resolveClientAddress({ socketAddress: '10.0.0.2', forwardedFor: '  ', trustedProxies: proxies })).toBe(
      '10.0.0.2',
    );
    const padded = Array.from({ length: 100 }, () => '10.1.1.1').join(', ');
    expect(resolveClientAddress({ socketAddress: '10.0.0.2', forwardedFor: padded, trustedProxies: proxies })).toBe(
      '10.0.0.2',
    );
  });

  it('returns the left-most hop when every hop is a trusted address', () => {
    expect(
      resolveClientAddress({ socketAddress: '10.0.0.2', forwardedFor: '10.5.5.5, 10.1.1.1', trustedProxies: proxies }),
    ).toBe('10.5.5.5');
  });
});
