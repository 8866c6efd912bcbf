import { join } from 'node:path';
import { withDotenv } from '@passerelle/core';
import { connectEndpoint, openErp, readErpConnection, readShopConnection } from './connections.js';
import { runTransfer, type TransferSummary } from './transfer.js';
import { runWorker, type Worker } from './worker-loop.js';
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
process.exitCode = await runWorker(async (): Promise<Worker<TransferSummary>> => {
  const env = withDotenv(process.env, join(process.cwd(), '.env'));
  const options = readWorkerOptions(env, process.argv.slice(2));
  const shopConnection = readShopConnection(env);
  const erpConnection = readErpConnection(env, process.cwd());
  const shop = await connectEndpoint(shopConnection, 'The shop module');
  const erp = await openErp(erpConnection);
  console.log(`Shop module      ${shopConnection.url}`);
  console.log(
    `Dolibarr module  ${erpConnection.kind === 'endpoint' ? erpConnection.url : `run here, over ${erpConnection.dolibarrUrl}`}`,
  );
  return {
    once: options.once,
    schedule: options.cron,
    scheduled: `Transferring on "${options.cron}" (Ctrl+C to stop).`,
    round: 'transfer',
    run: () =>
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
      }),
    report,
    failed: (summary) => summary.failures.length > 0,
    close: erp.close,
  };
});
