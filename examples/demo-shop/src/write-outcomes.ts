import type { WriteOutcome } from '@passerelle/core';
import type { DemoDatabase } from './database.js';

/** What a plan's write returns when the shop accepted it. */
export interface Applied {
  id: string;
  note?: string;
}

const UNIQUE_MESSAGES: readonly [RegExp, string][] = [
  [
    /products\.reference|variants\.reference|reference already used/,
    'the reference is already used by another product or variant',
  ],
  [/customers\.email|customers_email/, 'the email address is already used by another customer account'],
  [/customers\.reference/, 'the customer code is already used by another customer'],
  [/categories\.reference/, 'the reference is already used by another category'],
  [/customer_groups\.reference/, 'the reference is already used by another customer group'],
  [/orders\.reference/, 'the order reference is already used by another order'],
];

/** A message for the cloud: what the shop refused, never a stack trace. */
export function describeWriteError(error: unknown): { error: string; retryable: boolean } {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
    return { error: 'the shop database is busy, try again', retryable: true };
  if (/UNIQUE constraint failed/.test(message)) {
    const known = UNIQUE_MESSAGES.find(([pattern]) => pattern.test(message));
    return {
      error: `duplicate: ${known ? known[1] : message.replace(/^.*UNIQUE constraint failed: /, '')}`,
      retryable: false,
    };
  }
  if (/FOREIGN KEY constraint failed/.test(message))
    return { error: 'the item refers to something the shop does not have', retryable: false };
  return { error: message, retryable: false };
}

/**
 * Applies each plan in its own transaction (a savepoint inside a caller's transaction): one item the
 * shop refuses fails alone with `{ ok: false }`, and the others are written. One outcome per plan,
 * in the plans' order, whatever happens.
 */
export function applyEach<P extends { key: string }>(
  db: DemoDatabase,
  plans: readonly P[],
  apply: (plan: P) => Applied,
): WriteOutcome[] {
  return plans.map((plan) => {
    try {
      const applied = db.transaction(() => apply(plan))();
      return { key: plan.key, ok: true, id: applied.id, ...(applied.note ? { note: applied.note } : {}) };
    } catch (error) {
      const failure = describeWriteError(error);
      return { key: plan.key, ok: false, error: failure.error, ...(failure.retryable ? { retryable: true } : {}) };
    }
  });
}
