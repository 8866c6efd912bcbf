import { join } from 'node:path';
import {
  type Capabilities,
  createSqliteStore,
  fingerprint,
  generatePassword,
  type Logger,
  type RunningServer,
  type Store,
  ValidationError,
} from '@passerelle/core';
import {
  createPrestashopModule,
  missingPermissions,
  type PrestashopAdapterOptions,
  PrestashopError,
  type PrestashopModule,
} from '@passerelle/prestashop-bridge';
import { configError, type PrestashopModuleConfig, readPrestashopConfig } from './config.js';
import { withDotenv } from './dotenv.js';

/** PrestaShop could not be reached, or refused the key: said plainly, start-up stops. */
export class ShopUnreachableError extends Error {
  override readonly name = 'ShopUnreachableError';
}

export interface StartOptions {
  /** `process.env` in `main.ts`; a `.env` in `cwd` fills what it leaves unset. */
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Overrides `PASSERELLE_PORT` (tests listen on 0). */
  port?: number;
  /** Where the banner goes. @default console.log */
  print?: (line: string) => void;
  /** @default to stderr */
  logger?: Logger;
  /** Adapter options on top of the environment's (tests inject a fast retry policy). */
  prestashop?: Partial<PrestashopAdapterOptions>;
}

export interface RunningPrestashopModule {
  url: string;
  port: number;
  config: PrestashopModuleConfig;
  module: PrestashopModule;
  store: Store;
  /** The password generated on this start and printed once; null when none was shown. */
  shownPassword: string | null;
  stop(): Promise<void>;
}

const stderrLogger: Logger = {
  info: (message) => console.error(`[passerelle] ${message}`),
  warn: (message, details) =>
    console.error(`[passerelle] warning: ${message}${details ? ` ${JSON.stringify(details)}` : ''}`),
  error: (message, details) =>
    console.error(`[passerelle] error: ${message}${details ? ` ${JSON.stringify(details)}` : ''}`),
};

function listed(flags: Record<string, boolean>): string {
  const names = Object.entries(flags)
    .filter(([, on]) => on)
    .map(([name]) => name);
  return names.length ? names.join(', ') : 'none';
}

function capabilityLines(capabilities: Capabilities): string[] {
  return [
    `read    ${listed(capabilities.read)}`,
    `write   ${listed(capabilities.write)}`,
    `deletes ${capabilities.deletes.join(', ') || 'none'}`,
  ];
}

function reachableUrl(url: string, host: string): string {
  if (host === '0.0.0.0') return url.replace('//0.0.0.0:', '//127.0.0.1:');
  if (host === '::') return url.replace('//[::]:', '//[::1]:');
  return url;
}

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

/**
 * What `npm run module:prestashop` does (DESIGN §8), as a function tests can call: read the
 * environment, reach PrestaShop with the key, open the SQLite store, make sure the endpoint has a
 * password, listen, start the jobs, sweep once, and print how to call it.
 * @throws ValidationError naming the variable at fault; ShopUnreachableError when PrestaShop cannot be used
 */
export async function startPrestashopModule(options: StartOptions): Promise<RunningPrestashopModule> {
  const print = options.print ?? ((line: string) => console.log(line));
  const env = withDotenv(options.env, join(options.cwd, '.env'));
  const config = readPrestashopConfig(env, options.cwd);
  const store = createSqliteStore({ path: config.dbPath });
  let module: PrestashopModule | null = null;
  let server: RunningServer | null = null;
  try {
    module = await createPrestashopModule({
      store,
      logger: options.logger ?? stderrLogger,
      ...(config.adminPassword ? { adminPassword: config.adminPassword } : {}),
      prestashop: {
        url: config.prestashopUrl,
        key: config.webserviceKey,
        shopId: config.shopId,
        ...(options.prestashop ?? {}),
      },
    });

    let description: Awaited<ReturnType<typeof module.adapter.describe>>;
    let missing: string[];
    try {
      description = await module.adapter.describe();
      missing = missingPermissions(await module.adapter.client.describe());
      // The first data call proves the key can read and that JSON comes back (no PHP notice, no WAF page).
      await module.adapter.configuration();
    } catch (error) {
      throw unreachable(error, config);
    }

    if (config.settings) {
      try {
        const applied = await module.settings.update(config.settings, 'PASSERELLE_SETTINGS');
        if (applied.changedPaths.length)
          print(`Settings from ${config.settingsPath}: ${applied.changedPaths.join(', ')}`);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        throw configError(
          'PASSERELLE_SETTINGS',
          `${config.settingsPath} was refused (${error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')})`,
        );
      }
    }

    let shownPassword: string | null = null;
    const { settings } = await module.settings.current();
    if (config.password !== null) {
      if (settings.access.passwordFingerprint !== fingerprint(config.password))
        await module.settings.setPassword(config.password, 'PASSERELLE_PASSWORD');
    } else if (settings.access.passwordHash === null) {
      shownPassword = generatePassword();
      await module.settings.setPassword(shownPassword, 'first start');
    }
    const access = (await module.settings.current()).settings.access;

    server = await module.listen({ port: options.port ?? config.port, host: config.host });
    const url = reachableUrl(server.url, config.host);
    module.jobs.start();
    try {
      await module.jobs.run('sweep');
    } catch (error) {
      print(
        `Warning: the first change sweep failed (${error instanceof Error ? error.message : 'unknown error'}); /changes fills on the next one.`,
      );
    }

    const secret = shownPassword ?? '$PASSERELLE_PASSWORD';
    print('');
    print('Passerelle PrestaShop module is running');
    print(`  Endpoint      ${url}`);
    print(
      `  PrestaShop    ${config.prestashopUrl} (${description.name ?? 'shop'}), version ${description.platformVersion ?? 'unknown'}, API ${description.apiVersion}`,
    );
    if (config.shopId) print(`  Shop          id_shop=${config.shopId}`);
    const [read, write, deletes] = capabilityLines(module.capabilities);
    print(`  Capabilities  ${read}`);
    print(`                ${write}`);
    print(`                ${deletes}`);
    if (missing.length) {
      print('  Key rights    missing (the calls that need them will fail):');
      for (const line of missing) print(`                  ${line}`);
    } else {
      print('  Key rights    every resource and method the bridge uses');
    }
    print(`  Module state  ${config.dbPath}`);
    print(
      `  Admin page    ${reachableUrl(server.adminUrl, config.host)} ${config.adminPassword ? '(log in with PASSERELLE_ADMIN_PASSWORD)' : '(closed: set PASSERELLE_ADMIN_PASSWORD to open it)'}`,
    );
    print('');
    if (shownPassword) {
      print('  Endpoint password (shown ONCE: copy it now, only its hash is stored):');
      print(`      ${shownPassword}`);
    }
    print(`  Fingerprint   ${access.passwordFingerprint ?? 'unknown'}`);
    print('');
    print('  Try:');
    print(`    curl -s -H "Authorization: Bearer ${secret}" ${url}/info`);
    print(`    curl -s -H "Authorization: Bearer ${secret}" "${url}/orders?limit=5"`);
    print(`    curl -s -H "Authorization: Bearer ${secret}" "${url}/stock?limit=5"`);
    print('');

    const running = module;
    const listening = server;
    return {
      url,
      port: listening.port,
      config,
      module: running,
      store,
      shownPassword,
      async stop() {
        await running.close();
        await store.close();
      },
    };
  } catch (error) {
    await server?.close();
    await module?.close();
    await store.close();
    throw error;
  }
}
