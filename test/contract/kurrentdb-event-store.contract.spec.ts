import { randomUUID } from 'node:crypto';
import { describe, it } from '@jest/globals';
import { openSqliteDatabase } from '#libs/platform/event-store/index.js';
import { KurrentDbEventStore } from '#libs/platform/event-store/kurrentdb/kurrentdb-event-store.js';
import { SqliteIdempotencyStore, recordKeysAfterAppend } from '#libs/platform/http/index.js';
import { eventStoreContract } from './event-store.contract.js';

/**
 * Runs against a real KurrentDB/EventStoreDB when KURRENTDB_CONNECTION_STRING is set (see
 * infra/compose.kurrentdb.yml). No server can run on this project's machines, so there the suite
 * is reported as skipped, with the reason in its name: never as passed.
 */
const connectionString = process.env.KURRENTDB_CONNECTION_STRING;

if (connectionString) {
  // As adapters.ts runs it: command keys are recorded beside the store, just after each append.
  eventStoreContract(
    'kurrentdb',
    async () =>
      recordKeysAfterAppend(
        KurrentDbEventStore.connect({
          connectionString,
          namespace: `t${randomUUID().slice(0, 8)}.`,
          pollIntervalMs: 100,
        }),
        new SqliteIdempotencyStore(openSqliteDatabase(':memory:')),
      ),
    { sequentialAppendMany: true },
  );
} else {
  // Skipped on purpose: there is no server to test against here (the reason is in the name).
  describe.skip('event store contract: kurrentdb (skipped: set KURRENTDB_CONNECTION_STRING to run it)', () => {
    it('runs the contract suite against a KurrentDB server', () => undefined);
  });
}
