import {
  bannerRow,
  capabilityLines,
  createModule,
  curlCommands,
  type ModuleBase,
  type PasserelleModule,
  type PlatformDescription,
  type StartedModule,
  type StartOptions,
  shownPasswordLines,
  startModule,
} from '@passerelle/core';
import { createDemoAdapter, type DemoAdapter } from './demo-adapter.js';
import { type DemoConfig, readDemoConfig } from './demo-config.js';
import { isSeeded, seedDemoShop } from './seed.js';

export interface StartDemoOptions extends StartOptions {
  /** The demo shop's clock. @default () => new Date() */
  now?: () => Date;
}

/** The module over the demo shop, with the shop's adapter. */
export type DemoModule = PasserelleModule & { adapter: DemoAdapter };

/** What the shop holds, for the banner. */
interface ShopSummary {
  description: PlatformDescription;
  counts: { products: number; customers: number; orders: number } | undefined;
}

/**
 * The running demo: the endpoint `url` (e.g. `http://127.0.0.1:8787/passerelle/v1`), `port`, `config`,
 * `module`, `adapter`, `store`, the `shownPassword` (printed once, null when it was not shown) and `stop()`.
 */
export interface RunningDemo extends StartedModule<DemoConfig, DemoModule, ShopSummary> {
  adapter: DemoAdapter;
  /** The three commands of the banner, exactly as printed. */
  curlCommands: string[];
}

const CURL_PATHS = ['/info', '/orders?limit=5', '/changes?limit=5'];

/** Opens the demo shop, seeds it on first run, and builds the module over it. */
async function createDemoModule(
  base: ModuleBase,
  config: DemoConfig,
  print: (line: string) => void,
  now: (() => Date) | undefined,
): Promise<DemoModule> {
  const adapter = createDemoAdapter({ path: config.demoDataPath, ...(now ? { now } : {}) });
  try {
    if (!isSeeded(adapter.demo.database)) {
      const summary = seedDemoShop(adapter.demo.database);
      print(
        `Seeded the demo shop: ${summary.products} products (${summary.variants} variants), ${summary.categories} categories, ` +
          `${summary.customers} customers, ${summary.orders} orders.`,
      );
    }
    // Once the module exists, it closes the shop's database.
    return Object.assign(await createModule({ ...base, adapter }), { adapter });
  } catch (error) {
    await adapter.close();
    throw error;
  }
}

async function summarise(module: DemoModule): Promise<ShopSummary> {
  const counts = module.adapter.demo.database
    .prepare<[], { products: number; customers: number; orders: number }>(
      'SELECT (SELECT COUNT(*) FROM products) AS products, (SELECT COUNT(*) FROM customers) AS customers, (SELECT COUNT(*) FROM orders) AS orders',
    )
    .get();
  return { description: await module.adapter.describe(), counts };
}

function banner(started: StartedModule<DemoConfig, DemoModule, ShopSummary>): string[] {
  const { config, url, shownPassword } = started;
  const { description, counts } = started.checked;
  const password = shownPassword
    ? [...shownPasswordLines(shownPassword), bannerRow('Fingerprint', started.fingerprint ?? 'unknown')]
    : [
        `  Endpoint password fingerprint ${started.fingerprint ?? 'unknown'}`,
        config.password !== null
          ? '  The password is the one in PASSERELLE_PASSWORD; export it in this shell to run the commands below.'
          : '  The password was shown on the first start only. To get a new one, delete the module database above or set PASSERELLE_PASSWORD.',
        '  Run first:    export PASSERELLE_PASSWORD=<your password>',
      ];
  return [
    '',
    'Passerelle demo shop is running',
    bannerRow('Endpoint', url),
    bannerRow(
      'Platform',
      `${description.platform} ${description.platformVersion ?? ''} (API ${description.apiVersion ?? 'n/a'})`,
    ),
    ...capabilityLines(started.module.capabilities).map((line, index) => bannerRow(index ? '' : 'Capabilities', line)),
    bannerRow(
      'Shop data',
      `${config.demoDataPath} (${counts?.products ?? 0} products, ${counts?.customers ?? 0} customers, ${counts?.orders ?? 0} orders)`,
    ),
    bannerRow('Module state', config.dbPath),
    bannerRow(
      'Admin page',
      config.adminPassword
        ? `${started.adminUrl} (log in with PASSERELLE_ADMIN_PASSWORD)`
        : `${started.adminUrl} (closed: set PASSERELLE_ADMIN_PASSWORD to open it)`,
    ),
    '',
    ...password,
    '',
    'Try it:',
    ...curlCommands(url, CURL_PATHS, shownPassword).map((command) => `  ${command}`),
    '',
    `Play the ERP side: ${shownPassword ? `PASSERELLE_PASSWORD=${shownPassword} ` : ''}npm run demo:cloud`,
  ];
}

/**
 * What `npm start` does (DESIGN §8), as a function tests can call: read the configuration, seed the
 * demo shop on first run, create the module over a SQLite store, make sure the endpoint has a
 * password, listen, start the jobs and sweep once, and print how to call it.
 * @throws ValidationError naming the variable at fault; PortInUseError (`@passerelle/core`) when the port is taken
 */
export async function startDemo(options: StartDemoOptions): Promise<RunningDemo> {
  const started = await startModule(options, {
    readConfig: readDemoConfig,
    create: (base, config, print) => createDemoModule(base, config, print, options.now),
    check: summarise,
    banner,
  });
  return {
    ...started,
    adapter: started.module.adapter,
    curlCommands: curlCommands(started.url, CURL_PATHS, started.shownPassword),
  };
}
