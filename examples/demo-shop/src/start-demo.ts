import { join } from 'node:path';
import {
  type Capabilities,
  createModule,
  createSqliteStore,
  fingerprint,
  generatePassword,
  type Logger,
  type PasserelleModule,
  type Store,
  ValidationError,
} from '@passerelle/core';
import { createDemoAdapter, type DemoAdapter } from './demo-adapter.js';
import { configError, type DemoConfig, readDemoConfig } from './demo-config.js';
import { withDotenv } from './dotenv.js';
import { PortInUseError } from './port-in-use-error.js';
import { isSeeded, seedDemoShop } from './seed.js';

export interface StartDemoOptions {
  /** The environment to read (`process.env` in `main.ts`); a `.env` in `cwd` fills what it leaves unset. */
  env: Readonly<Record<string, string | undefined>>;
  /** Where relative paths and `.env` are resolved. */
  cwd: string;
  /** Overrides `PASSERELLE_PORT` (tests listen on 0: any free port). */
  port?: number;
  /** Where the banner goes, one line per call. @default console.log */
  print?: (line: string) => void;
  /** The module's log lines (never secrets). @default to stderr */
  logger?: Logger;
  /** The demo shop's clock. @default () => new Date() */
  now?: () => Date;
}

export interface RunningDemo {
  /** The endpoint base URL, e.g. `http://127.0.0.1:8787/passerelle/v1`. */
  url: string;
  port: number;
  config: DemoConfig;
  module: PasserelleModule;
  adapter: DemoAdapter;
  store: Store;
  /** The password generated on this start and printed once; null when it was not shown. */
  shownPassword: string | null;
  /** The three commands of the banner, exactly as printed. */
  curlCommands: string[];
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

function describeCapabilities(capabilities: Capabilities): string[] {
  return [
    `read    ${listed(capabilities.read)}`,
    `write   ${listed(capabilities.write)}`,
    `deletes ${capabilities.deletes.length ? capabilities.deletes.join(', ') : 'none'}`,
  ];
}

/** The address a local curl reaches: a wildcard listen address is reached through loopback. */
function reachableUrl(url: string, host: string): string {
  if (host === '0.0.0.0') return url.replace('//0.0.0.0:', '//127.0.0.1:');
  if (host === '::') return url.replace('//[::]:', '//[::1]:');
  return url;
}

function isAddressInUse(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EADDRINUSE';
}

/**
 * What `npm start` does (DESIGN §8), as a function tests can call: read the configuration, seed the
 * demo shop on first run, create the module over a SQLite store, make sure the endpoint has a
 * password, listen, start the jobs and sweep once, and print how to call it.
 * @throws ValidationError naming the variable at fault; PortInUseError when the port is taken
 */
export async function startDemo(options: StartDemoOptions): Promise<RunningDemo> {
  const print = options.print ?? ((line: string) => console.log(line));
  const env = withDotenv(options.env, join(options.cwd, '.env'));
  const config = readDemoConfig(env, options.cwd);
  const port = options.port ?? config.port;

  const adapter = createDemoAdapter({ path: config.demoDataPath, ...(options.now ? { now: options.now } : {}) });
  let store: Store | null = null;
  let module: PasserelleModule | null = null;
  try {
    if (!isSeeded(adapter.demo.database)) {
      const summary = seedDemoShop(adapter.demo.database);
      print(
        `Seeded the demo shop: ${summary.products} products (${summary.variants} variants), ${summary.categories} categories, ` +
          `${summary.customers} customers, ${summary.orders} orders.`,
      );
    }
    store = createSqliteStore({ path: config.dbPath });
    module = await createModule({
      adapter,
      store,
      logger: options.logger ?? stderrLogger,
      ...(config.adminPassword ? { adminPassword: config.adminPassword } : {}),
    });

    if (config.settings) {
      try {
        const applied = await module.settings.update(config.settings, 'PASSERELLE_SETTINGS');
        if (applied.changedPaths.length)
          print(`Settings from ${config.settingsPath}: ${applied.changedPaths.join(', ')}`);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const issues = error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
        throw configError('PASSERELLE_SETTINGS', `${config.settingsPath} was refused (${issues})`);
      }
    }

    let shownPassword: string | null = null;
    const { settings } = await module.settings.current();
    if (config.password !== null) {
      if (settings.access.passwordFingerprint !== fingerprint(config.password)) {
        await module.settings.setPassword(config.password, 'PASSERELLE_PASSWORD');
      }
    } else if (settings.access.passwordHash === null) {
      shownPassword = generatePassword();
      await module.settings.setPassword(shownPassword, 'first start');
    }
    const current = (await module.settings.current()).settings.access;

    let server: Awaited<ReturnType<PasserelleModule['listen']>>;
    try {
      server = await module.listen({ port, host: config.host });
    } catch (error) {
      if (isAddressInUse(error)) throw new PortInUseError(config.host, port);
      throw error;
    }
    const url = reachableUrl(server.url, config.host);

    module.jobs.start();
    try {
      await module.jobs.run('sweep');
    } catch (error) {
      print(
        `Warning: the first change sweep failed (${error instanceof Error ? error.message : 'unknown error'}); /changes fills on the next one.`,
      );
    }

    const description = await adapter.describe();
    const counts = adapter.demo.database
      .prepare<[], { products: number; customers: number; orders: number }>(
        'SELECT (SELECT COUNT(*) FROM products) AS products, (SELECT COUNT(*) FROM customers) AS customers, (SELECT COUNT(*) FROM orders) AS orders',
      )
      .get();
    const secret = shownPassword ?? '$PASSERELLE_PASSWORD';
    const curlCommands = [
      `curl -s -H "Authorization: Bearer ${secret}" ${url}/info`,
      `curl -s -H "Authorization: Bearer ${secret}" "${url}/orders?limit=5"`,
      `curl -s -H "Authorization: Bearer ${secret}" "${url}/changes?limit=5"`,
    ];

    print('');
    print('Passerelle demo shop is running');
    print(`  Endpoint      ${url}`);
    print(
      `  Platform      ${description.platform} ${description.platformVersion ?? ''} (API ${description.apiVersion ?? 'n/a'})`,
    );
    const [readLine, writeLine, deleteLine] = describeCapabilities(module.capabilities);
    print(`  Capabilities  ${readLine}`);
    print(`                ${writeLine}`);
    print(`                ${deleteLine}`);
    print(
      `  Shop data     ${config.demoDataPath} (${counts?.products ?? 0} products, ${counts?.customers ?? 0} customers, ${counts?.orders ?? 0} orders)`,
    );
    print(`  Module state  ${config.dbPath}`);
    print(
      `  Admin page    ${reachableUrl(server.adminUrl, config.host)} ` +
        (config.adminPassword
          ? '(log in with PASSERELLE_ADMIN_PASSWORD)'
          : '(closed: set PASSERELLE_ADMIN_PASSWORD to open it)'),
    );
    print('');
    if (shownPassword) {
      print('  Endpoint password (shown ONCE: copy it now, only its hash is stored):');
      print(`      ${shownPassword}`);
      print(`  Fingerprint   ${current.passwordFingerprint ?? fingerprint(shownPassword)}`);
    } else {
      print(`  Endpoint password fingerprint ${current.passwordFingerprint ?? 'unknown'}`);
      print(
        config.password !== null
          ? '  The password is the one in PASSERELLE_PASSWORD; export it in this shell to run the commands below.'
          : '  The password was shown on the first start only. To get a new one, delete the module database above or set PASSERELLE_PASSWORD.',
      );
      print('  Run first:    export PASSERELLE_PASSWORD=<your password>');
    }
    print('');
    print('Try it:');
    for (const command of curlCommands) print(`  ${command}`);
    print('');
    print(`Play the ERP side: ${shownPassword ? `PASSERELLE_PASSWORD=${shownPassword} ` : ''}npm run demo:cloud`);

    const opened = module;
    const openedStore = store;
    let stopped = false;
    return {
      url,
      port: server.port,
      config,
      module: opened,
      adapter,
      store: openedStore,
      shownPassword,
      curlCommands,
      async stop() {
        if (stopped) return;
        stopped = true;
        // The module stops the jobs, closes the server and the adapter; the store is ours to close.
        await opened.close();
        await openedStore.close();
      },
    };
  } catch (error) {
    if (module) await module.close().catch(() => undefined);
    else await adapter.close();
    if (store) await store.close().catch(() => undefined);
    throw error;
  }
}
