import { Logger } from '@nestjs/common';
import { sql } from 'kysely';
import type { EventStore } from '#libs/platform/event-store/index.js';
import type { Projection } from './projection.js';
import type { ReadDatabase } from './read-database.js';

export type ProjectionState = 'starting' | 'catching_up' | 'live' | 'rebuilding' | 'failing' | 'stopped' | 'followed';

export interface ProjectionRunnerOptions {
  /**
   * run: this process runs the projections (embedded default, apps/projector).
   * observe: another process runs them; this one follows their checkpoints (scaled API instances).
   */
  mode?: 'run' | 'observe';
  retryDelayMs?: number;
  observeIntervalMs?: number;
  batchSize?: number;
}

export interface ProjectionStatus {
  name: string;
  version: number;
  checkpoint: number;
  state: ProjectionState;
  lastError: string | null;
}

interface Running {
  projection: Projection;
  checkpoint: number;
  state: ProjectionState;
  lastError: string | null;
  abort: AbortController;
  loop: Promise<void>;
}

const CHECKPOINTS = 'projection_checkpoints';

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
const BATCH_SIZE = 1_000;

/**
 * Runs each projection on its own subscription to the store's global feed. Each batch of events
 * and the projection's checkpoint are written in one read-store transaction, so a crash neither
 * skips nor applies an event twice.
 */
export class ProjectionRunner {
  private readonly logger = new Logger('Projections');
  private readonly running = new Map<string, Running>();
  private waiters = new Set<() => void>();
  readonly mode: 'run' | 'observe';
  private readonly retryDelayMs: number;
  private readonly observeIntervalMs: number;
  private readonly batchSize: number;
  private observer: ReturnType<typeof setInterval> | undefined;

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
  }

  async start(): Promise<void> {
    const db = this.database.writer;
    await db.schema
      .createTable(CHECKPOINTS)
      .ifNotExists()
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('position', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    if (this.mode === 'observe') return this.observe();
    for (const projection of this.projections) {
      const row = await db.selectFrom(CHECKPOINTS).selectAll().where('name', '=', projection.name).executeTakeFirst();
      let checkpoint = row ? Number(row.position) : 0;
      if (row && Number(row.version) !== projection.version) {
        // A new version may change the tables' shape: drop them and build again from zero.
        this.logger.log(`${projection.name}: version ${row.version} -> ${projection.version}, rebuilding from zero`);
        for (const table of projection.tables) await db.schema.dropTable(table).ifExists().execute();
        await db.deleteFrom(CHECKPOINTS).where('name', '=', projection.name).execute();
        checkpoint = 0;
      }
      await projection.setup(db);
      this.launch(projection, checkpoint);
    }
  }

  /** Follows the checkpoints another process writes, so that waitFor and health still work. */
  private async observe(): Promise<void> {
    for (const projection of this.projections) {
      await projection.setup(this.database.writer);
      this.running.set(projection.name, {
        projection,
        checkpoint: 0,
        state: 'followed',
        lastError: null,
        abort: new AbortController(),
        loop: Promise.resolve(),
      });
    }
    const poll = async (): Promise<void> => {
      const rows = await this.database.reader.selectFrom(CHECKPOINTS).select(['name', 'position']).execute();
      for (const row of rows) {
        const running = this.running.get(row.name);
        if (running) running.checkpoint = Number(row.position);
      }
      this.wakeWaiters();
    };
    await poll();
    this.observer = setInterval(() => void poll().catch(() => undefined), this.observeIntervalMs);
  }

  async stop(): Promise<void> {
    if (this.observer) clearInterval(this.observer);
    const all = [...this.running.values()];
    for (const r of all) r.abort.abort();
    await Promise.all(all.map((r) => r.loop));
    for (const r of all) r.state = 'stopped';
  }

  status(): ProjectionStatus[] {
    return [...this.running.values()].map((r) => ({
      name: r.projection.name,
      version: r.projection.version,
      checkpoint: r.checkpoint,
      state: r.state,
      lastError: r.lastError,
    }));
  }

  /** The lowest checkpoint of all projections: every read model reflects the feed up to here. */
  position(): number {
    const checkpoints = [...this.running.values()].map((r) => r.checkpoint);
    return checkpoints.length ? Math.min(...checkpoints) : 0;
  }

  /** Resolves true once every projection has passed `position`, false after `timeoutMs`. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.position() >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.position() < position) return;
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

  /** Empties the projection's tables and replays the whole feed into them. */
  async rebuild(name: string): Promise<void> {
    const running = this.running.get(name);
    if (!running) throw new Error(`No projection named ${name}`);
    if (this.mode === 'observe') throw new Error("This process follows another one's projections; rebuild them there");
    running.abort.abort();
    await running.loop;
    running.state = 'rebuilding';
    await this.reset(running.projection);
    this.launch(running.projection, 0);
  }

  private async reset(projection: Projection): Promise<void> {
    await this.database.writer.transaction().execute(async (trx) => {
      for (const table of projection.tables) await trx.deleteFrom(table).execute();
      await trx.deleteFrom(CHECKPOINTS).where('name', '=', projection.name).execute();
    });
  }

  private launch(projection: Projection, checkpoint: number): void {
    const abort = new AbortController();
    const running: Running = {
      projection,
      checkpoint,
      state: 'catching_up',
      lastError: null,
      abort,
      loop: Promise.resolve(),
    };
    this.running.set(projection.name, running);
    running.loop = this.run(running);
  }

  private async run(running: Running): Promise<void> {
    const { projection, abort } = running;
    let failures = 0;
    while (!abort.signal.aborted) {
      try {
        const feed = this.store.subscribeAll({
          after: running.checkpoint,
          filter: projection.filter,
          batchSize: this.batchSize,
          signal: abort.signal,
        });
        for await (const batch of feed) {
          await this.database.writer.transaction().execute(async (trx) => {
            if (projection.applyBatch) {
              if (batch.events.length) await projection.applyBatch(trx, batch.events);
            } else {
              for (const event of batch.events) await projection.apply(trx, event);
            }
            await trx
              .insertInto(CHECKPOINTS)
              .values({
                name: projection.name,
                version: projection.version,
                position: batch.checkpoint,
                updated_at: new Date().toISOString(),
              })
              .onConflict((oc) =>
                oc.column('name').doUpdateSet({
                  version: projection.version,
                  position: batch.checkpoint,
                  updated_at: sql`excluded.updated_at`,
                }),
              )
              .execute();
          });
          running.checkpoint = batch.checkpoint;
          running.state = batch.caughtUp ? 'live' : 'catching_up';
          running.lastError = null;
          failures = 0;
          this.wakeWaiters();
        }
      } catch (error) {
        running.state = 'failing';
        running.lastError = (error as Error).message;
        this.logger.error(
          `${projection.name} failed at position ${running.checkpoint}: ${(error as Error).stack ?? error}`,
        );
        // Back off (up to 30 s) and resume from the checkpoint: nothing is skipped or lost.
        failures += 1;
        await sleep(Math.min(30_000, this.retryDelayMs * 2 ** (failures - 1)), abort.signal);
      }
    }
  }

  private wakeWaiters(): void {
    for (const check of [...this.waiters]) check();
  }
}
