import { sql } from 'kysely';
import { matchesFilter, type RecordedEvent, type SubscriptionBatch } from '#libs/platform/event-store/index.js';
import { eachAtMost } from './at-most.js';
import { saveCheckpoints } from './projection-checkpoints.js';
import { advanced, applyBatch, sleep, type Running, type RunnerContext } from './running-projection.js';

/** Batches of at least this many events are written apart, a transaction per read model (writers > 1). */
const APART_FROM = 100;

/**
 * One subscription and one read-store transaction per batch for every projection on it: the
 * feed is read once, each projection gets the events past its own checkpoint that pass its
 * filter, inside a savepoint of its own, and all checkpoints are written in the same commit.
 */
export class SharedFeed {
  private readonly members = new Set<Running>();
  /** The feed has been handed out up to here; a member joins a batch only if it has seen all before it. */
  private position = Number.MAX_SAFE_INTEGER;
  private busy = false;
  private readonly abort = new AbortController();
  /** Aborted to read again from the lowest member checkpoint (a member joined from behind). */
  private restart = new AbortController();
  /** Settles once the feed has stopped and let every member go. */
  readonly loop: Promise<void>;

  constructor(private readonly ctx: RunnerContext) {
    // Started after the members that join in this turn (all of them, at start) have joined.
    this.loop = new Promise((resolve) => setImmediate(resolve)).then(() => this.run());
  }

  /** Puts a projection on the feed; resolves when the feed lets it go, with the failure if any. */
  join(running: Running): Promise<{ error: unknown } | undefined> {
    running.feed = 'shared';
    return new Promise((resolve) => {
      const stop = (): void => {
        if (!this.busy) this.leave(running);
      };
      running.release = (failure) => {
        running.abort.signal.removeEventListener('abort', stop);
        resolve(failure);
      };
      this.members.add(running);
      if (running.checkpoint < this.position) this.restart.abort();
      running.abort.signal.addEventListener('abort', stop, { once: true });
    });
  }

  /** Stops reading; `loop` settles once the feed has let its members go. */
  stop(): void {
    this.abort.abort();
  }

  private leave(running: Running, failure?: { error: unknown }): void {
    if (!this.members.delete(running)) return;
    running.feed = 'own';
    running.release?.(failure);
    running.release = undefined;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.abort.signal.aborted) {
      const restart = new AbortController();
      this.restart = restart;
      const stop = (): void => restart.abort();
      this.abort.signal.addEventListener('abort', stop, { once: true });
      const checkpoints = [...this.members].map((m) => m.checkpoint);
      this.position = checkpoints.length ? Math.min(...checkpoints) : this.position;
      if (this.position === Number.MAX_SAFE_INTEGER) this.position = await this.ctx.store.headPosition();
      try {
        const feed = this.ctx.store.subscribeAll({
          after: this.position,
          batchSize: this.ctx.readModelBatchSize,
          signal: restart.signal,
        });
        for await (const batch of feed) {
          await this.apply(batch);
          failures = 0;
          if ([...this.members].some((m) => m.checkpoint < this.position)) restart.abort();
          else if (batch.caughtUp && this.ctx.liveBatchMs) await sleep(this.ctx.liveBatchMs, restart.signal);
        }
      } catch (error) {
        // Reading or committing failed: no member has moved on; all try again from their checkpoints.
        for (const member of this.members) this.ctx.failed(member, error);
        failures += 1;
        await sleep(this.ctx.backoff(failures), this.abort.signal);
      } finally {
        this.abort.signal.removeEventListener('abort', stop);
      }
    }
    for (const member of [...this.members]) this.leave(member);
  }

  private async apply(batch: SubscriptionBatch): Promise<void> {
    const from = this.position;
    this.position = batch.checkpoint;
    // Members that joined from behind wait for the restart that reads from their checkpoint.
    const current = [...this.members].filter((m) => !m.abort.signal.aborted && m.checkpoint >= from);
    // Those already past this batch (restarted at the head, or ahead of the feed) only learn it is live.
    for (const m of current) if (m.checkpoint >= batch.checkpoint && batch.caughtUp) m.state = 'live';
    const members = current.filter((m) => m.checkpoint < batch.checkpoint);
    const done: Running[] = [];
    const failed: Array<[Running, unknown]> = [];
    const { database } = this.ctx;
    this.busy = true;
    try {
      // Live batches of an event or two: one commit beats a commit per read model.
      if ((database.writers ?? 1) > 1 && batch.events.length >= APART_FROM)
        await this.applyApart(members, batch, done, failed);
      else
        await database.writer.transaction().execute(async (trx) => {
          for (const member of members) {
            const { projection } = member;
            const events = eventsFor(member, batch);
            // SQLite works synchronously: between members, let waiting requests run.
            if (events.length && database.dialect === 'sqlite') await new Promise((r) => setImmediate(r));
            if (events.length) {
              // A failing projection rolls back only its own writes and leaves the feed.
              await sql`SAVEPOINT projection`.execute(trx);
              try {
                await applyBatch(projection, trx, events);
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
            await saveCheckpoints(
              trx,
              done.map((m) => m.projection),
              batch.checkpoint,
            );
        });
    } finally {
      this.busy = false;
      // Those stopped during the batch go now, whether it committed or not.
      for (const member of [...this.members]) if (member.abort.signal.aborted) this.leave(member);
    }
    for (const member of done) advanced(member, batch);
    for (const [member, error] of failed) {
      this.ctx.failed(member, error);
      this.leave(member, { error });
    }
    this.ctx.wakeWaiters();
  }

  /**
   * PostgreSQL: each member with events writes them and its checkpoint in a transaction of its
   * own, on its own connection, up to `writers` at once; a failure rolls back that member only.
   * A batch's statements then wait on each other's round trips no longer, and the server works
   * on several read models at once. Members with nothing to write move their checkpoints together.
   */
  private async applyApart(
    members: Running[],
    batch: SubscriptionBatch,
    done: Running[],
    failed: Array<[Running, unknown]>,
  ): Promise<void> {
    const { writer, writers = 1 } = this.ctx.database;
    const work = members.map((member) => ({ member, events: eventsFor(member, batch) }));
    const idle = work.filter((w) => w.events.length === 0).map((w) => w.member);
    const writing = work.filter((w) => w.events.length > 0);
    await eachAtMost(writing, writers, async ({ member, events }) => {
      try {
        await writer.transaction().execute(async (trx) => {
          await applyBatch(member.projection, trx, events);
          await saveCheckpoints(trx, [member.projection], batch.checkpoint);
        });
        done.push(member);
      } catch (error) {
        failed.push([member, error]);
      }
    });
    if (!idle.length) return;
    // Never thrown from here: members that committed above have moved on, whatever happens now.
    try {
      await writer.transaction().execute((trx) =>
        saveCheckpoints(
          trx,
          idle.map((m) => m.projection),
          batch.checkpoint,
        ),
      );
      done.push(...idle);
    } catch (error) {
      for (const member of idle) failed.push([member, error]);
    }
  }
}

/** The events of a batch a member has not seen yet and its filter asks for. */
const eventsFor = (member: Running, batch: SubscriptionBatch): RecordedEvent[] =>
  batch.events.filter((e) => e.position > member.checkpoint && matchesFilter(member.projection.filter, e));
