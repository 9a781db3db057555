import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { migrate } from '#libs/platform/postgres/index.js';
import { openSqliteDatabase } from '#libs/platform/event-store/sqlite/open-sqlite.js';
import { canonicalJson, GENESIS_HASH } from '#libs/platform/hash-chain/index.js';
import {
  ACCESS_LOG_HOUSEHOLDS_TABLE,
  ACCESS_LOG_TABLE,
  accessEntryHash,
  chained,
  readOf,
  toEntry,
  toRow,
  type AccessEntry,
  type AccessLogTables,
  type AccessLogVerification,
  type AccessQuery,
  type AccessRecord,
} from './access-log.records.js';
import { postgresAccessLogMigrations } from './postgres-access-log.schema.js';
import { SqliteAccessWriter } from './sqlite-access-writer.js';

export * from './access-log.records.js';

const APPEND_ONLY = 'the access log is append-only';

/** Bound parameters per INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535. */
const PARAMETERS_PER_INSERT = 10_000;
const ENTRIES_PER_INSERT = PARAMETERS_PER_INSERT / 10;
const LINKS_PER_INSERT = PARAMETERS_PER_INSERT / 2;

/**
 * The access log's tables: in a SQLite file of their own (access-log.db in the data directory,
 * 0600) or in the configured PostgreSQL schema, never in the event store, so that reads do not
 * grow the households' streams. Append-only: the only writes are the INSERTs of `append`, and
 * triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL), so that changing an entry takes
 * dropping or disabling them first; the chain shows the change either way.
 */
export class AccessLogStore {
  private constructor(
    private readonly db: Kysely<AccessLogTables>,
    readonly dialect: 'sqlite' | 'postgres',
    private readonly writer?: SqliteAccessWriter,
  ) {}

  /**
   * Written from a worker thread (SqliteAccessWriter), read here. synchronous=NORMAL: a power
   * cut may lose the last batches written, as a crash loses the reads still buffered; the
   * background checkpointer syncs the file.
   */
  static async openSqlite(filename: string): Promise<AccessLogStore> {
    mkdirSync(dirname(filename), { recursive: true });
    // Who looked at whom is itself personal data: only the service's user may read the file.
    // SQLite gives its -wal and -shm files the database file's mode.
    closeSync(openSync(filename, 'a', 0o600));
    chmodSync(filename, 0o600);
    const db = new Kysely<AccessLogTables>({
      dialect: new SqliteDialect({ database: openSqliteDatabase(filename, 'NORMAL') }),
    });
    await AccessLogStore.createTables(db);
    for (const table of [ACCESS_LOG_TABLE, ACCESS_LOG_HOUSEHOLDS_TABLE])
      for (const change of ['UPDATE', 'DELETE'])
        await sql
          .raw(
            `CREATE TRIGGER IF NOT EXISTS ${table}_no_${change.toLowerCase()} BEFORE ${change} ON ${table} ` +
              `BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY}'); END`,
          )
          .execute(db);
    return new AccessLogStore(db, 'sqlite', new SqliteAccessWriter(filename, GENESIS_HASH));
  }

  static async openPostgres(connectionString: string, schema: string, poolSize = 4): Promise<AccessLogStore> {
    await migrate(connectionString, schema, 'access-log', postgresAccessLogMigrations(APPEND_ONLY));
    const pool = new pg.Pool({ connectionString, max: poolSize, options: `-c search_path="${schema}"` });
    pool.on('error', () => undefined);
    const db = new Kysely<AccessLogTables>({ dialect: new PostgresDialect({ pool }) });
    return new AccessLogStore(db, 'postgres');
  }

  private static async createTables(db: Kysely<AccessLogTables>): Promise<void> {
    await db.schema
      .createTable(ACCESS_LOG_TABLE)
      .ifNotExists()
      .addColumn('seq', 'bigint', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('route', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text')
      .addColumn('households', 'text', (c) => c.notNull())
      .addColumn('request_id', 'text')
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('access_log_by_actor')
      .ifNotExists()
      .on(ACCESS_LOG_TABLE)
      .columns(['actor', 'seq'])
      .execute();
    await db.schema
      .createTable(ACCESS_LOG_HOUSEHOLDS_TABLE)
      .ifNotExists()
      .addColumn('household_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('access_log_households_pk', ['household_id', 'seq'])
      .execute();
  }

  /**
   * Numbers and links the records after the last entry and writes them in one transaction. The
   * transaction holds the log's write lock from reading the head to the commit, so that
   * instances sharing a log never fork the chain: on SQLite BEGIN IMMEDIATE (in the writer's
   * thread), on PostgreSQL a self-exclusive lock on the table (reads go on).
   */
  async append(records: readonly AccessRecord[]): Promise<AccessEntry[]> {
    if (records.length === 0) return [];
    if (this.writer) {
      const links = await this.writer.append(records.map((r) => canonicalJson(readOf(r))));
      return records.map((r, i) => ({ ...r, seq: links[i]![0], hash: links[i]![1] }));
    }
    return this.db.connection().execute(async (db) => {
      await sql.raw('BEGIN').execute(db);
      try {
        await sql`LOCK TABLE ${sql.table(ACCESS_LOG_TABLE)} IN SHARE ROW EXCLUSIVE MODE`.execute(db);
        const head = await db
          .selectFrom(ACCESS_LOG_TABLE)
          .select(['seq', 'hash'])
          .orderBy('seq', 'desc')
          .limit(1)
          .executeTakeFirst();
        const entries = chained(head, records);
        const rows = entries.map(toRow);
        for (let i = 0; i < rows.length; i += ENTRIES_PER_INSERT)
          await db
            .insertInto(ACCESS_LOG_TABLE)
            .values(rows.slice(i, i + ENTRIES_PER_INSERT))
            .execute();
        const links = entries.flatMap((e) => e.households.map((household_id) => ({ household_id, seq: e.seq })));
        for (let i = 0; i < links.length; i += LINKS_PER_INSERT)
          await db
            .insertInto(ACCESS_LOG_HOUSEHOLDS_TABLE)
            .values(links.slice(i, i + LINKS_PER_INSERT))
            .execute();
        await sql.raw('COMMIT').execute(db);
        return entries;
      } catch (error) {
        await sql
          .raw('ROLLBACK')
          .execute(db)
          .catch(() => undefined);
        throw error;
      }
    });
  }

  /** A page of entries, newest (highest number) first, about a household or by an actor. */
  async find(q: AccessQuery): Promise<AccessEntry[]> {
    let query = this.db
      .selectFrom(ACCESS_LOG_TABLE)
      .selectAll(ACCESS_LOG_TABLE)
      .orderBy(`${ACCESS_LOG_TABLE}.seq`, 'desc')
      .limit(q.limit);
    if (q.household !== undefined)
      query = query
        .innerJoin(ACCESS_LOG_HOUSEHOLDS_TABLE, `${ACCESS_LOG_HOUSEHOLDS_TABLE}.seq`, `${ACCESS_LOG_TABLE}.seq`)
        .where(`${ACCESS_LOG_HOUSEHOLDS_TABLE}.household_id`, '=', q.household);
    if (q.actor !== undefined) query = query.where('actor', '=', q.actor);
    if (q.before !== undefined) query = query.where(`${ACCESS_LOG_TABLE}.seq`, '<', q.before);
    if (q.from !== undefined) query = query.where('at', '>=', q.from);
    if (q.to !== undefined) query = query.where('at', '<', q.to);
    return (await query.execute()).map((row) => toEntry(row, { lenient: true }));
  }

  /**
   * Recomputes the chain from the first entry and reports the first break: an entry changed
   * (its link differs), removed (a gap in the numbers) or an index row that does not match its
   * entry. Like the audit chain, a removed last entry or a wholesale rewrite shows only against
   * a head hash kept outside the system.
   */
  async verify(pageSize = 1_000): Promise<AccessLogVerification> {
    let previous = GENESIS_HASH;
    let checked = 0;
    let after = 0;
    const broken = (seq: number, reason: string): AccessLogVerification => ({
      ok: false,
      entriesChecked: checked,
      headSeq: after,
      headHash: previous,
      firstBreak: { seq, reason },
    });
    for (;;) {
      const rows = await this.db
        .selectFrom(ACCESS_LOG_TABLE)
        .selectAll()
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(pageSize)
        .execute();
      if (rows.length === 0) break;
      const last = Number(rows.at(-1)!.seq);
      const linked = new Map<number, string[]>();
      for (const link of await this.db
        .selectFrom(ACCESS_LOG_HOUSEHOLDS_TABLE)
        .select(['seq', 'household_id'])
        .where('seq', '>', after)
        .where('seq', '<=', last)
        .execute()) {
        const seq = Number(link.seq);
        linked.set(seq, [...(linked.get(seq) ?? []), link.household_id]);
      }
      for (const row of rows) {
        const seq = Number(row.seq);
        if (seq !== after + 1) return broken(after + 1, 'entry missing from the log (removed?)');
        let entry: AccessEntry;
        try {
          entry = toEntry(row);
        } catch {
          return broken(seq, 'entry differs from what was chained (changed?)');
        }
        const hash = accessEntryHash(previous, entry);
        if (hash !== row.hash) return broken(seq, 'entry differs from what was chained (changed?)');
        const index = [...(linked.get(seq) ?? [])].sort();
        const named = [...entry.households].sort();
        if (index.length !== named.length || index.some((h, i) => h !== named[i]))
          return broken(seq, 'household index differs from the entry (changed?)');
        previous = hash;
        after = seq;
        checked += 1;
      }
    }
    const stray = await this.db
      .selectFrom(ACCESS_LOG_HOUSEHOLDS_TABLE)
      .select('seq')
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst();
    if (stray) return broken(Number(stray.seq), 'household index names an entry the log does not have (inserted?)');
    return { ok: true, entriesChecked: checked, headSeq: after, headHash: previous, firstBreak: null };
  }

  async close(): Promise<void> {
    await this.writer?.close();
    await this.db.destroy();
  }
}
