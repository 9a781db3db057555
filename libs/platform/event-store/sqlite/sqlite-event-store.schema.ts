/** Idempotency-Keys recorded with the events they caused (see CommandKey), in the same file. */
export const SQLITE_COMMAND_KEYS_SCHEMA = `
CREATE TABLE IF NOT EXISTS command_keys (
  scope       TEXT    NOT NULL,
  key         TEXT    NOT NULL,
  fingerprint TEXT    NOT NULL,
  stream      TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  position    INTEGER NOT NULL,
  recorded_at TEXT    NOT NULL,
  PRIMARY KEY (scope, key)
) WITHOUT ROWID;
`;

/** Positions come from the rowid: SQLite's single writer hands them out in commit order. */
export const SQLITE_EVENT_STORE_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id    TEXT    NOT NULL UNIQUE,
  stream      TEXT    NOT NULL,
  category    TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  UNIQUE (stream, revision)
);
CREATE INDEX IF NOT EXISTS events_by_category ON events (category, position);
CREATE INDEX IF NOT EXISTS events_by_type ON events (type, position);
${SQLITE_COMMAND_KEYS_SCHEMA}`;
