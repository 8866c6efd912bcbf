import { join } from 'node:path';
import {
  applySettingsFile,
  type StartOptions as CoreStartOptions,
  capabilityLines,
  createSqliteStore,
  ensureEndpointPassword,
  PasserelleError,
  reachableUrl,
  StartupError,
  type Store,
  stderrLogger,
  ValidationError,
  withDotenv,
} from '@passerelle/core';
import { createShopifyApp, type ShopifyApp, type ShopifyModule } from '@passerelle/shopify-app';
import { readShopifyModuleConfig, type ShopifyModuleConfig } from './config.js';

export interface StartOptions extends CoreStartOptions {
  /** For tests: the fetch Shopify is reached with. */
  fetch?: typeof fetch;
}

export interface RunningShopifyModule {
  url: string;
  adminUrl: string;
  config: ShopifyModuleConfig;
  app: ShopifyApp;
  module: ShopifyModule | null;
  store: Store;
  /** The endpoint password generated on this start, printed once; null when not shown. */
  shownPassword: string | null;
  curlCommands: string[];
  stop(): Promise<void>;
}

/** Shopify could not be reached, or refused the credentials: said plainly, exit 1. */
export class ShopifyUnavailableError extends StartupError {}

function unavailable(shop: string, error: unknown): ShopifyUnavailableError {
  const status = PasserelleError.is(error) ? (error as PasserelleError & { status?: number }).status : undefined;
  const reason = error instanceof Error ? error.message : String(error);
  if (status === 401 || status === 403)
    return new ShopifyUnavailableError(
      `Shopify refused the credentials for ${shop} (${reason}). Check SHOPIFY_ACCESS_TOKEN or SHOPIFY_CLIENT_ID / SHOPIFY_CLIENT_SECRET.`,
    );
  return new ShopifyUnavailableError(`Shopify cannot be reached for ${shop} (${reason}).`);
}

/**
 * What `npm run module:shopify` does (DESIGN §8), as a function tests can call: read the configuration,
 * open the SQLite store, serve the shop (static token or client credentials) through the multi-shop app,
 * check Shopify answers, make sure the endpoint has a password, listen, start the jobs, print how to call it.
 */
export async function startShopifyModule(options: StartOptions): Promise<RunningShopifyModule> {
  const print = options.print ?? ((line: string) => console.log(line));
  const config = readShopifyModuleConfig(withDotenv(options.env, join(options.cwd, '.env')), options.cwd);
  const store = createSqliteStore({ path: config.dbPath });
  const shop = config.shop?.domain ?? null;
  let app: ShopifyApp | null = null;
  try {
    try {
      app = await createShopifyApp({
        store,
        ...(config.app ? { apiKey: config.app.clientId, apiSecret: config.app.clientSecret } : {}),
        ...(config.app?.appUrl ? { appUrl: config.app.appUrl } : {}),
        apiVersion: config.apiVersion,
        shops: config.shop
          ? [
              config.shop.accessToken
                ? { shop: config.shop.domain, accessToken: config.shop.accessToken }
                : { shop: config.shop.domain, clientCredentials: true },
            ]
          : [],
        password: (served) => (served === shop && config.password ? config.password : undefined),
        adminPassword: () => config.adminPassword ?? undefined,
        logger: options.logger ?? stderrLogger,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
    } catch (error) {
      if (error instanceof ValidationError || !shop) throw error;
      throw unavailable(shop, error);
    }

    const module = shop ? await app.module(shop) : null;
    let shopName = '';
    let shownPassword: string | null = null;
    if (module && shop) {
      try {
        const configuration = await module.adapter.configuration();
        shopName = configuration.shops?.[0]?.name ?? '';
      } catch (error) {
        throw unavailable(shop, error);
      }
      await applySettingsFile(module.settings, config, print);
      shownPassword = (await ensureEndpointPassword(module.settings, config.password)).shownPassword;
    }

    const server = await app.listen({ port: options.port ?? config.port, host: config.host });
    const base = reachableUrl(server.url, config.host);
    const origin = base.slice(0, base.indexOf('/passerelle'));
    app.start();
    const url = shop ? `${base}/${shop}` : base;
    const adminUrl = shop ? `${reachableUrl(server.adminUrl, config.host)}/${shop}` : server.adminUrl;
    const secret = shownPassword ?? '$PASSERELLE_PASSWORD';
    const curlCommands = shop
      ? [
          `curl -H "Authorization: Bearer ${secret}" ${url}/info`,
          `curl -H "Authorization: Bearer ${secret}" "${url}/orders?limit=5"`,
          `curl -H "Authorization: Bearer ${secret}" "${url}/changes"`,
        ]
      : [];

    if (module) {
      try {
        await module.jobs.run('sweep');
      } catch (error) {
        print(
          `Warning: the first change sweep failed (${error instanceof Error ? error.message : 'unknown error'}); /changes fills on the next one.`,
        );
      }
    }

    print('Passerelle for Shopify is running.');
    if (module && shop) {
      const served = module.client.servedVersion();
      print(`  Shop       ${shop}${shopName ? ` (${shopName})` : ''}`);
      print(
        `  Platform   shopify, Admin API ${module.client.apiVersion}${served && served !== module.client.apiVersion ? ` (Shopify served ${served})` : ''}`,
      );
      print(`  Endpoint   ${url}`);
      print(
        `  Admin page ${adminUrl}${config.adminPassword ? '' : ' (closed: set PASSERELLE_ADMIN_PASSWORD to open it)'}`,
      );
      print('  Capabilities');
      for (const line of capabilityLines(module.capabilities)) print(`  ${line}`);
    }
    if (config.app?.appUrl) {
      print(`  Install    ${config.app.appUrl}/shopify/auth?shop=<shop>.myshopify.com (Shopify signs this request)`);
      print(`  Webhooks   ${config.app.appUrl}/shopify/webhooks (local: ${origin}/shopify/webhooks)`);
    }
    if (shownPassword) print(`Endpoint password (shown once, keep it): ${shownPassword}`);
    if (curlCommands.length) {
      print('Try:');
      for (const command of curlCommands) print(`  ${command}`);
    }

    const running = app;
    return {
      url,
      adminUrl,
      config,
      app: running,
      module,
      store,
      shownPassword,
      curlCommands,
      async stop() {
        await running.close();
        await store.close();
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
}
