/**
 * Runs `task` over `items` with at most `limit` calls in flight and answers in input order. For
 * bridges over APIs with no batch endpoint (PrestaShop's Webservice, Dolibarr's REST API): throughput
 * comes from a few requests in parallel, and more than a handful saturates PHP-FPM on ordinary hosting,
 * so the bound is a platform setting (`writeConcurrency`, default 4). A task that throws stops the
 * map from starting more items; the map rejects with that first error once the calls already in flight
 * have settled, so no write goes on unobserved after the caller has its answer. A bridge turns per-item
 * failures into outcomes inside `task`.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const width = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (failure === null && next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
  return results;
}
