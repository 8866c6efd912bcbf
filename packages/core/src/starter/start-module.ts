import { join } from 'node:path';
import type { Logger, PasserelleModule, RunningServer } from '../module.js';
import { createSqliteStore, type Store } from '../state/index.js';
import { reachableUrl } from './banner.js';
import { withDotenv } from './dotenv.js';
import { ensureEndpointPassword } from './endpoint-password.js';
import type { EnvSource, ModuleEnv } from './module-env.js';
import { applySettingsFile } from './settings-file.js';
import { PortInUseError } from './startup-errors.js';
import { stderrLogger } from './stderr-logger.js';

/** What a module's start function takes from `main.ts` (and from tests). */
export interface StartOptions {
  /** The environment (`process.env` in `main.ts`); a `.env` in `cwd` fills what it leaves unset. */
  env: EnvSource;
  /** Where relative paths and `.env` are resolved. */
  cwd: string;
  /** Overrides `PASSERELLE_PORT` (tests listen on 0: any free port). */
  port?: number | undefined;
  /** Where the banner goes, one line per call. @default console.log */
  print?: ((line: string) => void) | undefined;
  /** The module's log lines (never secrets). @default stderrLogger */
  logger?: Logger | undefined;
}

/** What `startModule` needs of a configuration: `readModuleEnv`'s result, with the platform's own fields. */
export type StartConfig = Pick<ModuleEnv, 'port' | 'host' | 'dbPath' | 'password' | 'settings' | 'settingsPath'> & {
  adminPassword?: string | null;
};

/** The options every `create…Module` takes: spread them into the platform's own. */
export interface ModuleBase {
  store: Store;
  logger: Logger;
  /** Set when `PASSERELLE_ADMIN_PASSWORD` is: it opens the admin page. */
  adminPassword?: string;
}

export interface ModuleSetup<C extends StartConfig, M extends PasserelleModule, K> {
  /** Reads and checks every variable (`readModuleEnv` and the platform's own) before anything is opened. */
  readConfig(env: EnvSource, cwd: string): C;
  /** Builds the module over the opened store: the platform's `create…Module({ ...base, … })`. */
  create(base: ModuleBase, config: C, print: (line: string) => void): Promise<M>;
  /**
   * Proves the platform answers, before anything is written to the store; what it returns comes back
   * as `checked` (e.g. the platform's description, for the banner). Throw a `StartupError` of the
   * platform's own that says what to fix.
   */
  check?(module: M, config: C): Promise<K>;
  /** Sweep the platform once for changes after listening, so `/changes` has content. @default true */
  firstSweep?: boolean;
  /**
   * The banner, printed once the module listens: build it with `bannerRow`, `capabilityLines`,
   * `shownPasswordLines` and `curlCommands`. The generated password may appear here, and only here.
   */
  banner?(started: StartedModule<C, M, K>): string[];
}

export interface StartedModule<C, M extends PasserelleModule, K> {
  config: C;
  module: M;
  store: Store;
  server: RunningServer;
  /** The endpoint base URL, as a local curl reaches it (`reachableUrl`). */
  url: string;
  /** The admin page's URL, as a local browser reaches it. */
  adminUrl: string;
  /** The port listened on (the one the system picked when asked for 0). */
  port: number;
  /** What `check` returned. */
  checked: K;
  /** The password generated on this start, for the banner only (shown once); null when none was. */
  shownPassword: string | null;
  /** The stored password's fingerprint, safe to print. */
  fingerprint: string | null;
  /** Stops the jobs, closes the server, the module and the store; a second call does nothing. */
  stop(): Promise<void>;
}

function isAddressInUse(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EADDRINUSE';
}

/**
 * What a module's start-up does (DESIGN §8): read the environment over the `.env` of `cwd`, open the
 * SQLite store, create the module, check the platform, apply the settings file, make sure the
 * endpoint has a password (`ensureEndpointPassword`), listen, start the jobs, sweep once and print the
 * banner. On any failure what was opened is closed again before the error is thrown.
 * @throws ValidationError naming the variable at fault (`PortInUseError` for a taken port); what `create` or `check` throw
 */
export async function startModule<C extends StartConfig, M extends PasserelleModule, K = undefined>(
  options: StartOptions,
  setup: ModuleSetup<C, M, K>,
): Promise<StartedModule<C, M, K>> {
  const print = options.print ?? ((line: string) => console.log(line));
  const config = setup.readConfig(withDotenv(options.env, join(options.cwd, '.env')), options.cwd);
  const port = options.port ?? config.port;
  const store = createSqliteStore({ path: config.dbPath });
  let module: M | null = null;
  try {
    const base: ModuleBase = {
      store,
      logger: options.logger ?? stderrLogger,
      ...(config.adminPassword ? { adminPassword: config.adminPassword } : {}),
    };
    module = await setup.create(base, config, print);
    const checked = (setup.check ? await setup.check(module, config) : undefined) as K;
    await applySettingsFile(module.settings, config, print);
    const password = await ensureEndpointPassword(module.settings, config.password);
    const server = await module.listen({ port, host: config.host }).catch((error: unknown) => {
      throw isAddressInUse(error) ? new PortInUseError(config.host, port, { cause: error }) : error;
    });
    module.jobs.start();
    if (setup.firstSweep ?? true) {
      try {
        await module.jobs.run('sweep');
      } catch (error) {
        print(
          `Warning: the first change sweep failed (${error instanceof Error ? error.message : 'unknown error'}); /changes fills on the next one.`,
        );
      }
    }
    const opened = module;
    let stopped = false;
    const started: StartedModule<C, M, K> = {
      config,
      module: opened,
      store,
      server,
      url: reachableUrl(server.url, config.host),
      adminUrl: reachableUrl(server.adminUrl, config.host),
      port: server.port,
      checked,
      ...password,
      async stop() {
        if (stopped) return;
        stopped = true;
        // The module stops the jobs, closes its servers and the adapter; the store is ours to close.
        await opened.close();
        await store.close();
      },
    };
    for (const line of setup.banner?.(started) ?? []) print(line);
    return started;
  } catch (error) {
    if (module) await module.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
}
