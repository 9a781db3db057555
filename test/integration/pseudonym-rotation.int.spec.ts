import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { feedRelay, type EventPublisher, type FeedMessage } from '#libs/platform/event-feed/index.js';
import { SqliteEventStore, type NewEvent } from '#libs/platform/event-store/index.js';
import { ProjectionRunner, openSqliteReadDatabase, type ReadDatabase } from '#libs/platform/read-store/index.js';
import { testMetadata } from '../support/events.js';
import { testPiiFree } from '../support/pii-free.js';

class RecordingPublisher implements EventPublisher {
  readonly messages: FeedMessage[] = [];
  async publish(messages: readonly FeedMessage[]): Promise<void> {
    this.messages.push(...messages);
  }
  async close(): Promise<void> {}
}

const ev = (type: string, data: object): NewEvent => ({ eventId: randomUUID(), type, data, metadata: testMetadata });

/**
 * A new pseudonym key restarts the relay from position 0 (its version follows the key), so the
 * whole feed goes out again under the new key; the same key resumes from the checkpoint.
 */
describe('the Kafka relay across a pseudonym key rotation (real SQLite stores)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let readDb: ReadDatabase;
  const OLD = 'the-old-pseudonym-key-0123456789abcdef';
  const NEW = 'the-new-pseudonym-key-0123456789abcdef';

  /** Runs the relay under a key until it reached the head; returns what it published. */
  const relayUnder = async (key: string): Promise<FeedMessage[]> => {
    const publisher = new RecordingPublisher();
    const runner = new ProjectionRunner(store, readDb, [
      feedRelay(publisher, { topicPrefix: 'jejak', piiFree: testPiiFree(key) }),
    ]);
    await runner.start();
    expect(await runner.waitFor(await store.headPosition(), 20_000)).toBe(true);
    await runner.stop();
    return publisher.messages;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jejak-rotation-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.db'), pollIntervalMs: 20 });
    readDb = openSqliteReadDatabase(dir);
    for (let i = 0; i < 3; i++) {
      const id = randomUUID();
      await store.append(
        `household-${id}`,
        [ev('HouseholdRegistered', { householdId: id, address: { kecamatan: 'Jatiasih', kelurahan: 'Jatirasa' } })],
        'no_stream',
      );
      await store.append(`pkh-${id}`, [ev('EnrolledInPkh', { householdId: id })], 'no_stream');
    }
  });
  afterAll(async () => {
    await readDb.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the whole feed again under a new key, and resumes under the same one', async () => {
    const before = await relayUnder(OLD);
    expect(before).toHaveLength(6);
    const id = randomUUID();
    await store.append(`pkh-${id}`, [ev('EnrolledInPkh', { householdId: id })], 'no_stream');

    const after = await relayUnder(NEW);
    expect(after).toHaveLength(7);
    expect(new Set(after.map((m) => m.headers['pseudonym-key']))).toEqual(new Set([testPiiFree(NEW).keyId]));
    const keys = new Set(before.map((m) => m.key));
    expect(after.filter((m) => keys.has(m.key))).toEqual([]);

    expect(await relayUnder(NEW)).toEqual([]);
  });
});
