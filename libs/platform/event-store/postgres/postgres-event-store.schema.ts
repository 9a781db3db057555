import type { Migration } from '#libs/platform/postgres/index.js';

/** The lock reserve_positions holds for microseconds ("JEJA"). */
const RESERVE_LOCK = 0x4a454a41;
/** Held shared by every appending transaction until it ends ("JEJB"), so readers can tell them. */
const APPENDING_LOCK = 0x4a454a42;

/**
 * The event store's tables, as versioned steps (ADR 0012). JSON (not JSONB) keeps each event's
 * text exactly as written, key order included.
 */
export const postgresEventStoreMigrations = (schema: string): Migration[] => [
  {
    version: 1,
    name: 'events, positions assigned under a store-wide append lock',
    sql: `
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
CREATE INDEX IF NOT EXISTS events_by_type ON "${schema}".events (type, position);`,
  },
  {
    version: 2,
    name: 'appends in parallel: positions from a sequence, each event with its transaction id (ADR 0012)',
    // Events written before this step get transaction id 0: older than any reader's snapshot.
    // reserve_positions holds its lock only while it takes the transaction id and the positions,
    // never until commit; see PostgresEventStore for why that pair must be taken together.
    sql: `
ALTER TABLE "${schema}".events ADD COLUMN IF NOT EXISTS tx xid8 NOT NULL DEFAULT '0';
ALTER TABLE "${schema}".events ALTER COLUMN tx DROP DEFAULT;
CREATE SEQUENCE IF NOT EXISTS "${schema}".events_position AS BIGINT;
SELECT setval('"${schema}".events_position', coalesce(max(position), 0) + 1, false) FROM "${schema}".events;
CREATE OR REPLACE FUNCTION "${schema}".reserve_positions(n INTEGER, OUT tx xid8, OUT last_position BIGINT)
LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_advisory_lock(${RESERVE_LOCK}, hashtext('${schema}'));
  BEGIN
    -- Marks this transaction as an appender until it ends, before it has an id (safe_horizon).
    PERFORM pg_advisory_xact_lock_shared(${APPENDING_LOCK}, hashtext('${schema}'));
    tx := pg_current_xact_id();
    last_position := nextval('"${schema}".events_position');
    IF n > 1 THEN
      last_position := setval('"${schema}".events_position', last_position + n - 1);
    END IF;
  EXCEPTION WHEN OTHERS THEN
    PERFORM pg_advisory_unlock(${RESERVE_LOCK}, hashtext('${schema}'));
    RAISE;
  END;
  PERFORM pg_advisory_unlock(${RESERVE_LOCK}, hashtext('${schema}'));
END $fn$;
-- The oldest transaction of the caller's snapshot that may still hide a position: an appender
-- still running, or one that has ended since the snapshot (its events are not in it; unsure: a
-- new snapshot will tell); else the snapshot's xmax. STABLE, so it sees the calling statement's
-- snapshot. Locks are read before the states: an appender ending in between is caught by the second.
CREATE OR REPLACE FUNCTION "${schema}".safe_horizon(OUT horizon xid8, OUT unsure BOOLEAN)
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  snap pg_snapshot := pg_current_snapshot();
  appenders bigint[];
  x xid8;
BEGIN
  horizon := pg_snapshot_xmax(snap);
  unsure := false;
  SELECT coalesce(array_agg(t.transactionid::text::bigint), '{}') INTO appenders
  FROM pg_locks k JOIN pg_locks t ON t.pid = k.pid AND t.locktype = 'transactionid' AND t.mode = 'ExclusiveLock'
  WHERE k.locktype = 'advisory' AND k.classid = ${APPENDING_LOCK} AND k.objsubid = 2
    AND k.objid::text::bigint = (hashtext('${schema}')::bigint & 4294967295);
  FOR x IN SELECT pg_snapshot_xip(snap) LOOP
    IF x < horizon AND (x::text::numeric % 4294967296)::bigint = ANY (appenders) THEN
      horizon := x;
      unsure := false;
    ELSIF x < horizon AND pg_xact_status(x) IS DISTINCT FROM 'in progress' THEN
      horizon := x;
      unsure := true;
    END IF;
  END LOOP;
END $fn$;`,
  },
  {
    version: 3,
    name: 'an append in one statement: append_events (ADR 0012)',
    // One round trip and no BEGIN/COMMIT: the statement is its own transaction, and PL/pgSQL keeps
    // its statements' plans per connection. It reads (the stream's revision, an earlier copy of
    // the first event) before reserve_positions, so the transaction still gets its id there. It
    // only appends: 'seen' (the first event is already in the stream: a retry) and 'conflict'
    // (the expectation fails) change nothing and leave the answer to the caller. p_expected:
    // -1 no stream, -2 any, -3 exists, else that revision. A command key already recorded raises
    // JK409 and rolls the events back with it; a race on the unique constraints raises as usual.
    sql: `
CREATE OR REPLACE FUNCTION "${schema}".append_events(
  p_stream TEXT, p_category TEXT, p_expected BIGINT, p_events JSON, p_recorded_at TIMESTAMPTZ,
  p_key_scope TEXT, p_key TEXT, p_key_fingerprint TEXT,
  OUT outcome TEXT, OUT next_revision BIGINT, OUT at_position BIGINT)
LANGUAGE plpgsql AS $fn$
DECLARE
  n INTEGER := json_array_length(p_events);
  actual BIGINT;
  r RECORD;
BEGIN
  SELECT max(e.revision) INTO actual FROM "${schema}".events e WHERE e.stream = p_stream;
  next_revision := actual;
  IF EXISTS (SELECT 1 FROM "${schema}".events e
             WHERE e.event_id = (p_events->0->>'eventId')::uuid AND e.stream = p_stream) THEN
    outcome := 'seen';
    RETURN;
  END IF;
  IF NOT (p_expected = -2 OR (p_expected = -1 AND actual IS NULL) OR (p_expected = -3 AND actual IS NOT NULL)
          OR coalesce(p_expected = actual, false)) THEN
    outcome := 'conflict';
    RETURN;
  END IF;
  SELECT * INTO r FROM "${schema}".reserve_positions(n);
  INSERT INTO "${schema}".events (position, tx, event_id, stream, category, revision, type, data, metadata, recorded_at)
  SELECT r.last_position - n + v.i, r.tx, (v.e->>'eventId')::uuid, p_stream, p_category, coalesce(actual, -1) + v.i,
         v.e->>'type', v.e->'data', v.e->'metadata', coalesce(p_recorded_at, now())
  FROM json_array_elements(p_events) WITH ORDINALITY AS v(e, i);
  outcome := 'appended';
  next_revision := coalesce(actual, -1) + n;
  at_position := r.last_position;
  IF p_key IS NOT NULL THEN
    INSERT INTO "${schema}".command_keys (scope, key, fingerprint, stream, revision, position, recorded_at)
    VALUES (p_key_scope, p_key, p_key_fingerprint, p_stream, next_revision, at_position, now()) ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'command key % is already recorded', p_key USING ERRCODE = 'JK409';
    END IF;
  END IF;
END $fn$;`,
  },
  {
    version: 4,
    name: 'several streams in one statement: append_events_many (ADR 0016)',
    // append_events for several streams at once, all or nothing: every stream is read and checked
    // first, so a refusal writes nothing; then one reserve_positions for all the events (the
    // transaction takes its id there, as in append_events) and the events in the order of the
    // streams. A row per stream: 'appended' with its revision and last position (NULL: it had no
    // events). A refusal answers one row naming the stream by its index (at_position, from 0):
    // 'seen' (its first event is already there, a retry: the caller looks) or 'conflict' (its
    // expectation fails; next_revision is its actual revision). The command key goes with the
    // last stream.
    sql: `
CREATE OR REPLACE FUNCTION "${schema}".append_events_many(
  p_streams TEXT[], p_categories TEXT[], p_expected BIGINT[], p_events JSON, p_recorded_at TIMESTAMPTZ,
  p_key_scope TEXT, p_key TEXT, p_key_fingerprint TEXT)
RETURNS TABLE (outcome TEXT, next_revision BIGINT, at_position BIGINT)
LANGUAGE plpgsql AS $fn$
DECLARE
  k INTEGER := coalesce(array_length(p_streams, 1), 0);
  actuals BIGINT[] := '{}';
  counts INTEGER[] := '{}';
  total INTEGER := 0;
  done INTEGER := 0;
  actual BIGINT;
  evs JSON;
  n INTEGER;
  r RECORD;
BEGIN
  FOR i IN 1..k LOOP
    evs := p_events->(i - 1);
    n := json_array_length(evs);
    SELECT max(e.revision) INTO actual FROM "${schema}".events e WHERE e.stream = p_streams[i];
    IF n > 0 AND EXISTS (SELECT 1 FROM "${schema}".events e
                         WHERE e.event_id = (evs->0->>'eventId')::uuid AND e.stream = p_streams[i]) THEN
      RETURN QUERY SELECT 'seen'::text, actual, (i - 1)::bigint;
      RETURN;
    END IF;
    IF NOT (p_expected[i] = -2 OR (p_expected[i] = -1 AND actual IS NULL) OR (p_expected[i] = -3 AND actual IS NOT NULL)
            OR coalesce(p_expected[i] = actual, false)) THEN
      RETURN QUERY SELECT 'conflict'::text, actual, (i - 1)::bigint;
      RETURN;
    END IF;
    actuals := array_append(actuals, actual);
    counts := array_append(counts, n);
    total := total + n;
  END LOOP;
  IF total > 0 THEN
    SELECT * INTO r FROM "${schema}".reserve_positions(total);
  END IF;
  FOR i IN 1..k LOOP
    n := counts[i];
    outcome := 'appended';
    next_revision := coalesce(actuals[i], -1) + n;
    at_position := NULL;
    IF n > 0 THEN
      INSERT INTO "${schema}".events (position, tx, event_id, stream, category, revision, type, data, metadata, recorded_at)
      SELECT r.last_position - total + done + v.j, r.tx, (v.e->>'eventId')::uuid, p_streams[i], p_categories[i],
             coalesce(actuals[i], -1) + v.j, v.e->>'type', v.e->'data', v.e->'metadata', coalesce(p_recorded_at, now())
      FROM json_array_elements(p_events->(i - 1)) WITH ORDINALITY AS v(e, j);
      done := done + n;
      at_position := r.last_position - total + done;
    END IF;
    IF i = k AND p_key IS NOT NULL AND n > 0 THEN
      INSERT INTO "${schema}".command_keys (scope, key, fingerprint, stream, revision, position, recorded_at)
      VALUES (p_key_scope, p_key, p_key_fingerprint, p_streams[i], next_revision, at_position, now()) ON CONFLICT DO NOTHING;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'command key % is already recorded', p_key USING ERRCODE = 'JK409';
      END IF;
    END IF;
    RETURN NEXT;
  END LOOP;
END $fn$;`,
  },
];

/** Idempotency-Keys recorded with the events they caused (see CommandKey), in the same schema. */
export const postgresCommandKeysMigrations = (schema: string): Migration[] => [
  {
    version: 1,
    name: 'command keys',
    sql: `
CREATE TABLE IF NOT EXISTS "${schema}".command_keys (
  scope       TEXT        NOT NULL,
  key         TEXT        NOT NULL,
  fingerprint TEXT        NOT NULL,
  stream      TEXT        NOT NULL,
  revision    BIGINT      NOT NULL,
  position    BIGINT      NOT NULL,
  recorded_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (scope, key)
);`,
  },
];
