import { envError, type OrderStatus, orderStatuses } from '@passerelle/core';
import cron from 'node-cron';
import { DEFAULT_PAYMENT_STATUSES } from './transfer.js';

export interface WorkerOptions {
  once: boolean;
  cron: string;
  batchSize: number;
  paymentStatuses: OrderStatus[];
  customerCodePrefix: string;
}

/** `--once`, `--batch-size=N`; `SYNC_CRON`, `BATCH_SIZE`, `PAYMENT_STATUSES`, `CUSTOMER_CODE_PREFIX`. */
export function readWorkerOptions(env: Readonly<Record<string, string | undefined>>, argv: string[]): WorkerOptions {
  const flag = (name: string) => argv.find((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  const batchText = flag('batch-size')?.split('=')[1] ?? env.BATCH_SIZE?.trim();
  const batchSize = batchText ? Number(batchText) : 20;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 500)
    throw envError('BATCH_SIZE', `expected a whole number from 1 to 500, got ${JSON.stringify(batchText)}`);
  const schedule = env.SYNC_CRON?.trim() || '*/5 * * * *';
  if (!cron.validate(schedule))
    throw envError('SYNC_CRON', `expected a cron expression such as "*/5 * * * *", got ${JSON.stringify(schedule)}`);
  const statusesText = env.PAYMENT_STATUSES?.trim();
  const paymentStatuses = statusesText
    ? statusesText.split(',').map((status) => status.trim())
    : [...DEFAULT_PAYMENT_STATUSES];
  const unknown = paymentStatuses.filter((status) => !(orderStatuses as readonly string[]).includes(status));
  if (unknown.length)
    throw envError('PAYMENT_STATUSES', `unknown status(es) ${unknown.join(', ')}; use ${orderStatuses.join(', ')}`);
  const prefix = env.CUSTOMER_CODE_PREFIX?.trim() || 'WEB-';
  if (!/^[A-Za-z0-9_-]{1,12}$/.test(prefix))
    throw envError('CUSTOMER_CODE_PREFIX', 'use 1 to 12 letters, digits, "-" or "_"');
  return {
    once: Boolean(flag('once')),
    cron: schedule,
    batchSize,
    paymentStatuses: paymentStatuses as OrderStatus[],
    customerCodePrefix: prefix,
  };
}
