import { isAbsolute, join, resolve } from 'node:path';
import { ValidationError, type WritableOrderStatus, writableOrderStatuses } from '@passerelle/core';
import cron from 'node-cron';
import {
  ConnectionError,
  configError,
  connectEndpoint,
  openErp,
  readErpConnection,
  readShopConnection,
} from '../../shop-to-dolibarr/src/connections.js';
import { withDotenv } from '../../shop-to-dolibarr/src/dotenv.js';
import { runDolibarrToShop, type ShopSyncSummary } from './shop-sync.js';
import { fileState } from './state-file.js';

const FEEDS = ['stock', 'prices', 'products', 'statuses'] as const;

function readPush(text: string | undefined): Partial<Record<(typeof FEEDS)[number], boolean>> {
  if (!text?.trim()) return {};
  const wanted = text.split(',').map((part) => part.trim());
  const unknown = wanted.filter((part) => !(FEEDS as readonly string[]).includes(part));
  if (unknown.length) throw configError('PUSH', `unknown feed(s) ${unknown.join(', ')}; use ${FEEDS.join(', ')}`);
  return Object.fromEntries(FEEDS.map((feed) => [feed, wanted.includes(feed)]));
}

function readStatusMap(text: string | undefined): Partial<Record<string, WritableOrderStatus>> | undefined {
  if (!text?.trim()) return undefined;
  const out: Partial<Record<string, WritableOrderStatus>> = {};
  for (const pair of text.split(',')) {
    const [from, to] = pair.split(':').map((part) => part.trim());
    if (!from || !to || !(writableOrderStatuses as readonly string[]).includes(to)) {
      throw configError(
        'STATUS_MAP',
        `expected pairs such as shipped:shipped,delivered:completed, got ${JSON.stringify(pair)}`,
      );
    }
    out[from] = to as WritableOrderStatus;
  }
  return out;
}

function report(summary: ShopSyncSummary): void {
  const line = (name: string, tally: ShopSyncSummary['stock']) =>
    `${name}: ${tally.sent} sent, ${tally.updated} updated, ${tally.unchanged} unchanged, ${tally.elsewhere} not the shop's, ${tally.failed} failed`;
  console.log(
    ['stock', 'prices', 'products', 'statuses']
      .map((name) => line(name, summary[name as keyof Omit<ShopSyncSummary, 'failures'>]))
      .join('\n'),
  );
  for (const failure of summary.failures) console.log(`  ${failure}`);
}

/** `--once` pushes once and exits (0 ok, 2 some items failed); otherwise on `SYNC_CRON`, never overlapping. */
async function main(): Promise<number> {
  const env = withDotenv(process.env, join(process.cwd(), '.env'));
  let shop: Awaited<ReturnType<typeof connectEndpoint>>;
  let erp: Awaited<ReturnType<typeof openErp>>;
  let push: ReturnType<typeof readPush>;
  let statusMap: ReturnType<typeof readStatusMap>;
  const stateFile = env.STATE_FILE?.trim() || './dolibarr-to-shop.state.json';
  const schedule = env.SYNC_CRON?.trim() || '*/5 * * * *';
  try {
    if (!cron.validate(schedule))
      throw configError(
        'SYNC_CRON',
        `expected a cron expression such as "*/5 * * * *", got ${JSON.stringify(schedule)}`,
      );
    push = readPush(env.PUSH);
    statusMap = readStatusMap(env.STATUS_MAP);
    shop = await connectEndpoint(readShopConnection(env), 'The shop module');
    erp = await openErp(readErpConnection(env, process.cwd()));
  } catch (error) {
    if (error instanceof ValidationError || error instanceof ConnectionError)
      console.error(`Cannot start: ${error.message}`);
    else console.error(`Cannot start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
  const state = fileState(isAbsolute(stateFile) ? stateFile : resolve(process.cwd(), stateFile));
  const module = erp.module;
  const once = () =>
    runDolibarrToShop(erp.client, shop, {
      push,
      ...(statusMap ? { statusMap } : {}),
      state,
      ...(module ? { refreshChanges: async () => void (await module.detector.sweep()) } : {}),
      notifyCustomer: env.NOTIFY_CUSTOMER === '1' || env.NOTIFY_CUSTOMER === 'true',
      ...(env.SHOP_ID?.trim() ? { shopId: env.SHOP_ID.trim() } : {}),
      ...(env.STOCK_LOCATION?.trim() ? { stockLocation: env.STOCK_LOCATION.trim() } : {}),
      onProgress: (line) => console.log(line),
    });

  if (process.argv.includes('--once')) {
    try {
      const summary = await once();
      report(summary);
      return summary.failures.length ? 2 : 0;
    } catch (error) {
      console.error(`The sync stopped: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    } finally {
      await erp.close();
    }
  }
  console.log(`Pushing Dolibarr to the shop on "${schedule}" (Ctrl+C to stop).`);
  const task = cron.schedule(
    schedule,
    async () => {
      try {
        report(await once());
      } catch (error) {
        console.error(
          `The sync stopped: ${error instanceof Error ? error.message : String(error)}; next run on schedule.`,
        );
      }
    },
    { noOverlap: true },
  );
  await task.execute();
  await new Promise<void>((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
  await task.stop();
  await erp.close();
  return 0;
}

process.exitCode = await main();
