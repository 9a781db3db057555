export * from './event-store.port.js';
export * from './errors.js';
export * from './stream-name.js';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store.js';
