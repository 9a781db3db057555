import { Logger } from '@nestjs/common';
import type { EventStore } from '#libs/platform/event-store/index.js';
import { CheckpointObserver } from './checkpoint-observer.js';
import { createCheckpointsTable, resetProjection, resumePosition } from './projection-checkpoints.js';
import { backoff, runProjection } from './projection-loop.js';
import type { Projection } from './projection.js';
import { REBUILD_HELD_ROWS } from './batch-fold.js';
import { PositionWaiters } from './position-waiters.js';
import type { ReadDatabase } from './read-database.js';
import { statusOf, type ProjectionStatus, type Running, type RunnerContext } from './running-projection.js';
import { analyzeFully, rebuildIntoShadow } from './shadow-rebuild.js';
import { SharedFeed } from './shared-feed.js';

export type { ProjectionState, ProjectionStatus } from './running-projection.js';

export interface ProjectionRunnerOptions {
  /**
   * run: this process runs the projections (embedded default, apps/projector).
   * observe: another process runs them; this one follows their checkpoints (scaled API instances).
   */
  mode?: 'run' | 'observe';
  retryDelayMs?: number;
  observeIntervalMs?: number;
  batchSize?: number;
  /** Once live, the pause after a batch in which later appends gather into the next (see RunnerContext). */
  liveBatchMs?: number;
  /** The rows a read model's rebuild may keep in memory from batch to batch (REBUILD_HELD_ROWS by default; foldAcrossBatches). */
  rebuildHeldRows?: number;
}

export class ProjectionNotRebuildable extends Error {
  constructor(readonly projection: string) {
    super(`${projection} is never rebuilt from the events`);
  }
}

const BATCH_SIZE = 1_000;
/** At start, a projection further behind than this catches up on its own before it joins the shared feed. */
const SHARED_LAG = 10_000;

/**
 * Runs the projections on the store's global feed. Each batch of events and the checkpoints are
 * written in one read-store transaction, so a crash neither skips nor applies an event twice.
 * Read models share one feed (one read, one commit per batch for all of them); a projection that
 * is far behind, has just been rebuilt or has failed runs on its own subscription until it is
 * live again, then rejoins; isolated ones (relay, reactors) always run on their own.
 *
 * The parts: checkpoints (projection-checkpoints), observe mode (checkpoint-observer), a
 * projection's own loop and back-off (projection-loop), the shared feed (shared-feed), rebuilds
 * into shadow tables (shadow-rebuild) and waiting for positions (position-waiters).
 */
export class ProjectionRunner {
  private readonly logger = new Logger('Projections');
  /** What rebuilds left to do after their swaps (afterSwap); `maintained` and `stop` wait for it. */
  private readonly maintenance = new Set<Promise<void>>();
  private readonly running = new Map<string, Running>();
  private readonly waiters: PositionWaiters;
  readonly mode: 'run' | 'observe';
  private readonly retryDelayMs: number;
  private readonly observeIntervalMs: number;
  private readonly batchSize: number;
  private observer: CheckpointObserver | undefined;
  private shared: SharedFeed | undefined;
  /** stop() was called: a rebuild still under way launches no live loop after it. */
  private stopped = false;
  /** Told after every batch and failure (run mode): a projector thread reports to the thread it serves. */
  private readonly changeListeners = new Set<() => void>();
  /** Observe mode with the projector in a thread of this process: rebuilds are sent to it. */
  private rebuildElsewhere: ((name: string) => Promise<void>) | undefined;
  private readonly context: RunnerContext;

  constructor(
    private readonly store: EventStore,
    private readonly database: ReadDatabase,
    private readonly projections: readonly Projection[],
    options: ProjectionRunnerOptions = {},
  ) {
    this.mode = options.mode ?? 'run';
    this.retryDelayMs = options.retryDelayMs ?? 1_000;
    this.observeIntervalMs = options.observeIntervalMs ?? 100;
    this.batchSize = options.batchSize ?? BATCH_SIZE;
    this.waiters = new PositionWaiters(
      () => this.position(),
      () => this.store.headPosition(),
    );
    this.context = {
      store,
      database,
      batchSize: this.batchSize,
      readModelBatchSize: options.batchSize ?? database.catchUpBatch ?? this.batchSize,
      liveBatchMs: options.liveBatchMs ?? 0,
      rebuildHeldRows: options.rebuildHeldRows ?? REBUILD_HELD_ROWS,
      backoff: (failures) => backoff(this.retryDelayMs, failures),
      failed: (running, error) => this.failed(running, error),
      wakeWaiters: () => {
        this.waiters.wake();
        this.changed();
      },
      share: (running) => (this.shared ??= new SharedFeed(this.context)).join(running),
    };
  }

  /** Set-up and launch; schema changes take turns with other processes starting on the same database. */
  async start(): Promise<void> {
    await this.database.schemaChanges(() => this.setUpAndLaunch());
  }

  private async setUpAndLaunch(): Promise<void> {
    const db = this.database.writer;
    await createCheckpointsTable(db);
    if (this.mode === 'observe') {
      this.observer = new CheckpointObserver(
        this.database,
        this.running,
        () => this.waiters.wake(),
        this.observeIntervalMs,
      );
      return this.observer.start(this.projections);
    }
    const starting: Array<{ projection: Projection; checkpoint: number }> = [];
    for (const projection of this.projections) {
      const checkpoint = await resumePosition(db, projection, this.logger);
      await projection.setup(db);
      starting.push({ projection, checkpoint });
    }
    const front = Math.max(0, ...starting.filter((s) => !s.projection.isolated).map((s) => s.checkpoint));
    for (const { projection, checkpoint } of starting)
      this.launch(projection, checkpoint, { shareNow: checkpoint >= front - SHARED_LAG });
  }

  /**
   * Resolves once the work a rebuild leaves after its swap (the full statistics, `analyzeFully`)
   * is done; `stop` waits for it too.
   */
  async maintained(): Promise<void> {
    while (this.maintenance.size > 0) await Promise.all(this.maintenance);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.observer?.stop();
    const all = [...this.running.values()];
    const shared = this.shared;
    this.shared = undefined;
    for (const r of all) r.abort.abort();
    shared?.stop();
    await Promise.all(all.map((r) => r.projection.stop?.()));
    await Promise.all(all.map((r) => r.loop));
    await shared?.loop;
    await this.maintained();
    for (const r of all) r.state = 'stopped';
  }

  status(): ProjectionStatus[] {
    return [...this.running.values()].map(statusOf);
  }

  /**
   * Calls `listener` after every batch a projection applies and every failure (run mode); a
   * projector thread sends the statuses on to the thread that serves requests.
   */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /**
   * Observe mode, with the projections run by a thread of this process: takes the statuses it
   * reports (checkpoints, states, errors) and wakes the reads waiting for them, without polling.
   */
  observed(statuses: readonly ProjectionStatus[]): void {
    for (const status of statuses) {
      const running = this.running.get(status.name);
      if (!running || running.projection.version !== status.version) continue;
      running.checkpoint = status.checkpoint;
      running.state = status.state;
      running.lastError = status.lastError;
      running.feed = status.feed;
    }
    this.waiters.wake();
  }

  private changed(): void {
    for (const listener of this.changeListeners) listener();
  }

  /** Observe mode: rebuilds go to `rebuild` (a projector thread of this process) instead of being refused. */
  delegateRebuilds(rebuild: (name: string) => Promise<void>): void {
    this.rebuildElsewhere = rebuild;
  }

  /** Whether this process can rebuild its projections: it runs them, or a thread of it does. */
  get rebuildsHere(): boolean {
    return this.mode === 'run' || this.rebuildElsewhere !== undefined;
  }

  rebuildable(name: string): boolean | undefined {
    return this.running.get(name)?.projection.rebuildable;
  }

  /** The tables a projection owns (none for the relay and reactors). */
  tablesOf(name: string): readonly string[] {
    return this.running.get(name)?.projection.tables ?? [];
  }

  /** The lowest checkpoint of all projections: every read model reflects the feed up to here. */
  position(): number {
    const checkpoints = [...this.running.values()].map((r) => r.checkpoint);
    return checkpoints.length ? Math.min(...checkpoints) : 0;
  }

  /**
   * Waits until every projection has reached the head and the head stays put: reactors append
   * events of their own, which the projections must then see too.
   */
  settle(timeoutMs: number): Promise<boolean> {
    return this.waiters.settle(timeoutMs);
  }

  /**
   * The lowest checkpoint of the read models named (by default every one): what a read from them
   * reflects. The relay and reactors own no tables, so a Kafka outage never holds up a read.
   */
  readModelPosition(names?: readonly string[]): number {
    const readModels = [...this.running.values()].filter((r) => r.projection.tables.length > 0);
    const named = names ? readModels.filter((r) => names.includes(r.projection.name)) : readModels;
    // A name this process does not run counts as every read model, never as none.
    const checkpoints = (named.length ? named : readModels).map((r) => r.checkpoint);
    return checkpoints.length ? Math.min(...checkpoints) : this.position();
  }

  /**
   * Read-your-writes: resolves true once the read models named (by default every one) have passed
   * `position`, false after `timeoutMs`.
   */
  waitFor(position: number, timeoutMs: number, readModels?: readonly string[]): Promise<boolean> {
    return this.waiters.waitFor(position, timeoutMs, () => this.readModelPosition(readModels));
  }

  /**
   * Rebuilds a projection from zero without stopping reads of the current version (shadow
   * tables, then a swap: see rebuildIntoShadow).
   */
  async rebuild(name: string): Promise<void> {
    const running = this.running.get(name);
    if (!running) throw new Error(`No projection named ${name}`);
    if (this.mode === 'observe') {
      if (!this.rebuildElsewhere) throw new Error("This process follows another one's projections; rebuild them there");
      return this.rebuildElsewhere(name);
    }
    const { projection } = running;
    if (projection.rebuildable === false) throw new ProjectionNotRebuildable(name);
    if (projection.tables.length === 0) {
      // A reactor or the relay: replaying is the rebuild (each is idempotent or at least once).
      running.abort.abort();
      await running.loop;
      await resetProjection(this.database.writer, projection);
      this.launch(projection, 0);
      return;
    }
    running.rebuilding = true;
    try {
      const checkpoint = await rebuildIntoShadow(this.context, running);
      if (!this.stopped) {
        this.launch(projection, checkpoint);
        this.afterSwap(projection);
      }
    } catch (error) {
      // The live loop may have been paused for the swap: resume it from its own checkpoint.
      if (!this.stopped && running.abort.signal.aborted && this.running.get(projection.name) === running)
        this.launch(projection, running.checkpoint);
      throw error;
    } finally {
      running.rebuilding = false;
    }
  }

  /**
   * The full statistics of the swapped tables, gathered while the read model serves (ADR 0017,
   * ninth round): the rebuild does not wait for them; a failure is logged, and the next analysis
   * (autovacuum's, or the next rebuild's) makes up for it.
   */
  private afterSwap(projection: Projection): void {
    const done: Promise<void> = analyzeFully(this.database, projection)
      .catch((error: unknown) =>
        this.logger.warn(`${projection.name}: its full statistics were not gathered: ${(error as Error).message}`),
      )
      .finally(() => this.maintenance.delete(done));
    this.maintenance.add(done);
  }

  private launch(projection: Projection, checkpoint: number, { shareNow = false } = {}): void {
    const running: Running = {
      projection,
      checkpoint,
      state: 'catching_up',
      lastError: null,
      feed: 'own',
      abort: new AbortController(),
      loop: Promise.resolve(),
    };
    this.running.set(projection.name, running);
    running.loop = runProjection(this.context, running, shareNow && !projection.isolated);
  }

  private failed(running: Running, error: unknown): void {
    running.state = 'failing';
    running.lastError = (error as Error).message;
    this.changed();
    this.logger.error(
      `${running.projection.name} failed at position ${running.checkpoint}: ${(error as Error).stack ?? error}`,
    );
  }
}
