/**
 * Read-your-writes: callers wait until the projections they name (by default every one) have
 * passed a position. Whoever moves a checkpoint calls wake(); each waiter then looks again.
 */
export class PositionWaiters {
  private readonly waiters = new Set<() => void>();

  constructor(
    /** The lowest checkpoint of all projections. */
    private readonly position: () => number,
    private readonly headPosition: () => Promise<number>,
  ) {}

  /**
   * Waits until every projection has reached the head and the head stays put: reactors append
   * events of their own, which the projections must then see too.
   */
  async settle(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const head = await this.headPosition();
      if (!(await this.waitFor(head, Math.max(0, deadline - Date.now())))) return false;
      if ((await this.headPosition()) === head) return true;
    }
  }

  /** Resolves true once `reached()` (by default every projection) has passed `position`, false after `timeoutMs`. */
  waitFor(position: number, timeoutMs: number, reached: () => number = this.position): Promise<boolean> {
    if (reached() >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = (): void => {
        if (reached() < position) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        resolve(false);
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  wake(): void {
    for (const check of [...this.waiters]) check();
  }
}
