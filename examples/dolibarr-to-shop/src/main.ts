import { isAbsolute, join, resolve } from 'node:path';
import { envError, type WritableOrderStatus, withDotenv, writableOrderStatuses } from '@passerelle/core';
import cron from 'node-cron';
import {
  connectEndpoint,
  openErp,
  readErpConnection,
  readShopConnection,
} from '../../shop-to-dolibarr/src/connections.js';
import { runWorker, type Worker } from '../../shop-to-dolibarr/src/worker-loop.js';
import { runDolibarrToShop, type ShopSyncSummary } from './shop-sync.js';
import { fileState } from './state-file.js';

const FEEDS = ['stock', 'prices', 'products', 'statuses'] as const;

function readPush(text: string | undefined): Partial<Record<(typeof FEEDS)[number], boolean>> {
  if (!text?.trim()) return {};
  const wanted = text.split(',').map((part) => part.trim());
  const unknown = wanted.filter((part) => !(FEEDS as readonly string[]).includes(part));
  if (unknown.length) throw envError('PUSH', `unknown feed(s) ${unknown.join(', ')}; use ${FEEDS.join(', ')}`);
  return Object.fromEntries(FEEDS.map((feed) => [feed, wanted.includes(feed)]));
}

function readStatusMap(text: string | undefined): Partial<Record<string, WritableOrderStatus>> | undefined {
  if (!text?.trim()) return undefined;
  const out: Partial<Record<string, WritableOrderStatus>> = {};
  for (const pair of text.split(',')) {
    const [from, to] = pair.split(':').map((part) => part.trim());
    if (!from || !to || !(writableOrderStatuses as readonly string[]).includes(to)) {
      throw envError(
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
process.exitCode = await runWorker(async (): Promise<Worker<ShopSyncSummary>> => {
  const env = withDotenv(process.env, join(process.cwd(), '.env'));
  const stateFile = env.STATE_FILE?.trim() || './dolibarr-to-shop.state.json';
  const schedule = env.SYNC_CRON?.trim() || '*/5 * * * *';
  if (!cron.validate(schedule))
    throw envError('SYNC_CRON', `expected a cron expression such as "*/5 * * * *", got ${JSON.stringify(schedule)}`);
  const push = readPush(env.PUSH);
  const statusMap = readStatusMap(env.STATUS_MAP);
  const shop = await connectEndpoint(readShopConnection(env), 'The shop module');
  const erp = await openErp(readErpConnection(env, process.cwd()));
  const state = fileState(isAbsolute(stateFile) ? stateFile : resolve(process.cwd(), stateFile));
  const module = erp.module;
  return {
    once: process.argv.includes('--once'),
    schedule,
    scheduled: `Pushing Dolibarr to the shop on "${schedule}" (Ctrl+C to stop).`,
    round: 'sync',
    run: () =>
      runDolibarrToShop(erp.client, shop, {
        push,
        ...(statusMap ? { statusMap } : {}),
        state,
        ...(module ? { refreshChanges: async () => void (await module.detector.sweep()) } : {}),
        notifyCustomer: env.NOTIFY_CUSTOMER === '1' || env.NOTIFY_CUSTOMER === 'true',
        ...(env.SHOP_ID?.trim() ? { shopId: env.SHOP_ID.trim() } : {}),
        ...(env.STOCK_LOCATION?.trim() ? { stockLocation: env.STOCK_LOCATION.trim() } : {}),
        onProgress: (line) => console.log(line),
      }),
    report,
    failed: (summary) => summary.failures.length > 0,
    close: erp.close,
  };
});
