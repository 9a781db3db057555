import { randomUUID } from 'node:crypto';
import { afterAll } from '@jest/globals';
import pg from 'pg';
import { PostgresEventStore } from '#libs/platform/event-store/index.js';
import { testDatabaseUrl } from '../support/postgres.js';
import { eventStoreContract } from './event-store.contract.js';

const schemas: string[] = [];

eventStoreContract('postgres', async () => {
  const schema = `contract_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  schemas.push(schema);
  return PostgresEventStore.open({ connectionString: testDatabaseUrl(), schema, pollIntervalMs: 50 });
});

afterAll(async () => {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});
