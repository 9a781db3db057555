import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { SqliteEventStore, openSqliteDatabase } from '#libs/platform/event-store/index.js';
import { SqliteIdempotencyStore, recordKeysAfterAppend } from '#libs/platform/http/index.js';
import { eventStoreContract } from './event-store.contract.js';

eventStoreContract('sqlite (file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jejak-store-'));
  return new SqliteEventStore({ filename: join(dir, 'events.db'), pollIntervalMs: 20 });
});

eventStoreContract('sqlite (:memory:)', async () => new SqliteEventStore({ filename: ':memory:', pollIntervalMs: 20 }));

// The wrapper that KurrentDB runs behind (adapters.ts), checked here on a store that has no
// transaction in common with its key store.
eventStoreContract('sqlite, command keys recorded after the append (as for KurrentDB)', async () =>
  recordKeysAfterAppend(
    new SqliteEventStore({ filename: ':memory:', pollIntervalMs: 20 }),
    new SqliteIdempotencyStore(openSqliteDatabase(':memory:')),
  ),
);

describe('SQLite group commit', () => {
  const event = () => ({
    eventId: randomUUID(),
    type: 'Something',
    data: {},
    metadata: {
      actor: 'a',
      role: 'caseworker',
      correlationId: 'c',
      causationId: 'k',
      occurredAt: '2026-01-01T00:00:00.000Z',
      schemaVersion: 1,
    },
  });

  it('writes concurrent appends in one transaction, each caller with its own result or error', async () => {
    const store = new SqliteEventStore({ filename: join(mkdtempSync(join(tmpdir(), 'jejak-group-')), 'events.db') });
    await store.append('test-contested', [event()], 'no_stream');
    const before = store.commits;
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 30 }, (_, i) => store.append(`test-${i}`, [event(), event()], 'no_stream')),
      store.append('test-contested', [event()], 0),
      store.append('test-contested', [event()], 0),
    ]);
    expect(store.commits - before).toBe(1);
    const ok = outcomes.filter(
      (o): o is PromiseFulfilledResult<{ nextRevision: number; position: number }> => o.status === 'fulfilled',
    );
    expect(ok).toHaveLength(31);
    expect(new Set(ok.map((o) => o.value.position)).size).toBe(31);
    const refused = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
    expect(refused.map((r) => (r.reason as Error).name)).toEqual(['ConcurrencyError']);
    expect((await store.readStream('test-contested')).map((e) => e.revision)).toEqual([0, 1]);
    expect(await store.headPosition()).toBe(1 + 30 * 2 + 1);
    await store.close();
  });

  it('writes a multi-stream append, and single appends beside it, in one commit', async () => {
    const store = new SqliteEventStore({ filename: join(mkdtempSync(join(tmpdir(), 'jejak-many-')), 'events.db') });
    const before = store.commits;
    const [many, single] = await Promise.all([
      store.appendMany([
        { stream: 'test-a', events: [event()], expectedRevision: 'no_stream' },
        { stream: 'test-b', events: [event(), event()], expectedRevision: 'no_stream' },
      ]),
      store.append('test-c', [event()], 'no_stream'),
    ]);
    expect(store.commits - before).toBe(1);
    expect(many.map((r) => [r.nextRevision, r.position])).toEqual([
      [0, 1],
      [1, 3],
    ]);
    expect(single.position).toBe(4);
    await store.close();
  });

  it('records a command key in the same commit as its events', async () => {
    const store = new SqliteEventStore({ filename: join(mkdtempSync(join(tmpdir(), 'jejak-keys-')), 'events.db') });
    const keys = new SqliteIdempotencyStore(store.db);
    const commandKey = { scope: 'cw-01 POST /api/v1/households/h/notes', key: 'k-1', fingerprint: 'f' };
    const before = store.commits;
    const result = await store.append('test-keyed', [event()], 'no_stream', { commandKey });
    expect(store.commits - before).toBe(1);
    expect(await keys.find(commandKey.scope, commandKey.key)).toEqual({
      ...commandKey,
      stream: 'test-keyed',
      revision: result.nextRevision,
      position: result.position,
    });
    await store.close();
  });
});
