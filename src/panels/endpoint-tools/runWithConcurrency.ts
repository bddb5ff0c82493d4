/**
 * Runs `work` on every item, at most `limit` at a time, in the items' order; stops taking new
 * items once `signal` is aborted (work under way finishes or aborts by itself).
 */
export async function runWithConcurrency<T>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (!signal.aborted && next < items.length) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
