import type { ItemResult } from '../types.js';
import { PasserelleClientError } from './passerelle-client-error.js';

/**
 * A write larger than the batch limit was sent in several chunks and one of them failed after
 * others had been applied. `completed` holds the results of the applied chunks, in request order,
 * so the caller knows exactly which items went through; `cause` is the failed chunk's error.
 */
export class PasserelleBatchError extends PasserelleClientError {
  readonly completed: ItemResult[];
  /** Zero-based index of the chunk that failed. */
  readonly failedChunk: number;
  readonly chunkCount: number;

  constructor(
    message: string,
    details: { completed: ItemResult[]; failedChunk: number; chunkCount: number; cause: unknown },
  ) {
    super(message, {
      cause: details.cause,
      retryable: PasserelleClientError.is(details.cause) ? details.cause.retryable : false,
    });
    this.completed = details.completed;
    this.failedChunk = details.failedChunk;
    this.chunkCount = details.chunkCount;
  }
}
