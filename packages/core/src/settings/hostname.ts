import { isIP } from 'node:net';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Whether `name` is a DNS host name (RFC 1123) the endpoint can resolve to check a caller:
 * letters, digits and hyphens in dot-separated labels of at most 63 characters, 253 in all,
 * one trailing dot allowed. IP addresses and wildcards are refused: an address belongs in
 * `access.allowedIps`, and a wildcard cannot be resolved.
 */
export function isValidHostname(name: string): boolean {
  if (isIP(name) !== 0) return false;
  const bare = name.endsWith('.') ? name.slice(0, -1) : name;
  if (bare.length === 0 || bare.length > 253) return false;
  const labels = bare.toLowerCase().split('.');
  // An all-numeric last label would read as an IPv4 fragment (`10.0.0`), never a real TLD.
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return false;
  return labels.every((label) => LABEL.test(label));
}
