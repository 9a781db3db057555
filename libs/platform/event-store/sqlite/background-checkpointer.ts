import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Runs in the worker: its own connection per file, a PASSIVE checkpoint of each on every tick. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const dbs = workerData.files.map((file) => {
  const db = new Database(file, { fileMustExist: true });
  db.pragma('busy_timeout = 0');
  db.pragma('synchronous = FULL');
  return db;
});
const tick = () => {
  for (const db of dbs) {
    try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next tick tries again */ }
  }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  tick();
  for (const db of dbs) db.close();
  parentPort.postMessage('stopped');
});
`;

/**
 * Copies the WAL back into the database files from a worker thread. better-sqlite3 runs on the
 * event loop: a checkpoint started by a commit (every 1,000 pages by default) wrote and synced
 * the database file while every request waited, 12 to 18 ms at a time in the http benchmark.
 * The worker's own connections checkpoint without blocking writers (PASSIVE) every `intervalMs`;
 * the writers' automatic checkpoint stays as a safety net at 10,000 pages (openSqliteDatabase).
 */
export class BackgroundCheckpointer {
  private constructor(private readonly worker: Worker) {}

  static start(files: readonly string[], { intervalMs = 200 } = {}): BackgroundCheckpointer {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(WORKER, { eval: true, workerData: { files, intervalMs, driver } });
    // A failed worker leaves the writers' own automatic checkpoints: slower, never wrong.
    worker.on('error', () => undefined);
    worker.unref();
    return new BackgroundCheckpointer(worker);
  }

  async close(): Promise<void> {
    const stopped = new Promise<void>((resolve) => {
      this.worker.once('message', () => resolve());
      this.worker.once('exit', () => resolve());
    });
    this.worker.postMessage('stop');
    await stopped;
    await this.worker.terminate();
  }
}
