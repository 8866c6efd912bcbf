import { join } from 'node:path';
import {
  createSqliteStore,
  fingerprint,
  generatePassword,
  type Logger,
  PlatformError,
  type Store,
  ValidationError,
} from '@passerelle/core';
import { createDolibarrModule, type DolibarrModule } from '@passerelle/dolibarr-module';
import { configError, type DolibarrModuleConfig, readDolibarrModuleConfig } from './config.js';
import { withDotenv } from './dotenv.js';

export interface StartDolibarrModuleOptions {
  /** The environment (`process.env` in `main.ts`); a `.env` in `cwd` fills what it leaves unset. */
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Overrides `PASSERELLE_PORT` (tests listen on 0). */
  port?: number;
  /** @default console.log */
  print?: (line: string) => void;
  logger?: Logger;
  /** `fetch` for the Dolibarr calls (tests). */
  fetch?: typeof globalThis.fetch;
}

export interface RunningDolibarrModule {
  url: string;
  port: number;
  config: DolibarrModuleConfig;
  module: DolibarrModule;
  store: Store;
  shownPassword: string | null;
  stop(): Promise<void>;
}

/** Dolibarr could not be reached, or refused the key: said plainly, the process exits 1. */
export class DolibarrUnavailableError extends Error {
  override name = 'DolibarrUnavailableError';
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

/** Says why Dolibarr did not answer, in the words an admin needs (never the key). */
export function explainDolibarrFailure(error: unknown, url: string): string {
  if (error instanceof PlatformError) {
    if (error.status === 401)
      return `Dolibarr at ${url} refused the API key (401): check DOLIBARR_API_KEY on the user card, and that the user is active.`;
    if (error.status === 403)
      return `Dolibarr at ${url} answered 403: the API user lacks a right (see the README for the rights needed).`;
    if (error.status === 404)
      return `Dolibarr at ${url} has no REST API there (404): enable the module "API REST (Web services)" and check DOLIBARR_URL.`;
    if (error.status === 0) return `Dolibarr at ${url} cannot be reached: ${error.message}`;
    return `Dolibarr at ${url} answered an error: ${error.message}`;
  }
  return `Dolibarr at ${url} cannot be reached: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * What `npm run module:dolibarr` does (DESIGN §8), as a function tests can call: read the
 * configuration, check Dolibarr answers with the key, create the module over SQLite, make sure the
 * endpoint has a password, listen, start the jobs, and print how to call it.
 * @throws ValidationError naming the variable at fault; DolibarrUnavailableError
 */
export async function startDolibarrModule(options: StartDolibarrModuleOptions): Promise<RunningDolibarrModule> {
  const print = options.print ?? ((line: string) => console.log(line));
  const env = withDotenv(options.env, join(options.cwd, '.env'));
  const config = readDolibarrModuleConfig(env, options.cwd);
  const store = createSqliteStore({ path: config.dbPath });
  let module: DolibarrModule | null = null;
  try {
    module = await createDolibarrModule({
      store,
      logger: options.logger ?? stderrLogger,
      dolibarr: {
        url: config.dolibarrUrl,
        apiKey: config.apiKey,
        entity: config.entity,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      },
    });
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
    let login: string;
    try {
      login = (await module.adapter.client.whoami()).login;
    } catch (error) {
      throw new DolibarrUnavailableError(explainDolibarrFailure(error, config.dolibarrUrl));
    }
    const description = await module.adapter.describe();

    let shownPassword: string | null = null;
    const { settings } = await module.settings.current();
    if (config.password !== null) {
      if (settings.access.passwordFingerprint !== fingerprint(config.password))
        await module.settings.setPassword(config.password, 'PASSERELLE_PASSWORD');
    } else if (settings.access.passwordHash === null) {
      shownPassword = generatePassword();
      await module.settings.setPassword(shownPassword, 'first start');
    }
    const server = await module.listen({ port: options.port ?? config.port, host: config.host });
    module.jobs.start();

    print('');
    print('Passerelle Dolibarr module is running');
    print(`  Endpoint      ${server.url}`);
    print(
      `  Platform      dolibarr ${description.platformVersion ?? '(version unknown)'} at ${config.dolibarrUrl} (API ${description.apiVersion ?? 'n/a'}), user ${login}${config.entity ? `, entity ${config.entity}` : ''}`,
    );
    print(`  Capabilities  read    ${listed(module.capabilities.read)}`);
    print(`                write   ${listed(module.capabilities.write)}`);
    print(`  Module state  ${config.dbPath}`);
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
    print(`  curl -s -H "Authorization: Bearer ${shownPassword ?? '$PASSERELLE_PASSWORD'}" ${server.url}/info`);
    const opened = module;
    let stopped = false;
    return {
      url: server.url,
      port: server.port,
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
