import { sql, type RawBuilder } from 'kysely';
import { eachAtMost } from './at-most.js';
import { saveCheckpoints } from './projection-checkpoints.js';
import type { Projection, RebuildFold } from './projection.js';
import type { AnyKysely, AnyTransaction, ReadDatabase } from './read-database.js';
import { applyBatch, type Running, type RunnerContext } from './running-projection.js';
import { SHADOW_SUFFIX, ShadowTablesPlugin } from './table-rename.plugin.js';

/**
 * Rebuilds a projection from zero without stopping reads of the current version: the new rows
 * are built in shadow tables while the live loop goes on, then the live loop pauses, the shadow
 * catches up, and one transaction swaps the tables and the checkpoint. Returns that checkpoint,
 * from which the caller relaunches the live loop.
 */
export async function rebuildIntoShadow(ctx: RunnerContext, running: Running): Promise<number> {
  const { projection } = running;
  const writer = ctx.database.writer;
  const shadow = writer.withPlugin(new ShadowTablesPlugin(projection.tables));
  for (const table of projection.tables)
    await writer.schema
      .dropTable(table + SHADOW_SUFFIX)
      .ifExists()
      .execute();
  await projection.setup(shadow);
  const deferred = await setIndexesAside(ctx.database, writer, projection);
  // One fold for the whole rebuild, both catch-ups: it may keep rows from batch to batch.
  const fold = projection.rebuilding?.(ctx.rebuildHeldRows);
  let checkpoint = await catchUp(ctx, projection, fold, shadow, 0, running.abort.signal);
  // Only a stop ends the first catch-up before the head: nothing is swapped in (the shadow tables
  // go at the next rebuild's start).
  if (running.abort.signal.aborted) throw new Error(`${projection.name}: stopped during its rebuild`);
  // The rows are in: each index set aside is made from them in one pass (ADR 0017), two at a time
  // on connections of the pool (the server builds them on two cores; the others stay for reads and
  // the live read models), every build settled before the first failure is thrown.
  await buildIndexes(writer, deferred);
  // PostgreSQL plans reads by a table's statistics, and tables filled in one go have none until
  // autovacuum's next round: gathered here, before the pause, so that the first reads of the
  // swapped tables are planned from what they hold (statistics stay with a table renamed). A first
  // sample, as `vacuumdb --analyze-in-stages` takes one before its full pass (REBUILD_STATISTICS);
  // the runner has the full pass made after the swap (analyzeFully).
  if (ctx.database.dialect === 'postgres')
    await analyze(
      writer,
      projection.tables.map((table) => table + SHADOW_SUFFIX),
      REBUILD_STATISTICS,
    );
  running.abort.abort();
  await running.loop;
  checkpoint = await catchUp(ctx, projection, fold, shadow, checkpoint);
  await writer.transaction().execute(async (trx) => {
    for (const table of projection.tables) {
      await trx.schema.dropTable(table).execute();
      await trx.schema
        .alterTable(table + SHADOW_SUFFIX)
        .renameTo(table)
        .execute();
      await renameShadowIndexes(ctx.database, trx, table);
    }
    await projection.setup(trx);
    await saveCheckpoints(trx, [projection], checkpoint);
  });
  return checkpoint;
}

/**
 * Drops the shadow copies of the indexes the projection defers; returns their definitions for
 * `buildIndexes` on PostgreSQL, whose server builds an index while this process goes on. SQLite
 * cannot rename an index, so the swap drops every shadow index and `setup` makes each again under
 * its usual name, from the rows, in any case: a deferred index is then made once, there, instead
 * of twice (an entry for every row written, then the swap's build; the actor index's rebuild
 * alone took 15-19 ms of CPU per 1,000 events with its four kept, 10-13 without).
 */
async function setIndexesAside(database: ReadDatabase, db: AnyKysely, projection: Projection): Promise<string[]> {
  const names = (projection.deferredIndexes ?? []).map((name) => name + SHADOW_SUFFIX);
  if (names.length === 0) return [];
  const { rows } =
    database.dialect === 'postgres'
      ? await sql<{ name: string; definition: string }>`
          SELECT indexname AS name, indexdef AS definition FROM pg_indexes
           WHERE schemaname = current_schema() AND indexname IN (${sql.join(names)})`.execute(db)
      : await sql<{ name: string; definition: string }>`
          SELECT name, sql AS definition FROM sqlite_master
           WHERE type = 'index' AND name IN (${sql.join(names)})`.execute(db);
  const definitions = names.map((name) => rows.find((row) => row.name === name)?.definition);
  // A name that matches nothing is a mistake in the projection: said on either store. So is a
  // unique index: its batches' upserts rely on it while they write.
  const missing = names.filter((_, i) => definitions[i] === undefined);
  if (missing.length) throw new Error(`${projection.name}: its setup makes no index ${missing.join(', ')}`);
  const unique = names.filter((_, i) => /^CREATE UNIQUE/i.test(definitions[i]!));
  if (unique.length) throw new Error(`${projection.name}: a unique index cannot be deferred (${unique.join(', ')})`);
  for (const name of names) await sql`DROP INDEX ${sql.id(name)}`.execute(db);
  return database.dialect === 'postgres' ? (definitions as string[]) : [];
}

/**
 * The statistics target of a rebuild's ANALYZE before the swap: 10, the middle stage of `vacuumdb
 * --analyze-in-stages`, samples 3,000 rows where the default (100) samples 30,000. Enough for
 * the first reads of the swapped tables (a table's size, each column's distinct values and nulls,
 * the ten commonest values: an index or a scan); `analyzeFully` then gathers the full ones, as
 * that tool's last stage does. It took the actor index's ANALYZE at 69,850 rows from 150-210 ms
 * to 17-22 before the swap (ADR 0017, ninth round).
 */
export const REBUILD_STATISTICS = 10;

/**
 * The full statistics of a rebuilt projection's tables at the server's own target, the last stage
 * of `vacuumdb --analyze-in-stages`: run after the swap, while the read model already serves from
 * the first sample, so that a large table that changes slowly (autovacuum analyzes again only once
 * a tenth of it has changed) does not keep that sample. Nothing to do on SQLite.
 */
export async function analyzeFully(database: ReadDatabase, projection: Projection): Promise<void> {
  if (database.dialect === 'postgres') await analyze(database.writer, projection.tables);
}

/** ANALYZE of each table (PostgreSQL), at `statisticsTarget` if given, else at the server's. */
async function analyze(db: AnyKysely, tables: readonly string[], statisticsTarget?: number): Promise<void> {
  for (const table of tables) {
    const statement = sql`ANALYZE ${sql.table(table)}`;
    if (statisticsTarget === undefined) await statement.execute(db);
    else await withSetting(db, 'default_statistics_target', statisticsTarget, statement);
  }
}

/** Runs `statement` in a transaction of its own with a server setting changed for it alone (SET LOCAL). */
async function withSetting(db: AnyKysely, setting: string, value: number, statement: RawBuilder<unknown>) {
  await db.transaction().execute(async (trx) => {
    await sql`SELECT set_config(${setting}, ${String(value)}, true)`.execute(trx);
    await statement.execute(trx);
  });
}

/**
 * Runs the CREATE INDEX statements two at a time; throws the first failure once all have settled.
 * Each is built by its own backend, without parallel workers: two builds at once already keep two
 * cores busy, and a parallel build sorts in each worker into temporary files that the leader then
 * merges, which at 69,850 rows took the actor index's four builds 264-326 ms where one backend each
 * took 143-162 (ADR 0017, ninth round). Exported for its test.
 */
export async function buildIndexes(db: AnyKysely, definitions: readonly string[]): Promise<void> {
  const failures: unknown[] = [];
  await eachAtMost(definitions, 2, (definition) =>
    withSetting(db, 'max_parallel_maintenance_workers', 0, sql.raw(definition)).then(
      () => undefined,
      (error: unknown) => void failures.push(error),
    ),
  );
  if (failures.length) throw failures[0];
}

/**
 * Applies the feed from `after` into `db` until the head, through the rebuild's fold if the
 * projection has one (written out at the end, or on SQLite after each batch); returns the
 * checkpoint reached.
 */
async function catchUp(
  ctx: RunnerContext,
  projection: Projection,
  fold: RebuildFold | undefined,
  db: AnyKysely,
  after: number,
  stop?: AbortSignal,
): Promise<number> {
  let checkpoint = after;
  const abort = new AbortController();
  // SQLite has one writer per file: a flush of every held row in one transaction kept the live
  // read models (and the commands whose reads wait for them) waiting for it, so there the fold
  // writes what each batch changed in the batch's own transaction, and keeps only the reading
  // back away (ADR 0017, tenth round). PostgreSQL's writers do not wait for one another.
  const flushEachBatch = ctx.database.dialect === 'sqlite';
  for await (const batch of ctx.store.subscribeAll({
    after,
    filter: projection.filter,
    batchSize: ctx.readModelBatchSize,
    signal: abort.signal,
  })) {
    await db.transaction().execute(async (trx) => {
      if (!fold) return applyBatch(projection, trx, batch.events);
      await fold.apply(trx, batch.events);
      if (flushEachBatch && batch.events.length) await fold.flush(trx);
    });
    checkpoint = batch.checkpoint;
    if (batch.caughtUp || stop?.aborted) abort.abort();
  }
  // A rebuild stopped meanwhile swaps nothing in: what the fold keeps need not be written.
  if (fold && !stop?.aborted) await db.transaction().execute((trx) => fold.flush(trx));
  return checkpoint;
}

/** After the swap, indexes get their usual names back (SQLite cannot rename: drop, setup recreates). */
async function renameShadowIndexes(database: ReadDatabase, trx: AnyTransaction, table: string): Promise<void> {
  if (database.dialect === 'postgres') {
    const { rows } = await sql<{
      indexname: string;
    }>`SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ${table}`.execute(trx);
    // Named indexes end in the suffix; those PostgreSQL named for a constraint carry the shadow
    // table's name (`<table>__rebuild_pkey`), which would otherwise stay after the swap.
    const shadowTable = table + SHADOW_SUFFIX;
    for (const { indexname } of rows) {
      const usual = indexname.endsWith(SHADOW_SUFFIX)
        ? indexname.slice(0, -SHADOW_SUFFIX.length)
        : indexname.startsWith(shadowTable)
          ? table + indexname.slice(shadowTable.length)
          : undefined;
      if (usual) await sql`ALTER INDEX ${sql.id(indexname)} RENAME TO ${sql.id(usual)}`.execute(trx);
    }
    return;
  }
  const { rows } = await sql<{
    name: string;
  }>`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ${table} AND sql IS NOT NULL`.execute(trx);
  for (const { name } of rows.filter((r) => r.name.endsWith(SHADOW_SUFFIX))) await trx.schema.dropIndex(name).execute();
}
