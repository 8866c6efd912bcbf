import { isIP } from 'node:net';

/**
 * One allow-list entry (a single address or a CIDR block), held in the 128-bit IPv6 space: an IPv4
 * address `a.b.c.d` is stored as its mapped form `::ffff:a.b.c.d` and an IPv4 prefix `/p` as `/96+p`.
 * One space means an IPv4 entry matches a client seen as `::ffff:10.0.0.1` (what a dual-stack Node
 * socket reports), while `::1` and `127.0.0.1` stay distinct addresses.
 */
export interface IpRange {
  /** The family the entry was written in. */
  family: 4 | 6;
  /** The network address in the 128-bit space, host bits cleared. */
  network: bigint;
  /** Prefix length in the 128-bit space (an IPv4 `/8` is 104). */
  prefix: number;
  /** The entry as written after trimming, for messages and display. */
  text: string;
}

const ADDRESS_BITS = 128;
const MAPPED_V4_PREFIX = 0xffffn << 32n;
const ALL_ONES = (1n << 128n) - 1n;
const PREFIX_DIGITS = /^\d{1,3}$/;

function ipv4ToBigInt(address: string): bigint {
  let value = 0n;
  for (const part of address.split('.')) value = (value << 8n) | BigInt(Number(part));
  return value;
}

/** Expands an IPv6 text (already accepted by `isIP`) to its 128-bit value. */
function ipv6ToBigInt(address: string): bigint {
  let text = address;
  let tail: bigint[] = [];
  // An embedded IPv4 tail (`::ffff:1.2.3.4`, `64:ff9b::1.2.3.4`) counts as the last two groups.
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = ipv4ToBigInt(last);
    tail = [v4 >> 16n, v4 & 0xffffn];
    // Keep a '::' that ends right before the tail; drop a lone separating ':'.
    text = text.slice(0, lastColon + 1);
    if (!text.endsWith('::')) text = text.slice(0, -1);
  }
  const [head = '', rest] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const written = headGroups.length + restGroups.length + tail.length;
  const zeros = rest === undefined ? 0 : 8 - written;
  const groups = [
    ...headGroups.map((g) => BigInt(Number.parseInt(g, 16))),
    ...Array.from({ length: zeros }, () => 0n),
    ...restGroups.map((g) => BigInt(Number.parseInt(g, 16))),
    ...tail,
  ];
  let value = 0n;
  for (const group of groups) value = (value << 16n) | group;
  return value;
}

function maskFor(prefix: number): bigint {
  return prefix === 0 ? 0n : (ALL_ONES << BigInt(ADDRESS_BITS - prefix)) & ALL_ONES;
}

/** Parses one address in either family to the 128-bit space; `null` when it is not an IP address. */
function parseAddress(text: string): { family: 4 | 6; value: bigint } | null {
  // A zone id (`fe80::1%eth0`) names the local interface; it plays no part in matching.
  const zone = text.indexOf('%');
  const bare = zone === -1 ? text : text.slice(0, zone);
  const family = isIP(text);
  if (family === 4) return { family: 4, value: MAPPED_V4_PREFIX | ipv4ToBigInt(bare) };
  if (family === 6) return { family: 6, value: ipv6ToBigInt(bare) };
  return null;
}

/**
 * Parses `10.0.0.1`, `10.0.0.0/8`, `2001:db8::/32`, `::ffff:1.2.3.4` and the like. Host bits set
 * under the prefix (`10.0.0.5/24`) are cleared, as most firewalls do. Returns `null` when the text
 * is not a valid address or CIDR (`10.0.0.300`, `10.0.0.0/33`, `::1/129`, `1.2.3`).
 */
export function parseIpOrCidr(input: string): IpRange | null {
  const text = input.trim();
  const slash = text.indexOf('/');
  const addressText = slash === -1 ? text : text.slice(0, slash);
  if (addressText.includes('%') && slash !== -1) return null;
  const address = parseAddress(addressText);
  if (!address) return null;
  const maxPrefix = address.family === 4 ? 32 : 128;
  let written = maxPrefix;
  if (slash !== -1) {
    const prefixText = text.slice(slash + 1);
    if (!PREFIX_DIGITS.test(prefixText)) return null;
    written = Number(prefixText);
    if (written > maxPrefix) return null;
  }
  const prefix = address.family === 4 ? written + 96 : written;
  return { family: address.family, network: address.value & maskFor(prefix), prefix, text };
}

export function isValidIpOrCidr(input: string): boolean {
  return parseIpOrCidr(input) !== null;
}

/**
 * Whether a client address falls in any entry. Entries are texts (as stored in settings) or ranges
 * already parsed; an invalid entry or an invalid address never matches. IPv4 entries match the
 * IPv4-mapped IPv6 form of the same address; `0.0.0.0/0` matches every IPv4 client, `::/0` every client.
 */
export function ipMatches(address: string, entries: readonly (string | IpRange)[]): boolean {
  const client = parseAddress(address.trim());
  if (!client) return false;
  for (const entry of entries) {
    const range = typeof entry === 'string' ? parseIpOrCidr(entry) : entry;
    if (range && (client.value & maskFor(range.prefix)) === range.network) return true;
  }
  return false;
}
