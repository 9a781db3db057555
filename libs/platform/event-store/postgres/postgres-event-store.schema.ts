/**
 * Positions are assigned under the append lock (ADR 0005), so the primary key is the global
 * order. JSON (not JSONB) keeps each event's text exactly as written, key order included.
 */
export const postgresEventStoreSchema = (schema: string): string => `
CREATE SCHEMA IF NOT EXISTS "${schema}";
CREATE TABLE IF NOT EXISTS "${schema}".events (
  position    BIGINT      PRIMARY KEY,
  event_id    UUID        NOT NULL,
  stream      TEXT        NOT NULL,
  category    TEXT        NOT NULL,
  revision    BIGINT      NOT NULL,
  type        TEXT        NOT NULL,
  data        JSON        NOT NULL,
  metadata    JSON        NOT NULL,
  recorded_at TIMESTAMPTZ NOT NULL,
  CONSTRAINT events_event_id_unique UNIQUE (event_id),
  CONSTRAINT events_stream_revision_unique UNIQUE (stream, revision)
);
CREATE INDEX IF NOT EXISTS events_by_category ON "${schema}".events (category, position);
CREATE INDEX IF NOT EXISTS events_by_type ON "${schema}".events (type, position);
${postgresCommandKeysSchema(schema)}`;

/** Idempotency-Keys recorded with the events they caused (see CommandKey), in the same schema. */
export const postgresCommandKeysSchema = (schema: string): string => `
CREATE TABLE IF NOT EXISTS "${schema}".command_keys (
  scope       TEXT        NOT NULL,
  key         TEXT        NOT NULL,
  fingerprint TEXT        NOT NULL,
  stream      TEXT        NOT NULL,
  revision    BIGINT      NOT NULL,
  position    BIGINT      NOT NULL,
  recorded_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (scope, key)
);
`;
