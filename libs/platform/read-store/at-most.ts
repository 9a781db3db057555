/**
 * Runs `work` for each item, at most `width` at a time, in the items' order, and resolves once
 * every one has settled. `work` handles its own failures: one that throws rejects the whole.
 */
export async function eachAtMost<T>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const queue = [...items];
  const next = async (): Promise<void> => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(width, queue.length) }, next));
}
