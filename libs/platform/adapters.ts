import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { AccessLog, AccessLogStore } from './access-log/index.js';
import {
  BackgroundCheckpointer,
  KurrentDbEventStore,
  PostgresEventStore,
  SqliteEventStore,
  openSqliteDatabase,
  type EventStore,
} from './event-store/index.js';
import {
  PostgresIdempotencyStore,
  SqliteIdempotencyStore,
  recordKeysAfterAppend,
  type IdempotencyStore,
} from './http/index.js';
import { openPostgresReadDatabase, openSqliteReadDatabase, type ReadDatabase } from './read-store/index.js';
import { waitForPostgres } from './postgres/index.js';
import { systemClock, type Clock } from './clock.js';
import {
  Keyring,
  PostgresKeyStore,
  SqliteKeyStore,
  encryptPersonalData,
  type PersonalDataDeclarations,
} from './crypto-shredding/index.js';
import type { AppConfig } from './config/index.js';

export interface Adapters {
  eventStore: EventStore;
  idempotency: IdempotencyStore;
  readDatabase: ReadDatabase;
  /** The time commands are received and events recorded. */
  clock: Clock;
  /** Who read whose personal data: its own SQLite file, or its own tables in the PostgreSQL schema. */
  accessLog: AccessLog;
  /** The keys of personal data (crypto-shredding, ADR 0010): erasing one erases a household's personal data. */
  keyring: Keyring;
  close(): Promise<void>;
}

export interface AdapterOptions {
  /** Tests only: a clock of their own instead of the system clock (the stores record its time). */
  clock?: Clock;
}

/**
 * Opens the store adapters named by the configuration; the only place that knows them all.
 * Idempotency keys live beside the events where the event store is SQL (recorded in the append's
 * transaction), else in the read store's database (in a table no projection owns, so rebuilds
 * leave it alone), recorded just after the append.
 */
export async function openAdapters(
  config: AppConfig,
  personalData: PersonalDataDeclarations,
  options: AdapterOptions = {},
): Promise<Adapters> {
  const clock = options.clock ?? systemClock;
  // Without a clock of its own, PostgreSQL keeps stamping events with the server's now().
  const storeClock = options.clock ? () => clock.now() : undefined;
  const url = config.databaseUrl!;
  const schema = config.databaseSchema;
  const pools = config.pgPools;
  if (config.eventStore === 'postgres' || config.readStore === 'postgres') {
    const logger = new Logger('PostgreSQL');
    await waitForPostgres(url, { limitMs: config.databaseWaitSeconds * 1000, log: (m) => logger.warn(m) });
  }
  let eventStore: EventStore;
  let idempotency: IdempotencyStore | undefined;
  const sqliteFiles: string[] = [];
  switch (config.eventStore) {
    case 'sqlite': {
      const sqlite = new SqliteEventStore({
        filename: join(config.dataDir, 'events.db'),
        synchronous: config.sqliteSynchronous,
        clock: storeClock,
      });
      eventStore = sqlite;
      idempotency = new SqliteIdempotencyStore(sqlite.db);
      sqliteFiles.push(join(config.dataDir, 'events.db'));
      break;
    }
    case 'postgres':
      eventStore = await PostgresEventStore.open({
        connectionString: url,
        schema,
        clock: storeClock,
        poolSize: pools.events,
      });
      idempotency = await PostgresIdempotencyStore.open(url, schema, pools.idempotency);
      break;
    case 'kurrentdb':
      eventStore = KurrentDbEventStore.connect({ connectionString: config.kurrentdbConnectionString! });
      break;
  }
  const readDatabase =
    config.readStore === 'postgres'
      ? await openPostgresReadDatabase(url, schema, pools.readModels)
      : openSqliteReadDatabase(config.dataDir);
  if (config.readStore === 'sqlite') sqliteFiles.push(join(config.dataDir, 'read.db'));
  if (!idempotency) {
    if (config.readStore === 'postgres')
      idempotency = await PostgresIdempotencyStore.open(url, schema, pools.idempotency);
    else {
      const file = join(config.dataDir, 'idempotency.db');
      idempotency = new SqliteIdempotencyStore(openSqliteDatabase(file, config.sqliteSynchronous));
      sqliteFiles.push(file);
    }
    // The key cannot share the append's transaction here: it is recorded just after it.
    eventStore = recordKeysAfterAppend(eventStore, idempotency);
  }
  const keys = idempotency;
  // Keys of personal data: in PostgreSQL wherever the instances share it, else a file of their
  // own, never the events' file (a copy of the events must not carry the keys that open them).
  const sharedKeys = config.eventStore === 'postgres' || config.readStore === 'postgres';
  const keyFile = join(config.dataDir, 'keys.db');
  const keyring = new Keyring(sharedKeys ? await PostgresKeyStore.open(url, schema) : new SqliteKeyStore(keyFile), () =>
    clock.now().toISOString(),
  );
  if (!sharedKeys) sqliteFiles.push(keyFile);
  // Above the store and the command keys, so that every adapter stores sealed personal fields.
  eventStore = encryptPersonalData(eventStore, keyring, personalData);
  // Beside the events wherever several API instances share them; else a file of its own, so
  // that reads never grow the event store.
  const accessLogFile = join(config.dataDir, 'access-log.db');
  const sharedAccessLog = config.eventStore === 'postgres' || config.readStore === 'postgres';
  const accessLog = new AccessLog(
    sharedAccessLog
      ? await AccessLogStore.openPostgres(url, schema, pools.accessLog)
      : await AccessLogStore.openSqlite(accessLogFile),
    config.accessLog,
  );
  if (!sharedAccessLog) sqliteFiles.push(accessLogFile);
  const checkpointer = sqliteFiles.length ? BackgroundCheckpointer.start(sqliteFiles) : undefined;
  return {
    eventStore,
    idempotency: keys,
    readDatabase,
    clock,
    accessLog,
    keyring,
    async close() {
      // First: what it still buffers is written before anything closes.
      await accessLog.close();
      await checkpointer?.close();
      await readDatabase.close();
      await keys.close?.();
      await eventStore.close();
      await keyring.close();
    },
  };
}
