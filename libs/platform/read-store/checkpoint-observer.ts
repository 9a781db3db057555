import { readCheckpoints } from './projection-checkpoints.js';
import type { Projection } from './projection.js';
import type { ReadDatabase } from './read-database.js';
import type { Running } from './running-projection.js';

/**
 * Observe mode (scaled API instances): another process runs the projections; this one follows
 * the checkpoints it writes, so that waitFor (read-your-writes) and health still work here.
 */
export class CheckpointObserver {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly database: ReadDatabase,
    private readonly running: Map<string, Running>,
    private readonly moved: () => void,
    private readonly intervalMs: number,
  ) {}

  async start(projections: readonly Projection[]): Promise<void> {
    for (const projection of projections) {
      await projection.setup(this.database.writer);
      this.running.set(projection.name, {
        projection,
        checkpoint: 0,
        state: 'followed',
        lastError: null,
        feed: 'own',
        abort: new AbortController(),
        loop: Promise.resolve(),
      });
    }
    await this.poll();
    this.timer = setInterval(() => void this.poll().catch(() => undefined), this.intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async poll(): Promise<void> {
    for (const row of await readCheckpoints(this.database.reader)) {
      const running = this.running.get(row.name);
      if (running) running.checkpoint = row.position;
    }
    this.moved();
  }
}
