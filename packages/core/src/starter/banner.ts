import type { Capabilities } from '../adapter.js';

/**
 * Lines for the banner a module prints once it listens. Each example orders them as it likes and
 * adds its platform's own lines; every line is plain text for `print`, one per call.
 */

/** The address a local curl reaches: a wildcard listen address (`0.0.0.0`, `::`) is reached through loopback. */
export function reachableUrl(url: string, host: string): string {
  if (host === '0.0.0.0') return url.replace('//0.0.0.0:', '//127.0.0.1:');
  if (host === '::') return url.replace('//[::]:', '//[::1]:');
  return url;
}

/** `  Label         value`: the label in a 12-character column; an empty label continues the row above. */
export function bannerRow(label: string, value: string): string {
  return `  ${label.padEnd(12)}  ${value}`;
}

function listed(flags: Readonly<Record<string, boolean>>): string {
  const names = Object.entries(flags)
    .filter(([, on]) => on)
    .map(([name]) => name);
  return names.length ? names.join(', ') : 'none';
}

/** `read    products, …`, `write   …`, `deletes …`: what the module serves, `none` for an empty list. */
export function capabilityLines(capabilities: Capabilities): [read: string, write: string, deletes: string] {
  return [
    `read    ${listed(capabilities.read)}`,
    `write   ${listed(capabilities.write)}`,
    `deletes ${capabilities.deletes.join(', ') || 'none'}`,
  ];
}

/** The generated password, under a line saying it is shown once; no lines when none was generated. */
export function shownPasswordLines(shownPassword: string | null): string[] {
  if (shownPassword === null) return [];
  return ['  Endpoint password (shown ONCE: copy it now, only its hash is stored):', `      ${shownPassword}`];
}

/**
 * Ready-to-paste `curl -s` calls of the endpoint at `url`, one per path (`/info`, `/orders?limit=5`):
 * with the password generated on this start (shown once), else with `$PASSERELLE_PASSWORD` for the
 * shell to fill in. A path with a query is quoted.
 */
export function curlCommands(url: string, paths: readonly string[], shownPassword: string | null): string[] {
  const secret = shownPassword ?? '$PASSERELLE_PASSWORD';
  return paths.map((path) => {
    const target = path.includes('?') ? `"${url}${path}"` : `${url}${path}`;
    return `curl -s -H "Authorization: Bearer ${secret}" ${target}`;
  });
}
