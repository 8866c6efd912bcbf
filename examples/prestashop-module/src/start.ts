import {
  bannerRow,
  type StartOptions as CoreStartOptions,
  capabilityLines,
  curlCommands,
  type StartedModule,
  StartupError,
  shownPasswordLines,
  startModule,
} from '@passerelle/core';
import {
  createPrestashopModule,
  missingPermissions,
  type PrestashopAdapterOptions,
  PrestashopError,
  type PrestashopModule,
} from '@passerelle/prestashop-bridge';
import { type PrestashopModuleConfig, readPrestashopConfig } from './config.js';

/** PrestaShop could not be reached, or refused the key: said plainly, start-up stops. */
export class ShopUnreachableError extends StartupError {}

export interface StartOptions extends CoreStartOptions {
  /** Adapter options on top of the environment's (tests inject a fast retry policy). */
  prestashop?: Partial<PrestashopAdapterOptions>;
}

/** What PrestaShop said on start-up: its description, and the key's missing rights. */
export interface PrestashopCheck {
  description: Awaited<ReturnType<PrestashopModule['adapter']['describe']>>;
  missing: string[];
}

/** The running module: `url`, `port`, `config`, `module`, `store`, the `shownPassword` (printed once) and `stop()`. */
export type RunningPrestashopModule = StartedModule<PrestashopModuleConfig, PrestashopModule, PrestashopCheck>;

/** What a failed first call means for the person starting the module. */
function unreachable(error: unknown, config: PrestashopModuleConfig): ShopUnreachableError {
  if (error instanceof PrestashopError && error.failure !== 'network' && error.failure !== 'timeout') {
    if (error.status === 401) {
      return new ShopUnreachableError(
        `PrestaShop at ${config.prestashopUrl} refused the webservice key in PRESTASHOP_WEBSERVICE_KEY (${error.errors.map((entry) => entry.message).join('; ') || 'HTTP 401'}). ` +
          'Check the key exists and is enabled (Advanced Parameters > Webservice) and that the webservice is on.',
      );
    }
    if (error.status === 403) {
      return new ShopUnreachableError(
        `PrestaShop refused the key on shop ${config.shopId ?? '(default)'}: allow the key on that shop (multistore), or fix PRESTASHOP_SHOP_ID.`,
      );
    }
    if (error.status === 503)
      return new ShopUnreachableError(
        `PrestaShop at ${config.prestashopUrl} answered 503: the webservice is disabled or the shop is in maintenance.`,
      );
    return new ShopUnreachableError(`PrestaShop at ${config.prestashopUrl} could not be used: ${error.message}`);
  }
  return new ShopUnreachableError(
    `PrestaShop at ${config.prestashopUrl} could not be reached: ${error instanceof Error ? error.message : String(error)}`,
  );
}

function banner(started: RunningPrestashopModule): string[] {
  const { config, url, shownPassword } = started;
  const { description, missing } = started.checked;
  return [
    '',
    'Passerelle PrestaShop module is running',
    bannerRow('Endpoint', url),
    bannerRow(
      'PrestaShop',
      `${config.prestashopUrl} (${description.name ?? 'shop'}), version ${description.platformVersion ?? 'unknown'}, API ${description.apiVersion}`,
    ),
    ...(config.shopId ? [bannerRow('Shop', `id_shop=${config.shopId}`)] : []),
    ...capabilityLines(started.module.capabilities).map((line, index) => bannerRow(index ? '' : 'Capabilities', line)),
    ...(missing.length
      ? [
          bannerRow('Key rights', 'missing (the calls that need them will fail):'),
          ...missing.map((line) => `                  ${line}`),
        ]
      : [bannerRow('Key rights', 'every resource and method the bridge uses')]),
    bannerRow('Module state', config.dbPath),
    bannerRow(
      'Admin page',
      `${started.adminUrl} ${config.adminPassword ? '(log in with PASSERELLE_ADMIN_PASSWORD)' : '(closed: set PASSERELLE_ADMIN_PASSWORD to open it)'}`,
    ),
    '',
    ...shownPasswordLines(shownPassword),
    bannerRow('Fingerprint', started.fingerprint ?? 'unknown'),
    '',
    '  Try:',
    ...curlCommands(url, ['/info', '/orders?limit=5', '/stock?limit=5'], shownPassword).map((line) => `    ${line}`),
    '',
  ];
}

/**
 * What `npm run module:prestashop` does (DESIGN §8), as a function tests can call: read the
 * environment, reach PrestaShop with the key, open the SQLite store, make sure the endpoint has a
 * password, listen, start the jobs, sweep once, and print how to call it.
 * @throws ValidationError naming the variable at fault; ShopUnreachableError when PrestaShop cannot be used
 */
export function startPrestashopModule(options: StartOptions): Promise<RunningPrestashopModule> {
  return startModule(options, {
    readConfig: readPrestashopConfig,
    create: (base, config) =>
      createPrestashopModule({
        ...base,
        prestashop: {
          url: config.prestashopUrl,
          key: config.webserviceKey,
          shopId: config.shopId,
          ...(options.prestashop ?? {}),
        },
      }),
    check: async (module, config) => {
      try {
        const description = await module.adapter.describe();
        const missing = missingPermissions(await module.adapter.client.describe());
        // The first data call proves the key can read and that JSON comes back (no PHP notice, no WAF page).
        await module.adapter.configuration();
        return { description, missing };
      } catch (error) {
        throw unreachable(error, config);
      }
    },
    banner,
  });
}
