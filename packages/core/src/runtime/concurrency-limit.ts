import { AsyncLocalStorage } from 'node:async_hooks';
import { mapWithConcurrency } from './map-with-concurrency.js';

/**
 * A bound on calls in flight shared by every batch of one adapter. A bridge over an API with no batch
 * endpoint runs a batch's items a few at a time (`mapWithConcurrency`), but the cloud may send several
 * batches at once: the shop admin's `writeConcurrency` means calls at once to the shop, not per batch.
 * The limit is read on every call, so a change in the settings applies to the next call. A task run
 * from inside another task of the same limit (a product write that writes its stock) does not take a
 * second slot: it would wait for a slot its own caller holds.
 */
export interface ConcurrencyLimit {
  /** Runs `task` once fewer than `limit` tasks of this limit are running; first come, first served. */
  run<T>(task: () => Promise<T>, limit: number): Promise<T>;
  /**
   * `task` over `items`, at most `limit` at once within this call and across every other call of this
   * limit (`mapWithConcurrency` whose slots are shared), answers in input order.
   */
  map<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]>;
  /** Tasks running now. */
  readonly active: number;
  /** Tasks waiting for a slot. */
  readonly waiting: number;
}

export function createConcurrencyLimit(): ConcurrencyLimit {
  const holding = new AsyncLocalStorage<true>();
  let active = 0;
  const queue: { limit: number; start: () => void }[] = [];

  const wake = () => {
    while (queue.length > 0 && active < (queue[0] as { limit: number }).limit) {
      const next = queue.shift() as { start: () => void };
      active++;
      next.start();
    }
  };

  const limiter: ConcurrencyLimit = {
    map: (items, limit, task) => mapWithConcurrency(items, limit, (item) => limiter.run(() => task(item), limit)),
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
    async run<T>(task: () => Promise<T>, limit: number): Promise<T> {
      if (holding.getStore()) return task();
      const bound = Math.max(1, Math.floor(limit) || 1);
      if (active < bound && queue.length === 0) active++;
      else await new Promise<void>((start) => queue.push({ limit: bound, start }));
      try {
        return await holding.run(true, task);
      } finally {
        active--;
        wake();
      }
    },
  };
  return limiter;
}
