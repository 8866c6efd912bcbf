import { join } from 'node:path';
import { ValidationError } from '@passerelle/core';
import cron from 'node-cron';
import { ConnectionError, connectEndpoint, openErp, readErpConnection, readShopConnection } from './connections.js';
import { withDotenv } from './dotenv.js';
import { runTransfer, type TransferSummary } from './transfer.js';
import { readWorkerOptions } from './worker-options.js';

function report(summary: TransferSummary): void {
  console.log(
    `Done: ${summary.read} order(s) read, ${summary.created} created in Dolibarr, ${summary.alreadyThere} already there, ` +
      `${summary.invoices} invoice(s), ${summary.payments} payment(s), ${summary.acknowledged} acknowledged, ${summary.failures.length} failed.`,
  );
  for (const failure of summary.failures)
    console.log(`  order ${failure.orderId} (${failure.reference}) failed at ${failure.step}: ${failure.error}`);
}

/**
 * `npm run demo:erp`: the shop → Dolibarr flow. `--once` transfers the queue and exits (0 all done,
 * 2 some orders failed); without it the transfer runs on `SYNC_CRON`, never overlapping itself.
 */
async function main(): Promise<number> {
  const env = withDotenv(process.env, join(process.cwd(), '.env'));
  let options: ReturnType<typeof readWorkerOptions>;
  let shop: Awaited<ReturnType<typeof connectEndpoint>>;
  let erp: Awaited<ReturnType<typeof openErp>>;
  try {
    options = readWorkerOptions(env, process.argv.slice(2));
    const shopConnection = readShopConnection(env);
    const erpConnection = readErpConnection(env, process.cwd());
    shop = await connectEndpoint(shopConnection, 'The shop module');
    erp = await openErp(erpConnection);
    console.log(`Shop module      ${shopConnection.url}`);
    console.log(
      `Dolibarr module  ${erpConnection.kind === 'endpoint' ? erpConnection.url : `run here, over ${erpConnection.dolibarrUrl}`}`,
    );
  } catch (error) {
    if (error instanceof ValidationError || error instanceof ConnectionError)
      console.error(`Cannot start: ${error.message}`);
    else console.error(`Cannot start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }

  const once = async (): Promise<TransferSummary> =>
    runTransfer(shop, erp.client, {
      batchSize: options.batchSize,
      paymentStatuses: options.paymentStatuses,
      customerCodePrefix: options.customerCodePrefix,
      onProgress: (progress) =>
        console.log(
          `[round ${progress.batch}] ${progress.read} read, ${progress.acknowledged} acknowledged, ${progress.failed} failed` +
            (progress.last
              ? ` (last: order ${progress.last.orderId} ${progress.last.reference} → ${progress.last.documentNumber ?? 'draft'})`
              : ''),
        ),
    });

  if (options.once) {
    try {
      const summary = await once();
      report(summary);
      return summary.failures.length ? 2 : 0;
    } catch (error) {
      console.error(`The transfer stopped: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    } finally {
      await erp.close();
    }
  }

  console.log(`Transferring on "${options.cron}" (Ctrl+C to stop).`);
  const task = cron.schedule(
    options.cron,
    async () => {
      try {
        report(await once());
      } catch (error) {
        console.error(
          `The transfer stopped: ${error instanceof Error ? error.message : String(error)}; next run on schedule.`,
        );
      }
    },
    { noOverlap: true },
  );
  await task.execute();
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await task.stop();
  await erp.close();
  return 0;
}

process.exitCode = await main();
