/**
 * Runs work for one key at a time in this process. Dolibarr has no idempotency key and no unique
 * `ref_ext`: two requests upserting the same shop order at once (a cloud retrying while the first
 * attempt still runs) would both find nothing and both create. Keys are the natural keys.
 */
export function createKeyedLock() {
  const tails = new Map<string, Promise<unknown>>();
  return async function withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(work);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}

export type KeyedLock = ReturnType<typeof createKeyedLock>;
