/**
 * Wakes live subscriptions when this process appends. Subscriptions also poll, so appends made by
 * another process on the same store are seen within the poll interval.
 */
export class AppendNotifier {
  private head = 0;
  /** Counts announcements, lower positions included: on PostgreSQL a late commit announces one. */
  private announced = 0;
  private waiters = new Set<() => void>();
  private readonly listeners = new Set<(position: number) => void>();

  /** What has been announced so far; pass it to `wait` to wait for anything announced after it. */
  get seen(): number {
    return this.announced;
  }

  /**
   * Announces an append. `elsewhere`: another thread of this process made it (it told us); the
   * listeners, which pass this process's own appends on to such threads, are not told again.
   */
  notify(position: number, { elsewhere = false } = {}): void {
    if (!elsewhere) for (const listener of this.listeners) listener(position);
    this.announced++;
    this.head = Math.max(this.head, position);
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiting) wake();
  }

  /** Calls `listener` with the position of each append made here (not those announced from elsewhere). */
  listen(listener: (position: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves when an append past `after` is announced, after `timeoutMs`, or when `signal` aborts.
   * With `since` (a `seen` value taken before the caller last read), only an announcement made
   * after it counts: an append announced but not yet readable (a store that waits for an earlier
   * transaction to commit) does not wake the caller again and again.
   */
  wait(after: number, timeoutMs: number, signal?: AbortSignal, since?: number): Promise<void> {
    const pending = since === undefined ? this.head > after : this.announced > since;
    if (pending || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}
