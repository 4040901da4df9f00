// A bounded worker pool: at most `limit` items in flight, results in input order, every item settled.
// Once `signal` aborts no new item starts (those are settled with the abort reason).

export async function runPool<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<PromiseSettledResult<R>[]> {
  const results = new Array<PromiseSettledResult<R>>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      if (signal?.aborted) {
        results[i] = { status: 'rejected', reason: signal.reason };
        continue;
      }
      try {
        results[i] = { status: 'fulfilled', value: await work(items[i]!, i) };
      } catch (reason) {
        results[i] = { status: 'rejected', reason };
      }
    }
  };
  const size = Math.max(1, Math.min(limit, items.length));
  await Promise.all(Array.from({ length: size }, worker));
  return results;
}
