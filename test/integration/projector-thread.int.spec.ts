import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '#libs/platform/event-store/index.js';
import {
  ProjectionRunner,
  ProjectorThread,
  openSqliteReadDatabase,
  type Projection,
  type ReadDatabase,
} from '#libs/platform/read-store/index.js';
import { testMetadata } from '../support/events.js';

/** A read model that owns a table and folds nothing: what the observing runner follows. */
const followed: Projection = {
  name: 'followed',
  version: 1,
  filter: {},
  tables: ['followed_rows'],
  async setup(db) {
    await db.schema.createTable('followed_rows').ifNotExists().addColumn('id', 'text').execute();
  },
  async apply() {},
};

/** A worker script as a data: URL (a worker loads JavaScript; the suite runs TypeScript). */
const script = (body: string): URL =>
  new URL(`data:text/javascript,${encodeURIComponent(`import { parentPort } from 'node:worker_threads';\n${body}`)}`);

/**
 * The request thread's side of PROJECTOR_THREAD (the whole thread runs in the built service's
 * e2e suite): a worker that cannot start fails the start with its own error, and one that ends
 * without being asked marks every read model failing, so readiness answers 503.
 */
describe('projector thread, as the thread that serves requests sees it', () => {
  let dir: string;
  let store: SqliteEventStore;
  let readDb: ReadDatabase;
  let runner: ProjectionRunner;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jejak-projector-thread-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    readDb = openSqliteReadDatabase(dir);
    runner = new ProjectionRunner(store, readDb, [followed], { mode: 'observe', observeIntervalMs: 60_000 });
    await runner.start();
  });
  afterEach(async () => {
    await runner.stop();
    await readDb.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("fails the start with the worker's own error", async () => {
    await expect(
      ProjectorThread.start(
        script(`parentPort.postMessage({ type: 'failed', error: 'no read store here' });`),
        {},
        runner,
        store,
      ),
    ).rejects.toThrow('no read store here');
  });

  it('takes the statuses the worker reports, and marks every read model failing when it ends unasked', async () => {
    const thread = await ProjectorThread.start(
      script(`
        const status = { name: 'followed', version: 1, checkpoint: 7, state: 'live', lastError: null, feed: 'shared', readModel: true };
        parentPort.postMessage({ type: 'ready', statuses: [status] });
        parentPort.on('message', (m) => { if (m.type === 'appended') process.exit(3); });
      `),
      {},
      runner,
      store,
    );
    expect(runner.status()).toEqual([expect.objectContaining({ name: 'followed', checkpoint: 7, state: 'live' })]);
    // An append here is passed to the worker, which this one answers by ending.
    await store.append(
      'household-1',
      [{ eventId: randomUUID(), type: 'Happened', data: {}, metadata: testMetadata }],
      'no_stream',
    );
    const deadline = Date.now() + 10_000;
    while (runner.status()[0]!.state !== 'failing' && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(runner.status()).toEqual([
      expect.objectContaining({ state: 'failing', lastError: 'The projector thread exited (code 3)' }),
    ]);
    await thread.stop();
  });
});
