import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from './event-store/index.js';
import { SqliteIdempotencyStore, type IdempotencyStore } from './http/index.js';
import { openSqliteReadDatabase, type ReadDatabase } from './read-store/index.js';
import type { AppConfig } from './config/index.js';

export interface Adapters {
  eventStore: EventStore;
  idempotency: IdempotencyStore;
  readDatabase: ReadDatabase;
}

/** Picks the store adapters named by the configuration; the only place that knows them all. */
export function openAdapters(config: AppConfig): Adapters {
  const eventStore = new SqliteEventStore({
    filename: join(config.dataDir, 'events.db'),
    synchronous: config.sqliteSynchronous,
  });
  return {
    eventStore,
    idempotency: new SqliteIdempotencyStore(eventStore.db),
    readDatabase: openSqliteReadDatabase(config.dataDir),
  };
}
