import { isIP } from 'node:net';
import { ipMatches, parseIpOrCidr } from '../settings/ip.js';

export interface ClientAddressInput {
  /** The peer address of the TCP connection, as the runtime reports it (`::ffff:10.0.0.1` on a dual-stack socket). */
  socketAddress: string;
  /** The `X-Forwarded-For` header; several header lines may be passed as an array. */
  forwardedFor?: string | readonly string[] | null;
  /** Addresses or CIDR blocks of the reverse proxies in front of the module (`access.trustedProxies`). */
  trustedProxies: readonly string[];
}

// A real chain is a handful of hops; a longer header is someone padding it.
const MAX_HOPS = 32;
const IPV4_WITH_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/;
const BRACKETED = /^\[([^\]]+)\](?::\d{1,5})?$/;
const MAPPED_V4 = 0xffffn;

function ipv4FromValue(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

/**
 * Normalises one address as proxies and sockets write it: drops a port (`1.2.3.4:5678`,
 * `[2001:db8::1]:443`), brackets and a zone id, lower-cases IPv6, and turns an IPv4-mapped IPv6
 * address (`::ffff:1.2.3.4`) into plain IPv4 so one client has one spelling in allow-lists, the
 * throttle and the journal. Returns `null` when the text is not an IP address.
 */
export function normalizeAddress(text: string): string | null {
  let address = text.trim();
  const bracketed = BRACKETED.exec(address);
  if (bracketed?.[1] !== undefined) address = bracketed[1];
  else {
    const withPort = IPV4_WITH_PORT.exec(address);
    if (withPort?.[1] !== undefined) address = withPort[1];
  }
  const zone = address.indexOf('%');
  if (zone !== -1) address = address.slice(0, zone);
  const family = isIP(address);
  if (family === 4) return parseIpOrCidr(address) ? address : null;
  if (family !== 6) return null;
  const range = parseIpOrCidr(address);
  if (!range) return null;
  if (range.network >> 32n === MAPPED_V4) return ipv4FromValue(range.network & 0xffffffffn);
  return address.toLowerCase();
}

/**
 * The address a request comes from. It is the socket's peer unless that peer is a trusted proxy;
 * then `X-Forwarded-For` is walked from the right (the hops our own proxies appended), skipping
 * trusted proxies, and the first untrusted hop is the client. Hops further left were written by the
 * client itself and are never believed. A hop that is not an address stops the walk and the socket
 * address is used: what lies beyond it cannot be trusted.
 */
export function resolveClientAddress({ socketAddress, forwardedFor, trustedProxies }: ClientAddressInput): string {
  const socket = normalizeAddress(socketAddress) ?? socketAddress.trim();
  if (trustedProxies.length === 0 || !ipMatches(socket, trustedProxies)) return socket;

  const header = typeof forwardedFor === 'string' ? forwardedFor : (forwardedFor ?? []).join(',');
  if (header.trim() === '') return socket;
  const hops = header.split(',');
  if (hops.length > MAX_HOPS) return socket;

  let leftmostTrusted = socket;
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = normalizeAddress(hops[index] ?? '');
    if (hop === null) return socket;
    if (!ipMatches(hop, trustedProxies)) return hop;
    leftmostTrusted = hop;
  }
  // Every hop is one of ours: the request started inside the trusted network.
  return leftmostTrusted;
}
