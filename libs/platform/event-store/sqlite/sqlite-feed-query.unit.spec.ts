import { describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { SQLITE_EVENT_STORE_SCHEMA } from './sqlite-event-store.schema.js';
import { feedQuery } from './sqlite-statements.js';

/**
 * Reading the feed with a filter must walk events in position order and stop at the page's
 * limit. A plan that sorts ("TEMP B-TREE") gathers every match up to the head for each page, so
 * a catch-up over a large store would grow with its square.
 */
describe('SQLite feed query plans', () => {
  const db = new Database(':memory:');
  db.exec(SQLITE_EVENT_STORE_SCHEMA);
  const plan = (categories: number, types: number): string =>
    db
      .prepare(`EXPLAIN QUERY PLAN ${feedQuery(categories, types)}`)
      .all(0, 1_000, ...Array.from({ length: categories + types }, (_, i) => `v${i}`), 1_000)
      .map((row) => (row as { detail: string }).detail)
      .join(' | ');

  it.each([
    [0, 0, 'INTEGER PRIMARY KEY'],
    [1, 0, 'events_by_category'],
    [4, 0, 'INTEGER PRIMARY KEY'],
    [0, 1, 'events_by_type'],
    [0, 3, 'INTEGER PRIMARY KEY'],
    [1, 1, 'events_by_type'],
    [1, 12, 'events_by_category'],
    [4, 12, 'INTEGER PRIMARY KEY'],
  ])('%i categories and %i types: walks %s in order, never sorts', (categories, types, access) => {
    const detail = plan(categories, types);
    expect(detail).toContain(access);
    expect(detail).not.toContain('TEMP B-TREE');
  });
});
