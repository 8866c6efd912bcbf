import { createHash } from 'node:crypto';
import { IdempotencyConflictError, ValidationError } from '../errors/index.js';
import type { Store } from '../state/index.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export interface StoredAnswer {
  status: number;
  body: string;
}

/**
 * Applies a write at most once per `Idempotency-Key` (lessons: Rutter's rule): the first
 * answer is stored before it is sent; a replay gets it back; the same key with another
 * body is a 409. Concurrent requests with one key are serialised in this process.
 */
export function createIdempotency(store: Store) {
  const inFlight = new Map<string, Promise<unknown>>();

  return async function withIdempotency(
    shopId: string,
    key: string | null,
    fingerprint: string,
    run: () => Promise<StoredAnswer>,
  ): Promise<StoredAnswer & { replayed: boolean }> {
    if (key === null) return { ...(await run()), replayed: false };
    if (!KEY_PATTERN.test(key)) {
      throw new ValidationError('Invalid Idempotency-Key header.', [
        { path: 'header.Idempotency-Key', message: 'must be 1-255 visible ASCII characters' },
      ]);
    }
    const slot = `${shopId}\u0000${key}`;
    while (inFlight.has(slot)) await inFlight.get(slot)?.catch(() => undefined);

    const work = (async () => {
      const requestHash = createHash('sha256').update(fingerprint).digest('hex');
      const previous = await store.getIdempotency(shopId, key);
      if (previous) {
        if (previous.requestHash !== requestHash) throw new IdempotencyConflictError();
        return { status: previous.status, body: previous.body, replayed: true };
      }
      const answer = await run();
      await store.saveIdempotency({ shopId, key, requestHash, status: answer.status, body: answer.body });
      return { ...answer, replayed: false };
    })();
    inFlight.set(slot, work);
    try {
      return await work;
    } finally {
      inFlight.delete(slot);
    }
  };
}

export type WithIdempotency = ReturnType<typeof createIdempotency>;
