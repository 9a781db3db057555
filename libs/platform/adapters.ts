import { join } from 'node:path';
import {
  KurrentDbEventStore,
  PostgresEventStore,
  SqliteEventStore,
  openSqliteDatabase,
  type EventStore,
} from './event-store/index.js';
import { PostgresIdempotencyStore, SqliteIdempotencyStore, type IdempotencyStore } from './http/index.js';
import { openPostgresReadDatabase, openSqliteReadDatabase, type ReadDatabase } from './read-store/index.js';
import type { AppConfig } from './config/index.js';

export interface Adapters {
  eventStore: EventStore;
  idempotency: IdempotencyStore;
  readDatabase: ReadDatabase;
  close(): Promise<void>;
}

/**
 * Opens the store adapters named by the configuration; the only place that knows them all.
 * Idempotency keys live beside the events where the event store is SQL, else in the read store's
 * database (in a table no projection owns, so rebuilds leave it alone).
 */
export async function openAdapters(config: AppConfig): Promise<Adapters> {
  const url = config.databaseUrl!;
  const schema = config.databaseSchema;
  let eventStore: EventStore;
  let idempotency: IdempotencyStore | undefined;
  switch (config.eventStore) {
    case 'sqlite': {
      const sqlite = new SqliteEventStore({
        filename: join(config.dataDir, 'events.db'),
        synchronous: config.sqliteSynchronous,
      });
      eventStore = sqlite;
      idempotency = new SqliteIdempotencyStore(sqlite.db);
      break;
    }
    case 'postgres':
      eventStore = await PostgresEventStore.open({ connectionString: url, schema });
      idempotency = await PostgresIdempotencyStore.open(url, schema);
      break;
    case 'kurrentdb':
      eventStore = KurrentDbEventStore.connect({ connectionString: config.kurrentdbConnectionString! });
      break;
  }
  const readDatabase =
    config.readStore === 'postgres'
      ? await openPostgresReadDatabase(url, schema)
      : openSqliteReadDatabase(config.dataDir);
  if (!idempotency) {
    idempotency =
      config.readStore === 'postgres'
        ? await PostgresIdempotencyStore.open(url, schema)
        : new SqliteIdempotencyStore(
            openSqliteDatabase(join(config.dataDir, 'idempotency.db'), config.sqliteSynchronous),
          );
  }
  const keys = idempotency;
  return {
    eventStore,
    idempotency: keys,
    readDatabase,
    async close() {
      await readDatabase.close();
      await keys.close?.();
      await eventStore.close();
    },
  };
}
