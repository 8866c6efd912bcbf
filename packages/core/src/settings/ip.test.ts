import { describe, expect, it } from 'vitest';
import { ipMatches, isValidIpOrCidr, parseIpOrCidr } from './ip.js';

describe('isValidIpOrCidr', () => {
  it.each([
    '10.0.0.1',
    '10.0.0.0/8',
    '0.0.0.0/0',
    '192.168.1.0/24',
    '255.255.255.255/32',
    '::1',
    '::',
    '::/0',
    '2001:db8::/32',
    '2001:0db8:0000:0000:0000:0000:0000:0001',
    'FE80::A',
    '::ffff:1.2.3.4',
    '::ffff:10.0.0.0/104',
    '1:2:3:4:5:6:7:8/128',
    ' 10.0.0.1 ',
  ])('accepts %s', (entry) => {
    expect(isValidIpOrCidr(entry)).toBe(true);
  });

  it.each([
    '10.0.0.300',
    '10.0.0.0/33',
    '::1/129',
    '1.2.3',
    '',
    'localhost',
    '10.0.0.1/',
    '10.0.0.1/-1',
    '10.0.0.1/8/8',
    '10.0.0.1/ 8',
    '010.0.0.1',
    '1::2::3',
    '2001:db8::g',
    '10.0.0.0/8x',
    'fe80::1%eth0/64',
  ])('rejects %j', (entry) => {
    expect(isValidIpOrCidr(entry)).toBe(false);
  });
});

describe('parseIpOrCidr', () => {
  it('clears host bits under the prefix', () => {
    expect(parseIpOrCidr('10.1.2.3/8')?.network).toBe(parseIpOrCidr('10.0.0.0/8')?.network);
    expect(parseIpOrCidr('2001:db8::1/32')?.network).toBe(parseIpOrCidr('2001:db8::/32')?.network);
  });

  it('keeps the written family and text', () => {
    expect(parseIpOrCidr('10.0.0.0/8')).toMatchObject({ family: 4, prefix: 104, text: '10.0.0.0/8' });
    expect(parseIpOrCidr('::1')).toMatchObject({ family: 6, prefix: 128, network: 1n });
  });

  it('expands compressed IPv6 and embedded IPv4 tails to the same value', () => {
    expect(parseIpOrCidr('::ffff:10.0.0.1')?.network).toBe(parseIpOrCidr('::ffff:a00:1')?.network);
    expect(parseIpOrCidr('1:2:3:4:5:6:1.2.3.4')?.network).toBe(parseIpOrCidr('1:2:3:4:5:6:102:304')?.network);
    expect(parseIpOrCidr('::1.2.3.4')?.network).toBe(0x01020304n);
    expect(parseIpOrCidr('2001:db8::8:800:200c:417a')?.network).toBe(0x20010db8000000000008_0800200c417an);
  });
});

describe('ipMatches', () => {
  it('matches an IPv4 address inside a CIDR block', () => {
    expect(ipMatches('10.1.2.3', ['10.0.0.0/8'])).toBe(true);
    expect(ipMatches('11.1.2.3', ['10.0.0.0/8'])).toBe(false);
    expect(ipMatches('192.168.1.255', ['192.168.1.0/24'])).toBe(true);
    expect(ipMatches('192.168.2.0', ['192.168.1.0/24'])).toBe(false);
  });

  it('matches a single address exactly', () => {
    expect(ipMatches('203.0.113.7', ['203.0.113.7'])).toBe(true);
    expect(ipMatches('203.0.113.8', ['203.0.113.7'])).toBe(false);
  });

  it('keeps ::1 and 127.0.0.1 distinct', () => {
    expect(ipMatches('::1', ['127.0.0.1'])).toBe(false);
    expect(ipMatches('127.0.0.1', ['::1'])).toBe(false);
    expect(ipMatches('::1', ['::1'])).toBe(true);
    expect(ipMatches('127.0.0.1', ['127.0.0.0/8'])).toBe(true);
  });

  it('matches an IPv4-mapped IPv6 client against IPv4 entries', () => {
    expect(ipMatches('::ffff:10.0.0.1', ['10.0.0.0/8'])).toBe(true);
    expect(ipMatches('::ffff:10.0.0.1', ['10.0.0.1'])).toBe(true);
    expect(ipMatches('::FFFF:a00:1', ['10.0.0.1'])).toBe(true);
    expect(ipMatches('::ffff:11.0.0.1', ['10.0.0.0/8'])).toBe(false);
    expect(ipMatches('10.0.0.1', ['::ffff:10.0.0.0/104'])).toBe(true);
  });

  it('lets /0 match everything in its family, and ::/0 match every client', () => {
    expect(ipMatches('8.8.8.8', ['0.0.0.0/0'])).toBe(true);
    expect(ipMatches('2001:db8::1', ['0.0.0.0/0'])).toBe(false);
    expect(ipMatches('2001:db8::1', ['::/0'])).toBe(true);
    expect(ipMatches('8.8.8.8', ['::/0'])).toBe(true);
  });

  it('matches IPv6 CIDR blocks', () => {
    expect(ipMatches('2001:db8:abcd::1', ['2001:db8::/32'])).toBe(true);
    expect(ipMatches('2001:db9::1', ['2001:db8::/32'])).toBe(false);
    expect(ipMatches('fe80::1%eth0', ['fe80::/10'])).toBe(true);
  });

  it('never matches an empty list, an invalid address or an invalid entry', () => {
    expect(ipMatches('10.0.0.1', [])).toBe(false);
    expect(ipMatches('not-an-ip', ['0.0.0.0/0', '::/0'])).toBe(false);
    expect(ipMatches('10.0.0.1', ['10.0.0.300', '10.0.0.0/33'])).toBe(false);
  });

  it('accepts pre-parsed ranges and matches when any entry does', () => {
    const parsed = parseIpOrCidr('192.0.2.0/24');
    if (!parsed) throw new Error('expected a range');
    expect(ipMatches('192.0.2.200', ['10.0.0.0/8', parsed])).toBe(true);
    expect(ipMatches('198.51.100.1', ['10.0.0.0/8', parsed])).toBe(false);
  });
});
