import type { Clock } from '@passerelle/core';
import { createModule, type GetClientAddress, type Logger, type PasserelleModule, type Store } from '@passerelle/core';
import { createShopifyAdapter, type ShopifyAdapter } from './adapter.js';
import { createShopifyClient, type RetryPolicy, type ShopifyClient } from './client.js';
import type { CostLimiter } from './cost-limiter.js';
import type { BulkRunOptions } from './reads/bulk-export.js';
import { type ShopifySettings, shopifySettingsSchema } from './settings.js';

export interface ShopifyModuleOptions {
  /** `x.myshopify.com`: also the module's `shopId`. */
  shop: string;
  /** A token, or a function resolving the current one (renewed tokens). */
  accessToken: string | (() => Promise<string>);
  /** Called once on a 401; resolve true when a new token is ready. */
  onUnauthorized?: () => Promise<boolean>;
  store: Store;
  /** Settings applied on first start, validated like the admin page (core sections plus `platform.shopify`). */
  settings?: unknown;
  /** @default '/passerelle/v1' */
  basePath?: string;
  /** @default '/passerelle/admin' */
  adminPath?: string;
  /** The admin page's own password (at least 12 characters); without it the page stays closed. */
  adminPassword?: string;
  /** @default SHOPIFY_API_VERSION */
  apiVersion?: string;
  fetch?: typeof fetch;
  retry?: Partial<RetryPolicy>;
  /** Longest wait for one Shopify answer, per attempt. @default 60_000 */
  timeoutMs?: number;
  limiter?: CostLimiter;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  logger?: Logger;
  clock?: Clock;
  getClientAddress?: GetClientAddress;
  bulk?: Omit<BulkRunOptions, 'signal'>;
}

export interface ShopifyModule extends PasserelleModule {
  adapter: ShopifyAdapter;
  client: ShopifyClient;
}

/** One shop's module: core's endpoint, rules, journal and jobs over the Shopify adapter and its settings section. */
export async function createShopifyModule(options: ShopifyModuleOptions): Promise<ShopifyModule> {
  const client = createShopifyClient({
    shop: options.shop,
    accessToken: options.accessToken,
    ...(options.onUnauthorized ? { onUnauthorized: options.onUnauthorized } : {}),
    ...(options.apiVersion ? { apiVersion: options.apiVersion } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.limiter ? { limiter: options.limiter } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  // The adapter reads its section from the module's settings, which exist once the module does.
  let section: () => Promise<ShopifySettings> = async () =>
    shopifySettingsSchema.parse(options.settings ?? {}).platform.shopify;
  const adapter = createShopifyAdapter({
    client,
    shopId: options.shop,
    store: options.store,
    settings: () => section(),
    ...(options.bulk ? { bulk: options.bulk } : {}),
  });
  const module = await createModule({
    adapter,
    store: options.store,
    settingsSchema: shopifySettingsSchema,
    shopId: options.shop,
    ...(options.settings !== undefined ? { settings: options.settings } : {}),
    ...(options.basePath ? { basePath: options.basePath } : {}),
    ...(options.adminPath ? { adminPath: options.adminPath } : {}),
    ...(options.adminPassword ? { adminPassword: options.adminPassword } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.getClientAddress ? { getClientAddress: options.getClientAddress } : {}),
  });
  section = async () =>
    ((await module.settings.current()).settings as unknown as { platform: { shopify: ShopifySettings } }).platform
      .shopify;
  return Object.assign(module, { adapter, client });
}
