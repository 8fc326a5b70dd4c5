/**
 * Runs `work` over `items` with at most `limit` under way at once, results in item order. No
 * item starts once `signal` aborts or one has failed; it resolves or throws (the first failure,
 * or the abort's reason) only after every started item has ended, so nothing outlives the call.
 */
export async function eachLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed) {
      signal?.throwIfAborted();
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  const ended = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, () => worker().catch(stop)));
  const failure = ended.find((e): e is PromiseRejectedResult => e.status === "rejected");
  if (failure) throw failure.reason;
  return results;

  function stop(e: unknown): never {
    failed = true;
    throw e;
  }
}
