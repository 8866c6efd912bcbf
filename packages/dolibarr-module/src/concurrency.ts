/**
 * Runs `task` over `items` with at most `limit` in flight and answers in input order. Dolibarr's REST
 * API has no batch endpoint, so throughput comes from a few requests in parallel; more than a handful
 * saturates PHP-FPM on a small host (`platform.dolibarr.writeConcurrency`, default 4).
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const width = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}
