import { join } from 'node:path';
import {
  type Capabilities,
  createSqliteStore,
  fingerprint,
  generatePassword,
  type Logger,
  PlatformError,
  type Store,
  ValidationError,
} from '@passerelle/core';
import { createWooCommerceModule, type WooCommerceModule } from '@passerelle/woocommerce-bridge';
import { configError, readWooModuleConfig, type WooModuleConfig } from './config.js';
import { withDotenv } from './dotenv.js';

export interface StartOptions {
  /** The environment (`process.env` in `main.ts`); a `.env` in `cwd` fills what it leaves unset. */
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Overrides `PASSERELLE_PORT` (tests listen on 0). */
  port?: number;
  /** Where the banner goes, one line per call. @default console.log */
  print?: (line: string) => void;
  logger?: Logger;
  /** Passed to the WooCommerce client (tests shorten the retries). */
  retry?: { limit?: number; delay?: (attempt: number) => number };
}

export interface RunningWooModule {
  url: string;
  adminUrl: string;
  config: WooModuleConfig;
  module: WooCommerceModule;
  store: Store;
  shownPassword: string | null;
  stop(): Promise<void>;
}

/** The shop could not be reached or refused the key: start-up stops with a plain sentence. */
export class ShopUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShopUnavailableError';
  }
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

function describeCapabilities(capabilities: Capabilities): string[] {
  return [
    `read    ${listed(capabilities.read)}`,
    `write   ${listed(capabilities.write)}`,
    `deletes ${capabilities.deletes.join(', ') || 'none'}`,
  ];
}

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

/**
 * What `npm run module:woocommerce` does (DESIGN §8), as a function tests can call: read the
 * configuration, create the module over a SQLite store, check the shop answers with the key, make sure
 * the endpoint has a password, listen, start the jobs, sweep once, and print how to call it.
 * @throws ValidationError naming the variable at fault; ShopUnavailableError when the shop cannot be used
 */
export async function startWooModule(options: StartOptions): Promise<RunningWooModule> {
  const print = options.print ?? ((line: string) => console.log(line));
  const env = withDotenv(options.env, join(options.cwd, '.env'));
  const config = readWooModuleConfig(env, options.cwd);
  const store = createSqliteStore({ path: config.dbPath });
  let module: WooCommerceModule | null = null;
  try {
    module = await createWooCommerceModule({
      woocommerce: { ...config.woocommerce, ...(options.retry ? { retry: options.retry } : {}) },
      store,
      logger: options.logger ?? stderrLogger,
      ...(config.adminPassword ? { adminPassword: config.adminPassword } : {}),
      ...(config.webhooks
        ? {
            webhooks: {
              secret: config.webhooks.secret,
              ...(config.webhooks.deliveryUrl ? { deliveryUrl: config.webhooks.deliveryUrl } : {}),
            },
          }
        : {}),
    });

    let description: Awaited<ReturnType<WooCommerceModule['adapter']['describe']>>;
    try {
      description = await module.adapter.describe();
    } catch (error) {
      throw new ShopUnavailableError(explain(error, config.woocommerce.url));
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

    const server = await module
      .listen({ port: options.port ?? config.port, host: config.host })
      .catch((error: unknown) => {
        if ((error as { code?: unknown })?.code === 'EADDRINUSE')
          throw configError(
            'PASSERELLE_PORT',
            `port ${options.port ?? config.port} on ${config.host} is already in use`,
          );
        throw error;
      });
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
    print('Passerelle WooCommerce module is running');
    print(`  Endpoint      ${server.url}`);
    print(
      `  Admin page    ${server.adminUrl}${config.adminPassword ? '' : ' (closed: set PASSERELLE_ADMIN_PASSWORD to open it)'}`,
    );
    print(`  Shop          ${description.name ?? config.woocommerce.url}`);
    print(
      `  Platform      WooCommerce ${description.platformVersion ?? '(version not reported)'} (API ${description.apiVersion}, ${module.adapter.client.auth === 'oauth1' ? 'OAuth 1.0a over http' : 'Basic over https'})`,
    );
    const [read, write, deletes] = describeCapabilities(module.capabilities);
    print(`  Capabilities  ${read}`);
    print(`                ${write}`);
    print(`                ${deletes}`);
    if (module.webhookPath)
      print(
        `  Webhooks      POST ${server.url.replace(/\/passerelle\/v1$/, '')}${module.webhookPath} (secret from WOOCOMMERCE_WEBHOOK_SECRET)`,
      );
    print(`  Module state  ${config.dbPath}`);
    print('');
    if (shownPassword) {
      print('  Endpoint password (shown ONCE: copy it now, only its hash is stored):');
      print(`      ${shownPassword}`);
    } else {
      print(
        `  Endpoint password fingerprint ${(await module.settings.current()).settings.access.passwordFingerprint ?? 'unknown'}`,
      );
    }
    print('');
    print('Try it:');
    print(`  curl -s -H "Authorization: Bearer ${secret}" ${server.url}/info`);
    print(`  curl -s -H "Authorization: Bearer ${secret}" "${server.url}/orders?limit=5"`);
    print(`  curl -s -H "Authorization: Bearer ${secret}" "${server.url}/changes?limit=5"`);

    const opened = module;
    let stopped = false;
    return {
      url: server.url,
      adminUrl: server.adminUrl,
      config,
      module: opened,
      store,
      shownPassword,
      async stop() {
        if (stopped) return;
        stopped = true;
        await opened.close();
        await store.close();
      },
    };
  } catch (error) {
    if (module) await module.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
}
