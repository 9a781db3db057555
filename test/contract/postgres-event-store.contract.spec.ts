import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { PostgresEventStore } from '#libs/platform/event-store/index.js';
import { readAfterQuery } from '#libs/platform/event-store/postgres/postgres-event-store.js';
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
          const blocked = await holder.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
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
type PlanNode = { 'Node Type': string; 'Index Name'?: string; Plans?: PlanNode[] };
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

describe('postgres: reading the feed', () => {
  it('reads a batch as an index scan in position order, on a table never analyzed as on one analyzed', async () => {
    const schema = `contract_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    schemas.push(schema);
    const store = await PostgresEventStore.open({ connectionString: testDatabaseUrl(), schema });
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      // A store filled faster than autovacuum analyzes it (a bulk import, a restore): 20,000 events,
      // autovacuum kept off this table so that it stays never analyzed.
      await client.query(`ALTER TABLE "${schema}".events SET (autovacuum_enabled = false)`);
      for (let s = 0; s < 40; s++)
        await store.appendMany(
          Array.from({ length: 10 }, (_, j) => ({
            stream: `household-${s}-${j}`,
            expectedRevision: 'no_stream' as const,
            events: Array.from({ length: 50 }, (_, i) => ({
              eventId: randomUUID(),
              type: 'NoteAdded',
              data: { text: `note ${i}` },
              metadata: {
                actor: 'test',
                role: 'admin',
                occurredAt: new Date().toISOString(),
                correlationId: randomUUID(),
                causationId: randomUUID(),
                schemaVersion: 1,
              },
            })),
          })),
        );
      const head = await store.headPosition();
      const planOf = async () => {
        const { text, values } = readAfterQuery(`"${schema}".events`, 5_000, head, undefined, 1_000);
        const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
          `EXPLAIN (FORMAT JSON) ${text}`,
          values,
        );
        return nodesOf(rows[0]!['QUERY PLAN'][0].Plan);
      };
      const { rows } = await client.query<{ reltuples: number }>(
        `SELECT reltuples FROM pg_class WHERE oid = $1::regclass`,
        [`"${schema}".events`],
      );
      expect(rows[0]!.reltuples).toBe(-1);
      // Estimated at a few hundred rows without statistics, the range `position <= head` made a
      // bitmap scan of every row up to the head, sorted, for each batch.
      for (const nodes of [await planOf(), await analyzed(client, schema, planOf)]) {
        expect(nodes.map((n) => n['Node Type'])).toEqual(['Limit', 'Index Scan']);
        expect(nodes[1]!['Index Name']).toBe('events_pkey');
      }
    } finally {
      await client.end();
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
