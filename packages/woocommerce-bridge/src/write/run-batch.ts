import { PasserelleError, PlatformError } from '@passerelle/core';
import { WOO_BATCH_LIMIT, type WooClient } from '../client.js';
import type { WooBatchResponse, WooBatchResult } from '../woo.types.js';

/** One item of a `/batch` call: a create, or an update of `payload.id`. */
export interface BatchOp<P> {
  key: string;
  kind: 'create' | 'update';
  payload: P;
}

export type BatchItemResult<T> = { ok: true; item: T } | { ok: false; error: string; retryable: boolean };

function isItemError<T>(
  result: WooBatchResult<T>,
): result is { id: number; error: { code: string; message: string; data?: { status?: number } } } {
  return (
    typeof result === 'object' &&
    result !== null &&
    'error' in result &&
    typeof (result as { error?: unknown }).error === 'object'
  );
}

function failure(error: unknown): { error: string; retryable: boolean } {
  if (PasserelleError.is(error)) return { error: error.message, retryable: error.retryable };
  return { error: 'the WooCommerce batch call failed unexpectedly', retryable: true };
}

/**
 * Sends creates and updates through `POST <path>/batch`, at most `WOO_BATCH_LIMIT` items per call, and
 * answers one result per op (keyed), in WooCommerce's own terms: each item succeeds or fails alone. A call
 * that fails as a whole fails each of its items with the reason; a 413 (a shop that lowered the limit with
 * `woocommerce_rest_batch_items_limit`) splits the chunk and tries again. Calls holding only updates are
 * idempotent (absolute values), so the client may retry them; creates are not repeated.
 */
export async function runBatch<P, T>(
  client: WooClient,
  path: string,
  ops: readonly BatchOp<P>[],
  options: { limit?: number } = {},
): Promise<Map<string, BatchItemResult<T>>> {
  const results = new Map<string, BatchItemResult<T>>();
  const queue: BatchOp<P>[][] = [];
  const size = Math.max(1, Math.min(options.limit ?? WOO_BATCH_LIMIT, WOO_BATCH_LIMIT));
  for (let index = 0; index < ops.length; index += size) queue.push(ops.slice(index, index + size));

  // Splitting halves a chunk each time: this bounds the calls however low the shop's limit is.
  for (let calls = 0; queue.length > 0 && calls < 10_000; calls++) {
    const chunk = queue.shift() as BatchOp<P>[];
    const creates = chunk.filter((op) => op.kind === 'create');
    const updates = chunk.filter((op) => op.kind === 'update');
    let answer: WooBatchResponse<T>;
    try {
      answer = (
        await client.post<WooBatchResponse<T>>(
          `${path}/batch`,
          {
            ...(creates.length ? { create: creates.map((op) => op.payload) } : {}),
            ...(updates.length ? { update: updates.map((op) => op.payload) } : {}),
          },
          { idempotent: creates.length === 0 },
        )
      ).data;
    } catch (error) {
      if (error instanceof PlatformError && error.status === 413 && chunk.length > 1) {
        const half = Math.ceil(chunk.length / 2);
        queue.unshift(chunk.slice(0, half), chunk.slice(half));
        continue;
      }
      const reason = failure(error);
      for (const op of chunk) results.set(op.key, { ok: false, ...reason });
      continue;
    }
    for (const [ops2, answered] of [
      [creates, answer.create ?? []],
      [updates, answer.update ?? []],
    ] as const) {
      ops2.forEach((op, index) => {
        const result = answered[index] as WooBatchResult<T> | undefined;
        if (result === undefined) {
          results.set(op.key, { ok: false, error: 'WooCommerce answered no result for this item', retryable: true });
        } else if (isItemError(result)) {
          const status = result.error.data?.status ?? 400;
          results.set(op.key, {
            ok: false,
            error: `${result.error.code}: ${result.error.message}`,
            retryable: status >= 500 || status === 429,
          });
        } else {
          results.set(op.key, { ok: true, item: result as T });
        }
      });
    }
  }
  for (const op of ops)
    if (!results.has(op.key)) results.set(op.key, { ok: false, error: 'the batch was not sent', retryable: true });
  return results;
}
