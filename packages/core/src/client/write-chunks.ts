import { randomUUID } from 'node:crypto';
import { MAX_BATCH } from '../endpoint/limits.js';
import { PasserelleBatchError } from './errors/passerelle-batch-error.js';
import type { ItemResult, WriteOptions } from './types.js';

/** Idempotency keys go in a header: visible ASCII only, and short enough for any proxy. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export interface ChunkAnswer<R> {
  answer: R;
  /** The results the answer holds for the chunk's items, in request order. */
  results: ItemResult[];
}

/**
 * Sends `items` in chunks of at most `maxBatch` (the endpoint's limit), one after the other so the
 * module applies them in request order, each with its own `Idempotency-Key` (kept by ky across the
 * chunk's retries). When a chunk fails after others were applied, the error says which results
 * went through ({@link PasserelleBatchError}); when the first one fails, its error is thrown as is.
 */
export async function sendInChunks<T, R>(
  items: readonly T[],
  options: WriteOptions,
  send: (chunk: T[], idempotencyKey: string) => Promise<ChunkAnswer<R>>,
  maxBatch: number = MAX_BATCH,
): Promise<{ answers: R[]; results: ItemResult[] }> {
  if (!Array.isArray(items)) throw new TypeError('items must be an array');
  const key = options.idempotencyKey;
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw new TypeError('idempotencyKey must be 1 to 200 visible ASCII characters');
  }
  const chunkCount = Math.ceil(items.length / maxBatch);
  const answers: R[] = [];
  const results: ItemResult[] = [];
  for (let index = 0; index < chunkCount; index++) {
    const chunk = items.slice(index * maxBatch, (index + 1) * maxBatch);
    const chunkKey = key === undefined ? randomUUID() : chunkCount === 1 ? key : `${key}.${index}`;
    try {
      const { answer, results: chunkResults } = await send(chunk, chunkKey);
      answers.push(answer);
      results.push(...chunkResults);
    } catch (cause) {
      if (index === 0) throw cause;
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new PasserelleBatchError(
        `Chunk ${index + 1} of ${chunkCount} failed after ${results.length} of ${items.length} items were written: ${reason}`,
        { completed: results, failedChunk: index, chunkCount, cause },
      );
    }
  }
  return { answers, results };
}
