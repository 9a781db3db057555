import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabaseUrl } from '../../../test/support/postgres.js';
import { scratchReadDatabase, type ScratchReadDatabase } from '../../../test/support/scratch-read-database.js';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { roomForUpdates, withStatementCache, type AnyKysely, type ReadDatabase } from './read-database.js';
import { COPY_AT_LEAST } from './copy-rows.js';
import { ShadowTablesPlugin } from './table-rename.plugin.js';
import { BatchRows } from './batch-rows.js';
import { updateRows, writeChangedRows, writeRows } from './write-rows.js';

/** Writes rows into `totals`, a key written again adding its value to the one stored. */
const upsert = (trx: AnyKysely, rows: object[]) =>
  writeRows(trx, rows, (chunk) =>
    trx
      .insertInto('totals')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('k').doUpdateSet((eb) => ({ value: eb(eb.ref('totals.value'), '+', eb.ref('excluded.value')) })),
      ),
  );

// SQLite: one statement run for each row. PostgreSQL: one statement, the rows in one JSON parameter.
describe.each(['sqlite', 'postgres'] as const)('writeRows (read store: %s)', (dialect) => {
  let scratch: ScratchReadDatabase;
  let db: ReadDatabase;
  beforeEach(async () => {
    scratch = await scratchReadDatabase(dialect, 'write-rows');
    db = scratch.database;
    for (const table of ['totals', 'totals__rebuild'])
      await db.writer.schema
        .createTable(table)
        .addColumn('k', 'text', (c) => c.primaryKey())
        .addColumn('label', 'text')
        .addColumn('value', 'integer', (c) => c.notNull())
        .addColumn('position', 'bigint')
        .execute();
  });
  afterEach(() => scratch.dispose());
  /** The writer, counting the statements run through it. */
  const countingStatements = () => {
    let count = 0;
    const counted = db.writer.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        count += 1;
        return args.result;
      },
    });
    return { counted, statements: () => count };
  };
  const all = (table = 'totals') => db.reader.selectFrom(table).select(['k', 'label', 'value']).orderBy('k').execute();

  it('writes every row, each upsert seeing the rows before it, whatever order its keys come in', async () => {
    await db.writer.transaction().execute(async (trx) => {
      await upsert(trx, [
        { k: 'a', label: 'x', value: 1 },
        { value: 2, k: 'b', label: null },
      ]);
      await upsert(trx, [{ k: 'a', label: 'x', value: 10 }]);
    });
    expect(await all()).toEqual([
      { k: 'a', label: 'x', value: 11 },
      { k: 'b', label: null, value: 2 },
    ]);
  });

  // SQLite runs the one-row insert 16 rows a statement (ROWS_PER_INSERT), the rest one by one.
  if (dialect === 'sqlite')
    it('inserts many rows a statement on SQLite, in order: a key repeated within a statement sees its earlier row', async () => {
      const rows = Array.from({ length: 37 }, (_, i) => ({ k: `k${i % 5}`, label: `l${i}`, value: i + 1 }));
      const { counted, statements } = countingStatements();
      await upsert(counted, rows);
      expect(statements()).toBe(1);
      const sums = [0, 1, 2, 3, 4].map((k) => ({
        k: `k${k}`,
        // The label is the first row's: the upsert changes only the value.
        label: `l${k}`,
        value: rows.filter((r) => r.k === `k${k}`).reduce((sum, r) => sum + r.value, 0),
      }));
      expect(await all()).toEqual(sums);
    });

  it('takes rows of another shape (a key missing, a value undefined) the multi-row way, losing none', async () => {
    await upsert(db.writer, [
      { k: 'a', value: 1 },
      { k: 'b', label: 'y', value: 2 },
      { k: 'c', label: undefined, value: 3 },
    ]);
    expect(await all()).toEqual([
      { k: 'a', label: null, value: 1 },
      { k: 'b', label: 'y', value: 2 },
      { k: 'c', label: null, value: 3 },
    ]);
  });

  it('writes into the shadow tables a rebuild points it at', async () => {
    const shadow = db.writer.withPlugin(new ShadowTablesPlugin(['totals']));
    await upsert(shadow, [{ k: 'a', label: 'x', value: 1 }]);
    expect(await all()).toEqual([]);
    expect(await all('totals__rebuild')).toEqual([{ k: 'a', label: 'x', value: 1 }]);
  });

  it('writes rows past the parameter limit, text as given and positions past 2^31, in one statement on PostgreSQL', async () => {
    const { counted, statements } = countingStatements();
    const rows = Array.from({ length: 10_001 }, (_, i) => ({
      k: `k${String(i).padStart(5, '0')}`,
      label: i === 0 ? `"quoted", 'single', back\\slash, ünïcode 🙂 {braces} [1]` : i % 2 ? null : String(i),
      value: i,
      position: 2 ** 40 + i,
    }));
    await upsert(counted, rows);
    const written = await db.reader.selectFrom('totals').selectAll().orderBy('k').execute();
    expect(written.map((r) => ({ ...r, position: Number(r.position) }))).toEqual(rows);
    if (dialect === 'postgres') expect(statements()).toBe(1);
  });

  describe('writeChangedRows', () => {
    type Totals = { k: string; label: string | null; value: number; position: number | null };
    const target = (trx: typeof db.writer, read: Map<string, Totals>) => ({
      table: 'totals',
      key: 'k' as const,
      before: (row: Totals) => read.get(row.k),
      insert: (chunk: Totals[]) =>
        trx
          .insertInto('totals')
          .values(chunk)
          .onConflict((oc) =>
            oc.column('k').doUpdateSet((eb) => ({
              label: eb.ref('excluded.label'),
              value: eb.ref('excluded.value'),
              position: eb.ref('excluded.position'),
            })),
          ),
    });
    const rowsNow = async (table = 'totals') =>
      (await db.reader.selectFrom(table).selectAll().orderBy('k').execute()).map((r) => ({
        ...r,
        position: r.position === null ? null : Number(r.position),
      }));

    it('inserts new rows, sets only the columns that changed, and leaves unchanged rows unwritten', async () => {
      const read = new Map<string, Totals>([
        ['a', { k: 'a', label: 'x', value: 1, position: 1 }],
        ['b', { k: 'b', label: 'y', value: 2, position: 2 }],
        ['c', { k: 'c', label: 'z', value: 3, position: 3 }],
      ]);
      await writeRows(db.writer, [...read.values()], (chunk) => db.writer.insertInto('totals').values(chunk));
      // Written behind the read model's back: a column the batch does not change keeps this value.
      await db.writer.updateTable('totals').set({ label: 'kept' }).where('k', 'in', ['a', 'c']).execute();
      const { counted, statements } = countingStatements();
      await writeChangedRows(
        counted,
        [
          { k: 'a', label: 'x', value: 10, position: 2 ** 40 },
          { k: 'b', label: null, value: 2, position: 2 },
          { k: 'c', label: 'z', value: 3, position: 3 },
          { k: 'd', label: 'new', value: 4, position: null },
        ],
        target(counted, read),
      );
      expect(await rowsNow()).toEqual([
        { k: 'a', label: 'kept', value: 10, position: 2 ** 40 },
        { k: 'b', label: null, value: 2, position: 2 },
        { k: 'c', label: 'kept', value: 3, position: 3 },
        { k: 'd', label: 'new', value: 4, position: null },
      ]);
      // The insert of d, the update of a's two columns, the update of b's label; nothing for c.
      expect(statements()).toBe(3);
    });

    it('updates many rows that changed the same columns, into the shadow tables a rebuild points it at', async () => {
      const shadow = db.writer.withPlugin(new ShadowTablesPlugin(['totals']));
      const read = new Map<string, Totals>();
      const rows = Array.from({ length: 2_500 }, (_, i) => ({
        k: `k${String(i).padStart(4, '0')}`,
        label: `'${i}"`,
        value: i,
        position: i,
      }));
      await writeChangedRows(shadow, rows, target(shadow, read));
      for (const row of rows) read.set(row.k, row);
      await writeChangedRows(
        shadow,
        rows.map((r) => ({ ...r, value: r.value * 2, label: r.value % 2 ? r.label : `ü ${r.label}` })),
        target(shadow, read),
      );
      expect(await rowsNow()).toEqual([]);
      const written = await rowsNow('totals__rebuild');
      expect(written).toHaveLength(2_500);
      expect(written[1]).toEqual({ k: 'k0001', label: `'1"`, value: 2, position: 1 });
      expect(written[2]).toEqual({ k: 'k0002', label: `ü '2"`, value: 4, position: 2 });
    });
  });

  describe('BatchRows and updateRows', () => {
    type Total = { k: string; label: string | null; value: number; position: number };
    const seed = () =>
      db.writer
        .insertInto('totals')
        .values([
          { k: 'a', label: 'g1', value: 1, position: 1 },
          { k: 'b', label: 'g1', value: 2, position: 2 },
          { k: 'c', label: 'g2', value: 3, position: 3 },
        ])
        .execute();

    it('folds a batch in memory: adds only new keys, changes rows held, a group at once, and writes what changed', async () => {
      await seed();
      const { counted, statements } = countingStatements();
      await counted.transaction().execute(async (trx) => {
        const rows = new BatchRows<Total>({ table: 'totals', key: 'k', group: 'label' });
        await rows.load(trx, 'label', ['g1']);
        await rows.load(trx, 'k', ['a', 'd']);
        expect(rows.get('c')).toBeUndefined();
        // A key the table has is not overwritten, as an insert that does nothing on a conflict.
        rows.add({ k: 'a', label: 'g1', value: 100, position: 9 });
        rows.add({ k: 'd', label: 'g1', value: 4, position: 4 });
        rows.setGroup('g1', (row) => ({ value: Number(row.value) * 10 }));
        rows.set('b', { label: 'g1' });
        // Not loaded: nothing, as an update that finds no row.
        rows.set('zz', { value: 7 });
        await rows.write(trx);
      });
      // Two loads, then an upsert of d and one update for a and b (the same column changed).
      expect(statements()).toBe(4);
      expect(await all()).toEqual([
        { k: 'a', label: 'g1', value: 10 },
        { k: 'b', label: 'g1', value: 20 },
        { k: 'c', label: 'g2', value: 3 },
        { k: 'd', label: 'g1', value: 40 },
      ]);
    });

    it('refuses a load after a change, which could overwrite a stored row with one added unread', async () => {
      await db.writer.transaction().execute(async (trx) => {
        const rows = new BatchRows<Total>({ table: 'totals', key: 'k' });
        rows.add({ k: 'a', label: null, value: 1, position: 1 });
        await expect(rows.load(trx, 'k', ['a'])).rejects.toThrow('load before the first change');
      });
    });

    it('updateRows sets every row whose column matches, a key that need not be unique', async () => {
      await seed();
      await db.writer.transaction().execute((trx) =>
        updateRows(
          trx,
          { table: 'totals', key: 'label' },
          ['value'],
          [
            { label: 'g1', value: 5 },
            { label: 'nobody', value: 6 },
          ],
        ),
      );
      await updateRows(db.writer, { table: 'totals', key: 'label' }, ['value'], []);
      expect(await all()).toEqual([
        { k: 'a', label: 'g1', value: 5 },
        { k: 'b', label: 'g1', value: 5 },
        { k: 'c', label: 'g2', value: 3 },
      ]);
    });
  });

  it('leaves room in each page for updated rows on PostgreSQL (fillfactor), and nothing to SQLite', async () => {
    await db.writer.schema
      .createTable('counts')
      .addColumn('k', 'text', (c) => c.primaryKey())
      .addColumn('n', 'integer')
      .modifyEnd(roomForUpdates(db.writer))
      .execute();
    await db.writer.insertInto('counts').values({ k: 'a', n: 1 }).execute();
    expect(await db.reader.selectFrom('counts').selectAll().execute()).toEqual([{ k: 'a', n: 1 }]);
    if (dialect !== 'postgres') return;
    const { rows } = await sql<{
      reloptions: string[];
    }>`select reloptions from pg_class where oid = to_regclass('counts')`.execute(db.reader);
    expect(rows[0]?.reloptions).toEqual(['fillfactor=70']);
  });
});

describe('the SQLite statement cache under writeRows', () => {
  it('prepares the one-row insert Kysely makes as a 16-row one, and leaves an update one row a statement', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jejak-many-rows-'));
    const raw = new Database(join(dir, 'read.db'));
    const prepared: string[] = [];
    const spied = {
      prepare: (text: string) => (prepared.push(text), raw.prepare(text)),
      close: () => raw.close(),
    } as unknown as Database.Database;
    const db = new Kysely<{ totals: { k: string; value: number } }>({
      dialect: new SqliteDialect({ database: withStatementCache(spied) }),
    });
    try {
      await db.schema
        .createTable('totals')
        .addColumn('k', 'text', (c) => c.primaryKey())
        .addColumn('value', 'integer')
        .execute();
      const rows = Array.from({ length: 37 }, (_, i) => ({ k: `k${String(i).padStart(2, '0')}`, value: i + 1 }));
      await writeRows(db, rows, (chunk) =>
        db
          .insertInto('totals')
          .values(chunk)
          .onConflict((oc) => oc.column('k').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') }))),
      );
      await updateRows(
        db,
        { table: 'totals', key: 'k' },
        ['value'],
        rows.map((r) => ({ ...r, value: -r.value })),
      );
      const tuples = (text: string) => text.split('(?, ?)').length - 1;
      // Two statements of 16 rows and five of one: the one-row insert, then the 16-row one, each prepared once.
      expect(prepared.filter((t) => t.includes('insert into')).map(tuples)).toEqual([1, 16]);
      expect(prepared.filter((t) => t.includes('update "totals"')).map(tuples)).toEqual([0]);
      expect(await db.selectFrom('totals').selectAll().orderBy('k').execute()).toEqual(
        rows.map((r) => ({ ...r, value: -r.value })),
      );
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// PostgreSQL: many rows in a transaction go by COPY (copy-rows.ts), the statement as written when COPY cannot.
describe('COPY under writeRows (PostgreSQL)', () => {
  let scratch: ScratchReadDatabase;
  let db: ReadDatabase;
  type Row = { k: string; label: string | null; value: number | null; position: number | null };
  /** A table whose statements that insert rows say what they were: the server's own record of how rows came. */
  const loggedTable = async (table: string, columns: string) => {
    await sql`create table ${sql.id(table)} (${sql.raw(columns)})`.execute(db.writer);
    await sql`create trigger ${sql.id(`${table}_log`)} after insert on ${sql.id(table)} referencing new table as inserted
      for each statement execute function log_statement()`.execute(db.writer);
  };
  beforeEach(async () => {
    scratch = await scratchReadDatabase('postgres', 'copy-rows');
    db = scratch.database;
    await sql`create table written_by (statement text)`.execute(db.writer);
    await sql`create function log_statement() returns trigger language plpgsql as $$
      begin
        if exists (select from inserted) then insert into written_by values (current_query()); end if;
        return null;
      end $$`.execute(db.writer);
    await loggedTable('totals', 'k text primary key, label text, value integer not null, position bigint');
  });
  afterEach(() => scratch.dispose());
  const rowsOf = (n: number, from = 0): Row[] =>
    Array.from({ length: n }, (_, i) => ({
      k: `k${String(from + i).padStart(5, '0')}`,
      label: String(from + i),
      value: from + i,
      position: 2 ** 40 + from + i,
    }));
  const all = async (table = 'totals') =>
    ((await db.reader.selectFrom(table).selectAll().orderBy('k').execute()) as Row[]).map((r) => ({
      ...r,
      position: r.position === null || r.position === undefined ? r.position : Number(r.position),
    }));
  const ways = async () =>
    (await sql<{ statement: string }>`select statement from written_by`.execute(db.reader)).rows.map(({ statement }) =>
      /^COPY /.test(statement) ? 'copy' : /json_populate_recordset/.test(statement) ? 'json' : statement,
    );
  const insertInto =
    (table: string, conflict?: 'nothing') =>
    (trx: AnyKysely, rows: object[]): Promise<void> =>
      writeRows(trx, rows, (chunk) => {
        const insert = trx.insertInto(table).values(chunk);
        return conflict ? insert.onConflict((oc) => oc.column('k').doNothing()) : insert;
      });
  const inTransaction = (write: (trx: AnyKysely) => Promise<void>) => db.writer.transaction().execute(write);

  it('sends many rows of a transaction by COPY, every value as the statement would have stored it', async () => {
    const odd = [
      'tab\there',
      'line\nbreak',
      'carriage\rreturn',
      'back\\slash',
      '\\N',
      '\\.',
      '',
      `"quoted", 'single', ünïcode 🙂 {braces} [1]`,
    ];
    const rows = rowsOf(COPY_AT_LEAST + 3).map((row, i) => ({
      ...row,
      label: i < odd.length ? odd[i]! : i % 3 === 0 ? null : row.label,
    }));
    await inTransaction((trx) => upsert(trx, rows));
    expect(await ways()).toEqual(['copy']);
    expect(await all()).toEqual(rows);
  });

  it('stores numbers, booleans and dates by COPY as the statement stores them', async () => {
    const columns = 'k text primary key, n numeric, f double precision, b boolean, t text, d date';
    await loggedTable('copied', columns);
    await loggedTable('as_written', columns);
    const values = [1e21, -0, 5e-324, 2 ** 53 + 2, 0.1 + 0.2, -1.5];
    const rows = Array.from({ length: COPY_AT_LEAST }, (_, i) => ({
      k: `k${String(i).padStart(5, '0')}`,
      n: values[i % values.length]!,
      f: values[(i + 1) % values.length]!,
      b: i % 2 === 0,
      t: i % 4 === 0 ? true : values[i % values.length]!,
      d: i % 5 === 0 ? null : '2026-12-01',
    }));
    await inTransaction((trx) => insertInto('copied')(trx, rows));
    // Outside a transaction the statement runs as written.
    await insertInto('as_written')(db.writer, rows);
    expect(await ways()).toEqual(['copy', 'json']);
    expect(await all('copied')).toEqual(await all('as_written'));
  });

  it('inserts by COPY under "on conflict do nothing", and leaves the rows the table has as the statement does', async () => {
    const doNothing = insertInto('totals', 'nothing');
    await inTransaction((trx) => doNothing(trx, rowsOf(COPY_AT_LEAST)));
    const again = rowsOf(COPY_AT_LEAST, COPY_AT_LEAST / 2).map((row) => ({ ...row, label: 'second' }));
    await inTransaction((trx) => doNothing(trx, again));
    expect(await ways()).toEqual(['copy', 'json']);
    const labels = (await all()).map((row) => row.label);
    expect(labels).toEqual([
      ...rowsOf(COPY_AT_LEAST).map((row) => row.label),
      ...again.slice(COPY_AT_LEAST / 2).map(() => 'second'),
    ]);
  });

  it('runs the statement as written when COPY meets a row the table has: the upsert adds, and COPY is not tried again', async () => {
    await inTransaction((trx) => upsert(trx, rowsOf(COPY_AT_LEAST)));
    await inTransaction(async (trx) => {
      // Half the keys are in the table: COPY fails, the savepoint goes back, the upsert runs.
      await upsert(trx, rowsOf(COPY_AT_LEAST, COPY_AT_LEAST / 2));
      // The transaction goes on as if COPY had never been tried.
      await trx.insertInto('totals').values({ k: 'after', label: null, value: 1, position: null }).execute();
    });
    await inTransaction((trx) => upsert(trx, rowsOf(COPY_AT_LEAST, 10 * COPY_AT_LEAST)));
    expect(await ways()).toEqual(['copy', 'json', expect.stringMatching(/^insert into "totals"/), 'json']);
    const byKey = new Map((await all()).map((r) => [r.k, r.value]));
    expect(byKey.size).toBe(COPY_AT_LEAST * 2.5 + 1);
    // A key written twice holds the sum of both values, as the upsert says.
    const twice = `k${String(COPY_AT_LEAST - 1).padStart(5, '0')}`;
    expect(byKey.get(twice)).toBe(2 * (COPY_AT_LEAST - 1));
  });

  it("raises the statement's own error when a value breaks a rule, and writes nothing", async () => {
    const rows = rowsOf(COPY_AT_LEAST).map((row, i) => (i === 7 ? { ...row, value: null } : row));
    const error = (await inTransaction((trx) => upsert(trx, rows)).catch((e: unknown) => e)) as { where?: string };
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toMatch(/null value in column "value"/);
    // COPY's error names its line ("COPY totals, line 8"); the statement's does not.
    expect(error.where ?? '').not.toMatch(/COPY/);
    expect(await all()).toEqual([]);
  });

  it('raises what the statement raises whatever its rows, though COPY would have taken them', async () => {
    // No unique key on k: the conflict clause is an error for any rows, none of which conflict.
    await loggedTable('no_key', 'k text, label text, value integer, position bigint');
    const upsertNoKey = (trx: AnyKysely, rows: object[]) =>
      writeRows(trx, rows, (chunk) =>
        trx
          .insertInto('no_key')
          .values(chunk)
          .onConflict((oc) => oc.column('k').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') }))),
      );
    await expect(inTransaction((trx) => upsertNoKey(trx, rowsOf(COPY_AT_LEAST)))).rejects.toThrow(
      /no unique or exclusion constraint matching the ON CONFLICT specification/,
    );
    // A string that UTF-8 cannot carry (a lone surrogate) is refused as the statement refuses it.
    const lone = rowsOf(COPY_AT_LEAST).map((row, i) => (i === 3 ? { ...row, label: 'x\ud800y' } : row));
    await expect(inTransaction((trx) => upsert(trx, lone))).rejects.toThrow(/json/);
    expect(await all('no_key')).toEqual([]);
    expect(await all()).toEqual([]);
  });

  it('keeps the statement for a column COPY would read otherwise (jsonb: a string is a JSON string to it)', async () => {
    await loggedTable('documents', 'k text primary key, doc jsonb');
    const rows = rowsOf(COPY_AT_LEAST).map(({ k }) => ({ k, doc: '{"a":1}' }));
    await inTransaction((trx) => insertInto('documents')(trx, rows));
    expect(await ways()).toEqual(['json']);
    const stored = await sql<{ doc: unknown }>`select doc from documents limit 1`.execute(db.reader);
    expect(stored.rows[0]?.doc).toBe('{"a":1}');
  });

  it('lets a cancelled COPY fail as the statement would, without running the statement after it', async () => {
    const many = rowsOf(200_000);
    const watcher = new pg.Client({ connectionString: testDatabaseUrl() });
    await watcher.connect();
    try {
      const cancel = (async () => {
        for (let tries = 0; tries < 2_000; tries++) {
          const { rows } = await watcher.query<{ pid: number }>(
            `select pid from pg_stat_activity where query like 'COPY %' and state = 'active' and pid <> pg_backend_pid()`,
          );
          if (rows[0]) return watcher.query('select pg_cancel_backend($1)', [rows[0].pid]);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        throw new Error('no COPY seen');
      })();
      await expect(inTransaction((trx) => upsert(trx, many))).rejects.toThrow(
        /canceling statement due to user request/,
      );
      await cancel;
    } finally {
      await watcher.end();
    }
    expect(await ways()).toEqual([]);
    expect(await all()).toEqual([]);
  });

  it('runs the statement as written for fewer rows, outside a transaction, and through a pool that does not copy', async () => {
    await inTransaction((trx) => upsert(trx, rowsOf(COPY_AT_LEAST - 1)));
    await upsert(db.writer, rowsOf(COPY_AT_LEAST, COPY_AT_LEAST));
    const pool = new pg.Pool({ connectionString: testDatabaseUrl(), options: `-c search_path="${scratch.schema}"` });
    const plain = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
    try {
      await plain.transaction().execute((trx) => upsert(trx, rowsOf(COPY_AT_LEAST, 2 * COPY_AT_LEAST)));
    } finally {
      await plain.destroy();
    }
    expect(await ways()).toEqual(['json', 'json', 'json']);
    expect(await all()).toEqual(rowsOf(3 * COPY_AT_LEAST).filter((_, i) => i !== COPY_AT_LEAST - 1));
  });
});
