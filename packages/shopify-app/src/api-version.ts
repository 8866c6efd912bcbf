/**
 * The Admin API version every request of this package names. Shopify releases one quarterly and
 * supports each for at least 12 months; a request to a retired version "falls forward" silently, so
 * the version is pinned here, reported in `/info`, and bumped deliberately (DESIGN §7).
 */
export const SHOPIFY_API_VERSION = '2026-07';

const VERSION = /^(\d{4}-(01|04|07|10)|unstable)$/;

/** Whether `value` names an Admin API version (`2026-07`, `unstable`). */
export function isApiVersion(value: string): boolean {
  return VERSION.test(value);
}
