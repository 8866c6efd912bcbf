/**
 * One at a time: look-ups that may create (an attribute value, a feature, a brand) run behind this
 * lock, so two products written in parallel never both create "Size: M".
 */
export interface SerialLock {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createSerialLock(): SerialLock {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(task) {
      const result = tail.then(task, task);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
