import { Logger } from '@nestjs/common';
import { sql } from 'kysely';
import {
  matchesFilter,
  type EventStore,
  type RecordedEvent,
  type SubscriptionBatch,
} from '#libs/platform/event-store/index.js';
import type { Projection } from './projection.js';
import type { AnyKysely, AnyTransaction, ReadDatabase } from './read-database.js';
import { SHADOW_SUFFIX, ShadowTablesPlugin } from './table-rename.plugin.js';

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

export class ProjectionNotRebuildable extends Error {
  constructor(readonly projection: string) {
    super(`${projection} is never rebuilt from the events`);
  }
}

export interface ProjectionStatus {
  name: string;
  version: number;
  checkpoint: number;
  state: ProjectionState;
  lastError: string | null;
  /** shared: on the one feed all read models share; own: on a subscription of its own. */
  feed: 'shared' | 'own';
}

interface Running {
  projection: Projection;
  /** A rebuild into shadow tables is under way (the live loop keeps its own state meanwhile). */
  rebuilding?: boolean;
  checkpoint: number;
  state: ProjectionState;
  lastError: string | null;
  feed: 'shared' | 'own';
  abort: AbortController;
  loop: Promise<void>;
  /** While on the shared feed: called when the feed lets this projection go (stopped, or failed). */
  release?: (failure?: { error: unknown }) => void;
}

/**
 * One subscription and one read-store transaction per batch for every projection on it: the
 * feed is read once, each projection gets the events past its own checkpoint that pass its
 * filter, inside a savepoint of its own, and all checkpoints are written in the same commit.
 */
interface SharedFeed {
  members: Set<Running>;
  /** The feed has been handed out up to here; a member joins a batch only if it has seen all before it. */
  position: number;
  busy: boolean;
  abort: AbortController;
  /** Aborted to read again from the lowest member checkpoint (a member joined from behind). */
  restart: AbortController;
  loop: Promise<void>;
}

const CHECKPOINTS = 'projection_checkpoints';

/** Resolves after `ms`, or at once when `signal` aborts; leaves no listener behind either way. */
const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
const BATCH_SIZE = 1_000;
/** At start, a projection further behind than this catches up on its own before it joins the shared feed. */
const SHARED_LAG = 10_000;

/**
 * Runs the projections on the store's global feed. Each batch of events and the checkpoints are
 * written in one read-store transaction, so a crash neither skips nor applies an event twice.
 * Read models share one feed (one read, one commit per batch for all of them); a projection that
 * is far behind, has just been rebuilt or has failed runs on its own subscription until it is
 * live again, then rejoins; isolated ones (relay, reactors) always run on their own.
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
  private shared: SharedFeed | undefined;

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
    const starting: Array<{ projection: Projection; checkpoint: number }> = [];
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
      starting.push({ projection, checkpoint });
    }
    const front = Math.max(0, ...starting.filter((s) => !s.projection.isolated).map((s) => s.checkpoint));
    for (const { projection, checkpoint } of starting)
      this.launch(projection, checkpoint, { shareNow: checkpoint >= front - SHARED_LAG });
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
        feed: 'own',
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
    const shared = this.shared;
    this.shared = undefined;
    for (const r of all) r.abort.abort();
    shared?.abort.abort();
    await Promise.all(all.map((r) => r.loop));
    await shared?.loop;
    for (const r of all) r.state = 'stopped';
  }

  status(): ProjectionStatus[] {
    return [...this.running.values()].map((r) => ({
      name: r.projection.name,
      version: r.projection.version,
      checkpoint: r.checkpoint,
      state: r.rebuilding ? 'rebuilding' : r.state,
      lastError: r.lastError,
      feed: r.feed,
    }));
  }

  rebuildable(name: string): boolean | undefined {
    return this.running.get(name)?.projection.rebuildable;
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
  async settle(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const head = await this.store.headPosition();
      if (!(await this.waitFor(head, Math.max(0, deadline - Date.now())))) return false;
      if ((await this.store.headPosition()) === head) return true;
    }
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

  /**
   * Rebuilds a projection from zero without stopping reads of the current version: the new rows
   * are built in shadow tables while the live loop goes on, then the live loop pauses, the shadow
   * catches up, and one transaction swaps the tables and the checkpoint.
   */
  async rebuild(name: string): Promise<void> {
    const running = this.running.get(name);
    if (!running) throw new Error(`No projection named ${name}`);
    if (this.mode === 'observe') throw new Error("This process follows another one's projections; rebuild them there");
    const { projection } = running;
    if (projection.rebuildable === false) throw new ProjectionNotRebuildable(name);
    if (projection.tables.length === 0) {
      // A reactor or the relay: replaying is the rebuild (each is idempotent or at least once).
      running.abort.abort();
      await running.loop;
      await this.reset(projection);
      this.launch(projection, 0);
      return;
    }
    running.rebuilding = true;
    try {
      await this.rebuildIntoShadow(running);
    } catch (error) {
      // The live loop may have been paused for the swap: resume it from its own checkpoint.
      if (running.abort.signal.aborted && this.running.get(projection.name) === running)
        this.launch(projection, running.checkpoint);
      throw error;
    } finally {
      running.rebuilding = false;
    }
  }

  private async rebuildIntoShadow(running: Running): Promise<void> {
    const { projection } = running;
    const writer = this.database.writer;
    const shadow = writer.withPlugin(new ShadowTablesPlugin(projection.tables));
    for (const table of projection.tables)
      await writer.schema
        .dropTable(table + SHADOW_SUFFIX)
        .ifExists()
        .execute();
    await projection.setup(shadow);
    let checkpoint = await this.catchUp(projection, shadow, 0, running.abort.signal);
    running.abort.abort();
    await running.loop;
    checkpoint = await this.catchUp(projection, shadow, checkpoint);
    await writer.transaction().execute(async (trx) => {
      for (const table of projection.tables) {
        await trx.schema.dropTable(table).execute();
        await trx.schema
          .alterTable(table + SHADOW_SUFFIX)
          .renameTo(table)
          .execute();
        await this.renameShadowIndexes(trx, table);
      }
      await projection.setup(trx);
      await this.saveCheckpoints(trx, [projection], checkpoint);
    });
    this.launch(projection, checkpoint);
  }

  /** Applies the feed from `after` into `db` until the head; returns the checkpoint reached. */
  private async catchUp(projection: Projection, db: AnyKysely, after: number, stop?: AbortSignal): Promise<number> {
    let checkpoint = after;
    const abort = new AbortController();
    for await (const batch of this.store.subscribeAll({
      after,
      filter: projection.filter,
      batchSize: this.batchSize,
      signal: abort.signal,
    })) {
      await db.transaction().execute((trx) => this.applyBatch(projection, trx, batch.events));
      checkpoint = batch.checkpoint;
      if (batch.caughtUp || stop?.aborted) abort.abort();
    }
    return checkpoint;
  }

  /** After the swap, indexes get their usual names back (SQLite cannot rename: drop, setup recreates). */
  private async renameShadowIndexes(trx: AnyTransaction, table: string): Promise<void> {
    if (this.database.dialect === 'postgres') {
      const { rows } = await sql<{
        indexname: string;
      }>`SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ${table}`.execute(trx);
      for (const { indexname } of rows.filter((r) => r.indexname.endsWith(SHADOW_SUFFIX))) {
        await sql`ALTER INDEX ${sql.id(indexname)} RENAME TO ${sql.id(indexname.slice(0, -SHADOW_SUFFIX.length))}`.execute(
          trx,
        );
      }
      return;
    }
    const { rows } = await sql<{
      name: string;
    }>`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ${table} AND sql IS NOT NULL`.execute(trx);
    for (const { name } of rows.filter((r) => r.name.endsWith(SHADOW_SUFFIX)))
      await trx.schema.dropIndex(name).execute();
  }

  private async reset(projection: Projection): Promise<void> {
    await this.database.writer.transaction().execute(async (trx) => {
      for (const table of projection.tables) await trx.deleteFrom(table).execute();
      await trx.deleteFrom(CHECKPOINTS).where('name', '=', projection.name).execute();
    });
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
    running.loop = this.run(running, shareNow && !projection.isolated);
  }

  /**
   * A projection's life until it is stopped: on the shared feed when it can be, else on its own
   * subscription (catching up from far behind, recovering from a failure, or isolated), which it
   * leaves for the shared feed as soon as it is live.
   */
  private async run(running: Running, shareNow: boolean): Promise<void> {
    const { projection, abort } = running;
    let failures = 0;
    let share = shareNow;
    while (!abort.signal.aborted) {
      if (share) {
        const left = await this.share(running);
        if (!left) return;
        failures += 1;
        await sleep(this.backoff(failures), abort.signal);
        share = false;
        continue;
      }
      try {
        const feed = this.store.subscribeAll({
          after: running.checkpoint,
          filter: projection.filter,
          batchSize: this.batchSize,
          signal: abort.signal,
        });
        for await (const batch of feed) {
          await this.database.writer.transaction().execute(async (trx) => {
            await this.applyBatch(projection, trx, batch.events);
            await this.saveCheckpoints(trx, [projection], batch.checkpoint);
          });
          this.advanced(running, batch);
          this.wakeWaiters();
          failures = 0;
          if (batch.caughtUp && !projection.isolated) {
            share = true;
            break;
          }
        }
      } catch (error) {
        this.failed(running, error);
        failures += 1;
        await sleep(this.backoff(failures), abort.signal);
      }
    }
  }

  /** Back off (up to 30 s) and resume from the checkpoint: nothing is skipped or lost. */
  private backoff(failures: number): number {
    return Math.min(30_000, this.retryDelayMs * 2 ** (failures - 1));
  }

  private advanced(running: Running, batch: SubscriptionBatch): void {
    running.checkpoint = batch.checkpoint;
    running.state = batch.caughtUp ? 'live' : 'catching_up';
    running.lastError = null;
  }

  private failed(running: Running, error: unknown): void {
    running.state = 'failing';
    running.lastError = (error as Error).message;
    this.logger.error(
      `${running.projection.name} failed at position ${running.checkpoint}: ${(error as Error).stack ?? error}`,
    );
  }

  /** Puts a projection on the shared feed; resolves when the feed lets it go, with the failure if any. */
  private share(running: Running): Promise<{ error: unknown } | undefined> {
    const shared = (this.shared ??= this.openSharedFeed());
    running.feed = 'shared';
    return new Promise((resolve) => {
      const stop = (): void => {
        if (!shared.busy) this.leave(shared, running);
      };
      running.release = (failure) => {
        running.abort.signal.removeEventListener('abort', stop);
        resolve(failure);
      };
      shared.members.add(running);
      if (running.checkpoint < shared.position) shared.restart.abort();
      running.abort.signal.addEventListener('abort', stop, { once: true });
    });
  }

  private leave(shared: SharedFeed, running: Running, failure?: { error: unknown }): void {
    if (!shared.members.delete(running)) return;
    running.feed = 'own';
    running.release?.(failure);
    running.release = undefined;
  }

  private openSharedFeed(): SharedFeed {
    const shared: SharedFeed = {
      members: new Set(),
      position: Number.MAX_SAFE_INTEGER,
      busy: false,
      abort: new AbortController(),
      restart: new AbortController(),
      loop: Promise.resolve(),
    };
    // Started after the members that join in this turn (all of them, at start) have joined.
    shared.loop = new Promise((resolve) => setImmediate(resolve)).then(() => this.runShared(shared));
    return shared;
  }

  private async runShared(shared: SharedFeed): Promise<void> {
    let failures = 0;
    while (!shared.abort.signal.aborted) {
      const restart = new AbortController();
      shared.restart = restart;
      const stop = (): void => restart.abort();
      shared.abort.signal.addEventListener('abort', stop, { once: true });
      const checkpoints = [...shared.members].map((m) => m.checkpoint);
      shared.position = checkpoints.length ? Math.min(...checkpoints) : shared.position;
      if (shared.position === Number.MAX_SAFE_INTEGER) shared.position = await this.store.headPosition();
      try {
        const feed = this.store.subscribeAll({
          after: shared.position,
          batchSize: this.batchSize,
          signal: restart.signal,
        });
        for await (const batch of feed) {
          await this.applyShared(shared, batch);
          failures = 0;
          if ([...shared.members].some((m) => m.checkpoint < shared.position)) restart.abort();
        }
      } catch (error) {
        // Reading or committing failed: no member has moved on; all try again from their checkpoints.
        for (const member of shared.members) this.failed(member, error);
        failures += 1;
        await sleep(this.backoff(failures), shared.abort.signal);
      } finally {
        shared.abort.signal.removeEventListener('abort', stop);
      }
    }
    for (const member of [...shared.members]) this.leave(shared, member);
  }

  private async applyShared(shared: SharedFeed, batch: SubscriptionBatch): Promise<void> {
    const from = shared.position;
    shared.position = batch.checkpoint;
    // Members that joined from behind wait for the restart that reads from their checkpoint.
    const current = [...shared.members].filter((m) => !m.abort.signal.aborted && m.checkpoint >= from);
    // Those already past this batch (restarted at the head, or ahead of the feed) only learn it is live.
    for (const m of current) if (m.checkpoint >= batch.checkpoint && batch.caughtUp) m.state = 'live';
    const members = current.filter((m) => m.checkpoint < batch.checkpoint);
    const done: Running[] = [];
    const failed: Array<[Running, unknown]> = [];
    shared.busy = true;
    try {
      await this.database.writer.transaction().execute(async (trx) => {
        for (const member of members) {
          const { projection } = member;
          const events = batch.events.filter(
            (e) => e.position > member.checkpoint && matchesFilter(projection.filter, e),
          );
          // SQLite works synchronously: between members, let waiting requests run.
          if (events.length && this.database.dialect === 'sqlite') await new Promise((r) => setImmediate(r));
          if (events.length) {
            // A failing projection rolls back only its own writes and leaves the feed.
            await sql`SAVEPOINT projection`.execute(trx);
            try {
              await this.applyBatch(projection, trx, events);
            } catch (error) {
              await sql`ROLLBACK TO SAVEPOINT projection`.execute(trx);
              failed.push([member, error]);
              continue;
            } finally {
              await sql`RELEASE SAVEPOINT projection`.execute(trx);
            }
          }
          done.push(member);
        }
        if (done.length)
          await this.saveCheckpoints(
            trx,
            done.map((m) => m.projection),
            batch.checkpoint,
          );
      });
    } finally {
      shared.busy = false;
      // Those stopped during the batch go now, whether it committed or not.
      for (const member of [...shared.members]) if (member.abort.signal.aborted) this.leave(shared, member);
    }
    for (const member of done) this.advanced(member, batch);
    for (const [member, error] of failed) {
      this.failed(member, error);
      this.leave(shared, member, { error });
    }
    this.wakeWaiters();
  }

  private async applyBatch(
    projection: Projection,
    trx: AnyTransaction,
    events: readonly RecordedEvent[],
  ): Promise<void> {
    if (projection.applyBatch) {
      if (events.length) await projection.applyBatch(trx, events);
    } else {
      for (const event of events) await projection.apply(trx, event);
    }
  }

  private async saveCheckpoints(trx: AnyTransaction, projections: Projection[], position: number): Promise<void> {
    const updatedAt = new Date().toISOString();
    await trx
      .insertInto(CHECKPOINTS)
      .values(projections.map((p) => ({ name: p.name, version: p.version, position, updated_at: updatedAt })))
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({
          version: sql`excluded.version`,
          position: sql`excluded.position`,
          updated_at: sql`excluded.updated_at`,
        }),
      )
      .execute();
  }

  private wakeWaiters(): void {
    for (const check of [...this.waiters]) check();
  }
}
