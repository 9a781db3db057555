/**
 * Wakes live subscriptions when this process appends. Subscriptions also poll, so appends made by
 * another process on the same store are seen within the poll interval.
 */
export class AppendNotifier {
  private head = 0;
  private waiters = new Set<() => void>();

  notify(position: number): void {
    if (position <= this.head) return;
    this.head = position;
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiting) wake();
  }

  /** Resolves when an append past `after` is announced, after `timeoutMs`, or when `signal` aborts. */
  wait(after: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.head > after || signal?.aborted) return Promise.resolve();
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
