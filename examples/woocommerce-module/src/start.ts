import {
  bannerRow,
  type StartOptions as CoreStartOptions,
  capabilityLines,
  curlCommands,
  PlatformError,
  type StartedModule,
  StartupError,
  shownPasswordLines,
  startModule,
} from '@passerelle/core';
import { createWooCommerceModule, type WooCommerceModule } from '@passerelle/woocommerce-bridge';
import { readWooModuleConfig, type WooModuleConfig } from './config.js';

export interface StartOptions extends CoreStartOptions {
  /** Passed to the WooCommerce client (tests shorten the retries). */
  retry?: { limit?: number; delay?: (attempt: number) => number };
}

type WooDescription = Awaited<ReturnType<WooCommerceModule['adapter']['describe']>>;

/** The running module: `url`, `adminUrl`, `config`, `module`, `store`, the `shownPassword` (printed once) and `stop()`. */
export type RunningWooModule = StartedModule<WooModuleConfig, WooCommerceModule, WooDescription>;

/** The shop could not be reached or refused the key: start-up stops with a plain sentence. */
export class ShopUnavailableError extends StartupError {}

/** Why the shop did not answer, in words an admin can act on. */
function explain(error: unknown, url: string): string {
  if (error instanceof PlatformError) {
    if (error.status === 401 || error.status === 403) {
      return `WooCommerce at ${url} refused the REST key (${error.message}). Check WOOCOMMERCE_CONSUMER_KEY and WOOCOMMERCE_CONSUMER_SECRET, that the key has Read/Write permission, and that the host passes the Authorization header (or set WOOCOMMERCE_AUTH=query on https).`;
    }
    if (error.status === 404)
      return `No WooCommerce REST API at ${url} (${error.message}). Check WOOCOMMERCE_URL and that WordPress permalinks are not "Plain".`;
    if (error.status === 0) return `Cannot reach WooCommerce at ${url}: ${error.message}.`;
    return `WooCommerce at ${url} answered an error: ${error.message}.`;
  }
  return `Cannot reach WooCommerce at ${url}: ${error instanceof Error ? error.message : String(error)}.`;
}

function banner(started: RunningWooModule): string[] {
  const { config, module, url, shownPassword, checked: description } = started;
  const auth = module.adapter.client.auth === 'oauth1' ? 'OAuth 1.0a over http' : 'Basic over https';
  const webhooks = module.webhookPath
    ? `POST ${url.replace(/\/passerelle\/v1$/, '')}${module.webhookPath} (secret from WOOCOMMERCE_WEBHOOK_SECRET)`
    : null;
  return [
    '',
    'Passerelle WooCommerce module is running',
    bannerRow('Endpoint', url),
    bannerRow(
      'Admin page',
      `${started.adminUrl}${config.adminPassword ? '' : ' (closed: set PASSERELLE_ADMIN_PASSWORD to open it)'}`,
    ),
    bannerRow('Shop', description.name ?? config.woocommerce.url),
    bannerRow(
      'Platform',
      `WooCommerce ${description.platformVersion ?? '(version not reported)'} (API ${description.apiVersion}, ${auth})`,
    ),
    ...capabilityLines(module.capabilities).map((line, index) => bannerRow(index ? '' : 'Capabilities', line)),
    ...(webhooks ? [bannerRow('Webhooks', webhooks)] : []),
    bannerRow('Module state', config.dbPath),
    '',
    ...(shownPassword
      ? shownPasswordLines(shownPassword)
      : [`  Endpoint password fingerprint ${started.fingerprint ?? 'unknown'}`]),
    '',
    'Try it:',
    ...curlCommands(url, ['/info', '/orders?limit=5', '/changes?limit=5'], shownPassword).map((line) => `  ${line}`),
  ];
}

/**
 * What `npm run module:woocommerce` does (DESIGN §8), as a function tests can call: read the
 * configuration, create the module over a SQLite store, check the shop answers with the key, make sure
 * the endpoint has a password, listen, start the jobs, sweep once, and print how to call it.
 * @throws ValidationError naming the variable at fault; ShopUnavailableError when the shop cannot be used
 */
export function startWooModule(options: StartOptions): Promise<RunningWooModule> {
  return startModule(options, {
    readConfig: readWooModuleConfig,
    create: (base, config) =>
      createWooCommerceModule({
        ...base,
        woocommerce: { ...config.woocommerce, ...(options.retry ? { retry: options.retry } : {}) },
        ...(config.webhooks
          ? {
              webhooks: {
                secret: config.webhooks.secret,
                ...(config.webhooks.deliveryUrl ? { deliveryUrl: config.webhooks.deliveryUrl } : {}),
              },
            }
          : {}),
      }),
    check: (module, config) =>
      module.adapter.describe().catch((error: unknown) => {
        throw new ShopUnavailableError(explain(error, config.woocommerce.url));
      }),
    banner,
  });
}
