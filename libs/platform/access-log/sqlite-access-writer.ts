import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Runs in the worker: its own connection to access-log.db, one IMMEDIATE transaction per batch
 * that reads the head, links each read to the one before and inserts the entries and their
 * household index rows. The main thread sends each read as its canonical JSON (one string to
 * copy, its fields parsed back here); the link is sha256(previous + '{"read":' + text +
 * ',"seq":' + seq + '}'), which is exactly chainDigest(previous, { read, seq }) (canonical JSON
 * sorts "read" before "seq").
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { hash } = require('node:crypto');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
db.pragma('wal_autocheckpoint = 10000');
const head = db.prepare('SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1');
const insertEntry = db.prepare(
  'INSERT INTO access_log (seq, at, actor, role, method, route, purpose, households, request_id, hash) ' +
  'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
const insertLink = db.prepare('INSERT INTO access_log_households (household_id, seq) VALUES (?, ?)');
const append = db.transaction((batch) => {
  const last = head.get();
  let seq = last ? Number(last.seq) : 0;
  let previous = last ? last.hash : workerData.genesis;
  const links = [];
  for (const text of batch) {
    const r = JSON.parse(text);
    seq += 1;
    previous = hash('sha256', previous + '{"read":' + text + ',"seq":' + seq + '}', 'hex');
    insertEntry.run(seq, r.at, r.actor, r.role, r.method, r.route, r.purpose, JSON.stringify(r.households),
      r.requestId, previous);
    for (const household of r.households) insertLink.run(household, seq);
    links.push([seq, previous]);
  }
  return links;
});
parentPort.on('message', (message) => {
  if (message.stop) {
    db.close();
    parentPort.postMessage({ id: message.id, links: [] });
    return;
  }
  try {
    parentPort.postMessage({ id: message.id, links: append.immediate(message.batch) });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: String(error && error.message || error) });
  }
});
`;

type Reply = { id: number; links: [number, string][] } | { id: number; error: string };

/**
 * Writes the access log's batches from a worker thread: better-sqlite3 runs a transaction on
 * the thread that calls it, and a batch of list reads (500 reads of 50 households: 25,000 index
 * rows) held the event loop for 70 ms. Started on the first batch; one transaction at a time.
 */
export class SqliteAccessWriter {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void }>();
  private next = 0;

  constructor(
    private readonly file: string,
    private readonly genesis: string,
  ) {}

  /**
   * Numbers and links the reads, each given as the canonical JSON of its fields (at, actor, role,
   * method, route, purpose, households, requestId), after the log's head; resolves with each
   * one's [seq, hash].
   */
  async append(batch: readonly string[]): Promise<[number, string][]> {
    const reply = await this.send({ batch });
    if ('error' in reply) throw new Error(reply.error);
    return reply.links;
  }

  async close(): Promise<void> {
    if (!this.worker) return;
    await this.send({ stop: true });
    await this.worker.terminate();
    this.worker = undefined;
  }

  private send(message: { batch: readonly string[] } | { stop: true }): Promise<Reply> {
    const worker = this.started();
    const id = ++this.next;
    return new Promise<Reply>((resolve) => {
      this.pending.set(id, { resolve });
      // Kept alive while it owes an answer (a flush on shutdown), idle otherwise.
      worker.ref();
      worker.postMessage({ id, ...message });
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { file: this.file, driver, genesis: this.genesis },
    });
    worker.on('message', (reply: Reply) => {
      this.pending.get(reply.id)?.resolve(reply);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
    });
    const failed = (error: unknown) => {
      // The writes it owed fail (the access log keeps and retries them); the next batch starts a new one.
      if (this.worker === worker) this.worker = undefined;
      for (const [id, { resolve }] of this.pending)
        resolve({ id, error: `access log writer stopped: ${error instanceof Error ? error.message : String(error)}` });
      this.pending.clear();
    };
    worker.on('error', failed);
    worker.on('exit', (code) => failed(`exit ${code}`));
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
