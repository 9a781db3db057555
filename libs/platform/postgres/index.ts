export { migrate, underSchemaLock, type Migration } from './schema-migrations.js';
export { waitForPostgres, type WaitForPostgresOptions } from './wait-for-postgres.js';
