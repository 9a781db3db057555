import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { PostgresEventStore } from '#libs/platform/event-store/index.js';
import {
  FEED_WINDOW_GROWTH,
  feedWindow,
  maxFeedWindow,
  nextFeedWindow,
  readAfterQuery,
} from '#libs/platform/event-store/postgres/postgres-event-store.js';
import { testDatabaseUrl } from '../support/postgres.js';
import { eventStoreContract } from './event-store.contract.js';

const schemas: string[] = [];

eventStoreContract(
  'postgres',
  async () => {
    const schema = `contract_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    schemas.push(schema);
    return PostgresEventStore.open({ connectionString: testDatabaseUrl(), schema, pollIntervalMs: 50 });
  },
  {
    // Another transaction writes the same key first: the append waits on it after taking its
    // position and inserting its events, i.e. it commits late, after whatever follows.
    async holdCommandKey(k) {
      const holder = new pg.Client({ connectionString: testDatabaseUrl() });
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query(
        `INSERT INTO "${schemas.at(-1)!}".command_keys (scope, key, fingerprint, stream, revision, position, recorded_at)
         VALUES ($1, $2, $3, 'held', 0, 0, now())`,
        [k.scope, k.key, k.fingerprint],
      );
      const { rows } = await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      return {
        async waiting() {
          // pg_locks, not pg_stat_activity: inside the holder's transaction pg_stat_activity is a
          // snapshot taken at its first read, and it never shows a backend that connected later
          // (the late append's pool connection, on a loaded machine).
          const blocked = await holder.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND $1 = ANY(pg_blocking_pids(pid))',
            [rows[0]!.pid],
          );
          return blocked.rows[0]!.n > 0;
        },
        async release() {
          await holder.query('ROLLBACK');
          await holder.end();
        },
      };
    },
  },
);

/** Every node of an EXPLAIN (FORMAT JSON) plan, depth first. */
type PlanNode = {
  'Node Type': string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
};
/** The rows a plan node looked at: those it passed on and those its filter or recheck dropped. */
const rowsRead = (n: PlanNode): number =>
  (n['Actual Rows'] ?? 0) + (n['Rows Removed by Filter'] ?? 0) + (n['Rows Removed by Index Recheck'] ?? 0);
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

const metadata = () => ({
  actor: 'test',
  role: 'admin',
  occurredAt: new Date().toISOString(),
  correlationId: randomUUID(),
  causationId: randomUUID(),
  schemaVersion: 1,
});

/** `streams` new streams of `category`, `perStream` events each, ten streams to a commit. */
async function fill(store: PostgresEventStore, category: string, streams: number, perStream: number): Promise<void> {
  for (let s = 0; s < streams; s += 10)
    await store.appendMany(
      Array.from({ length: Math.min(10, streams - s) }, () => ({
        stream: `${category}-${randomUUID()}`,
        expectedRevision: 'no_stream' as const,
        events: Array.from({ length: perStream }, (_, i) => ({
          eventId: randomUUID(),
          type: 'NoteAdded',
          data: { text: `note ${i}` },
          metadata: metadata(),
        })),
      })),
    );
}

describe('postgres: reading the feed', () => {
  it('reads the whole feed as an index scan in order, and a filtered one no further than its window, on a table never analyzed as on one analyzed', async () => {
    const schema = `contract_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    schemas.push(schema);
    const store = await PostgresEventStore.open({ connectionString: testDatabaseUrl(), schema });
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      // A store filled faster than autovacuum analyzes it (a bulk import, a restore): 20,000 events,
      // autovacuum kept off this table so that it stays never analyzed.
      await client.query(`ALTER TABLE "${schema}".events SET (autovacuum_enabled = false)`);
      await fill(store, 'household', 400, 50);
      const head = await store.headPosition();
      const after = 1_000;
      // The whole feed, the feed of projections that read a few categories or types, and of one.
      const filters = [
        undefined,
        { categories: ['household', 'pkh'] },
        { types: ['NoteAdded', 'VisitDone'] },
        { categories: ['household'] },
        { types: ['NoteAdded'] },
      ];
      const plansOf = () =>
        Promise.all(
          filters.map(async (filter) => {
            const to = feedWindow(after, head, filter, 1_000);
            const { text, values } = readAfterQuery(`"${schema}".events`, after, to, filter, 1_000);
            const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
              `EXPLAIN (ANALYZE, FORMAT JSON) ${text}`,
              values,
            );
            return nodesOf(rows[0]!['QUERY PLAN'][0].Plan);
          }),
        );
      const { rows } = await client.query<{ reltuples: number }>(
        `SELECT reltuples FROM pg_class WHERE oid = $1::regclass`,
        [`"${schema}".events`],
      );
      expect(rows[0]!.reltuples).toBe(-1);
      expect(feedWindow(after, head, filters[1], 1_000) - after).toBe(1_250);
      // Estimated at a few hundred rows without statistics, the range `position <= head` made a
      // bitmap scan of every row up to the head, sorted, for each batch; a filter by category or
      // type did the same through its own index (a 5,000-event batch of a 349,250-event store:
      // 333 ms, sorted on disk, against 6 ms in order). In a window, whatever the plan, no node
      // reads more than the window's 1,250 positions of the 19,000 after `after`.
      // A filter of one value is no safer: without statistics its own index's rows were sorted too.
      for (const [whole, ...filtered] of [await plansOf(), await analyzed(client, schema, plansOf)]) {
        expect(whole!.map((n) => `${n['Node Type']} ${n['Index Name'] ?? ''}`.trim())).toEqual([
          'Limit',
          'Index Scan events_pkey',
        ]);
        for (const nodes of filtered) {
          expect(nodes[0]!['Actual Rows']).toBe(1_000);
          expect(Math.max(...nodes.map(rowsRead))).toBeLessThanOrEqual(1_250);
        }
      }
    } finally {
      await client.end();
      await store.close();
    }
  });

  it('sizes each next window of a filtered read by the rows the last one held, growing at most eightfold and never past four positions per event', () => {
    // A filter that keeps nine events in ten: a batch of 5,000 with 1,125 found in the first 1,250
    // positions looks for the other 3,875 in 5,382 positions (a quarter's margin), not 20,000.
    expect(nextFeedWindow(1_250, 1_125, 3_875, 5_000)).toBe(5_382);
    // A sparse stretch: 10 events in 6,250 positions would ask for the rest of the store.
    expect(nextFeedWindow(6_250, 10, 4_990, 5_000)).toBe(20_000);
    expect(nextFeedWindow(1_250, 0, 1_000, 1_000)).toBe(1_250 * FEED_WINDOW_GROWTH);
    // However long the stretch, a window spans at most four positions per event of the batch
    // (10,000 at least): on a table without statistics it is read and sorted whole.
    let width = 1_250;
    for (let i = 0; i < 10; i++) width = nextFeedWindow(width, 0, 1_000, 1_000);
    expect(width).toBe(maxFeedWindow(1_000));
    expect([maxFeedWindow(1_000), maxFeedWindow(5_000)]).toEqual([10_000, 20_000]);
    // A handful of events still needed: never under 1,000 positions.
    expect(nextFeedWindow(6_250, 4_999, 1, 5_000)).toBe(1_000);
  });

  it('reads a filtered batch across as many windows as it takes, to a full batch or the head', async () => {
    const schema = `contract_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    schemas.push(schema);
    const store = await PostgresEventStore.open({ connectionString: testDatabaseUrl(), schema });
    try {
      // Three PKH events 12,000 positions apart: the first windows hold one or none.
      await fill(store, 'pkh', 1, 1);
      await fill(store, 'household', 240, 50);
      await fill(store, 'pkh', 1, 1);
      await fill(store, 'household', 240, 50);
      await fill(store, 'pkh', 1, 1);
      const head = await store.headPosition();
      // Two categories, the second absent from the store.
      const filter = { categories: ['pkh', 'kube'] };
      const pkh = (await store.readAll({ filter })).map((e) => e.position);
      expect(pkh).toHaveLength(3);
      const all = await store.readBatch(0, filter, 10);
      expect([all.events.map((e) => e.position), all.checkpoint, all.caughtUp]).toEqual([pkh, head, true]);
      const two = await store.readBatch(0, filter, 2);
      expect([two.events.map((e) => e.position), two.checkpoint, two.caughtUp]).toEqual([
        pkh.slice(0, 2),
        pkh[1],
        false,
      ]);
      const rest = await store.readBatch(two.checkpoint, filter, 2);
      expect([rest.events.map((e) => e.position), rest.checkpoint, rest.caughtUp]).toEqual([pkh.slice(2), head, true]);
      expect((await store.readAll({ after: pkh[0], limit: 1, filter })).map((e) => e.position)).toEqual([pkh[1]]);
    } finally {
      await store.close();
    }
  });
});

async function analyzed<T>(client: pg.Client, schema: string, then: () => Promise<T>): Promise<T> {
  await client.query(`ANALYZE "${schema}".events`);
  return then();
}

afterAll(async () => {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});
