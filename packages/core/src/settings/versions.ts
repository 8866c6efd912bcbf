/**
 * Version of the settings document this code writes. Bump it with a new entry in
 * `settingsMigrations` (migrate.ts) whenever a stored document of the previous version would no
 * longer parse or would parse to something else.
 *
 * - 1: lists (`access.allowedIps`, `orders.read.customPaymentModules`) stored as comma-separated
 *   strings; `products.update.meta` for the SEO toggle.
 * - 2: lists as arrays; `products.update.seo`.
 */
export const CURRENT_SETTINGS_VERSION = 2;

/** Settings as they are persisted: the document and the version it was written in. */
export interface StoredSettings<T = unknown> {
  version: number;
  settings: T;
}
