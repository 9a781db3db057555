export * from './event-store.port.js';
export * from './errors.js';
export * from './stream-name.js';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store.js';
export { SQLITE_COMMAND_KEYS_SCHEMA, SQLITE_EVENT_STORE_SCHEMA } from './sqlite/sqlite-event-store.schema.js';
export {
  PostgresEventStore,
  migratePostgresCommandKeys,
  type PostgresEventStoreOptions,
} from './postgres/postgres-event-store.js';
export { openSqliteConnections, openSqliteDatabase } from './sqlite/open-sqlite.js';
export { BackgroundCheckpointer } from './sqlite/background-checkpointer.js';
export { KurrentDbEventStore, type KurrentDbEventStoreOptions } from './kurrentdb/kurrentdb-event-store.js';
