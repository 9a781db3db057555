import { randomUUID } from 'node:crypto';
import { afterAll } from '@jest/globals';
import pg from 'pg';
import { PostgresEventStore } from '#libs/platform/event-store/index.js';
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

afterAll(async () => {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});
