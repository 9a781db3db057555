import type { Migration } from '#libs/platform/postgres/index.js';
import { ACCESS_LOG_HOUSEHOLDS_TABLE, ACCESS_LOG_TABLE } from './access-log.records.js';

/**
 * The access log's tables on PostgreSQL, as versioned steps run under the schema lock (ADR 0012;
 * unqualified names land in the schema). Triggers refuse UPDATE, DELETE and TRUNCATE.
 */
export const postgresAccessLogMigrations = (appendOnly: string): Migration[] => [
  {
    version: 1,
    name: 'access log and its households, append-only',
    sql: `
CREATE TABLE IF NOT EXISTS ${ACCESS_LOG_TABLE} (
  seq        BIGINT PRIMARY KEY,
  at         TEXT   NOT NULL,
  actor      TEXT   NOT NULL,
  role       TEXT   NOT NULL,
  method     TEXT   NOT NULL,
  route      TEXT   NOT NULL,
  purpose    TEXT,
  households TEXT   NOT NULL,
  request_id TEXT,
  hash       TEXT   NOT NULL
);
CREATE INDEX IF NOT EXISTS access_log_by_actor ON ${ACCESS_LOG_TABLE} (actor, seq);
CREATE TABLE IF NOT EXISTS ${ACCESS_LOG_HOUSEHOLDS_TABLE} (
  household_id TEXT   NOT NULL,
  seq          BIGINT NOT NULL,
  CONSTRAINT access_log_households_pk PRIMARY KEY (household_id, seq)
);
CREATE OR REPLACE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION '${appendOnly}'; END $$;
${[ACCESS_LOG_TABLE, ACCESS_LOG_HOUSEHOLDS_TABLE]
  .map(
    (table) => `
DROP TRIGGER IF EXISTS ${table}_append_only ON ${table};
CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${table}
  FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only();`,
  )
  .join('')}`,
  },
];
