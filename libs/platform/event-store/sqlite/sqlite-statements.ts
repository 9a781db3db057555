import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../event-store.port.js';

/** The SQL of the SQLite event store: prepared once per connection, rows read raw. */

export const COLUMNS = 'position, event_id, stream, revision, type, data, metadata, recorded_at';

/**
 * A row as an array in COLUMNS order: better-sqlite3's raw mode skips building an object per row,
 * which made reads a third faster (reading is most of a catch-up or a rebuild).
 */
export type EventRow = [
  position: number,
  eventId: string,
  stream: string,
  revision: number,
  type: string,
  data: string,
  metadata: string,
  recordedAt: string,
];

/**
 * The global feed after a position, up to the head, filtered by category and type (parameters:
 * after, head, the categories, the types, limit). An index on (type, position) or (category,
 * position) gives one value's events in order: one type (the narrowest) or else one category
 * walks its index. For several values SQLite would gather every match up to the head and sort
 * them for each page (a catch-up grew with the square of the store), so those are checked while
 * walking positions instead ('+' keeps a column from choosing its index).
 */
export function feedQuery(categoryCount: number, typeCount: number): string {
  const where = ['position > ?', 'position <= ?'];
  const byType = typeCount === 1;
  const byCategory = !byType && categoryCount === 1;
  const list = (count: number) => Array.from({ length: count }, () => '?').join(',');
  if (categoryCount) where.push(byCategory ? 'category = ?' : `+category IN (${list(categoryCount)})`);
  if (typeCount) where.push(byType ? 'type = ?' : `+type IN (${list(typeCount)})`);
  return `SELECT ${COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`;
}

export type Statements = ReturnType<typeof prepareStatements>;

export function prepareStatements(db: Database.Database) {
  return {
    revision: db.prepare<[string], { revision: number | null }>(
      'SELECT max(revision) AS revision FROM events WHERE stream = ?',
    ),
    byEventId: db.prepare<[string], { stream: string; revision: number; position: number }>(
      'SELECT stream, revision, position FROM events WHERE event_id = ?',
    ),
    insert: db.prepare(
      `INSERT INTO events (event_id, stream, category, revision, type, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    forwards: db
      .prepare<[string, number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`,
      )
      .raw(true),
    backwards: db
      .prepare<[string, number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      )
      .raw(true),
    head: db.prepare<[], { head: number | null }>('SELECT max(position) AS head FROM events'),
    recordKey: db.prepare(
      `INSERT INTO command_keys (scope, key, fingerprint, stream, revision, position, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
}

export function toRecorded([
  position,
  eventId,
  stream,
  revision,
  type,
  data,
  metadata,
  recordedAt,
]: EventRow): RecordedEvent {
  return {
    eventId,
    type,
    data: JSON.parse(data),
    metadata: JSON.parse(metadata),
    stream,
    revision,
    position,
    recordedAt,
  };
}
