import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#libs/platform/event-store/index.js';
import { eventStoreContract } from './event-store.contract.js';

eventStoreContract('sqlite (file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jejak-store-'));
  return new SqliteEventStore({ filename: join(dir, 'events.db'), pollIntervalMs: 20 });
});

eventStoreContract('sqlite (:memory:)', async () => new SqliteEventStore({ filename: ':memory:', pollIntervalMs: 20 }));
