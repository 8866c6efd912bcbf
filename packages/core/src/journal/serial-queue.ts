/**
 * Runs tasks one after the other. `runOnce(key, …)` joins a queued or running task with the same key
 * instead of adding another: a second "sweep everything" while one is under way waits for that one.
 */
export interface SerialQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
  runOnce<T>(key: string, task: () => Promise<T>): Promise<T>;
}

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  const pending = new Map<string, Promise<unknown>>();

  const run = <T>(task: () => Promise<T>): Promise<T> => {
    // A failed task must not stop the ones queued behind it.
    const result = tail.then(task, task);
    tail = result.catch(() => undefined);
    return result;
  };

  return {
    run,
    runOnce<T>(key: string, task: () => Promise<T>): Promise<T> {
      const existing = pending.get(key);
      if (existing) return existing as Promise<T>;
      const result = run(task);
      pending.set(key, result);
      const forget = () => {
        if (pending.get(key) === result) pending.delete(key);
      };
      result.then(forget, forget);
      return result;
    },
  };
}
