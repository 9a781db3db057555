/**
 * Runs tasks with the same key one after another (in arrival order) and tasks with different
 * keys freely. The command executor holds one per stream, so commands on one stream in this
 * process never race each other; the store's expected revision still settles races between
 * processes.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(task, task);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await current;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
