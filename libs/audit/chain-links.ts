import { Logger } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import type { RecordedEvent } from '#libs/platform/event-store/index.js';
import { storedFormOf } from '#libs/platform/crypto-shredding/index.js';
import { canonicalJson, CANONICAL_JSON_SCRIPT, chainDigestOfText } from '#libs/platform/hash-chain/index.js';

/**
 * The hash of an event as stored (personal fields sealed, ADR 0010), chained to the hash of the
 * event before it in the global feed: erasing a key changes no stored byte, so the chain holds.
 */
export function chainHash(previous: string, event: RecordedEvent): string {
  return chainDigestOfText(previous, linkedJson(storedFormOf(event)));
}

/**
 * The canonical JSON of the eight members of an event a link covers, written in their sorted
 * order: the same text as canonicalJson of an object holding them (the unit test holds it to
 * that), without making the object and sorting its keys for every event of a rebuild.
 */
export function linkedJson(event: RecordedEvent): string {
  const { eventId, stream, revision, position, type, data, metadata, recordedAt } = event;
  // canonicalJson leaves out an undefined member: such an event takes the general way.
  if (
    eventId === undefined ||
    stream === undefined ||
    revision === undefined ||
    position === undefined ||
    type === undefined ||
    data === undefined ||
    metadata === undefined ||
    recordedAt === undefined
  )
    return canonicalJson({ eventId, stream, revision, position, type, data, metadata, recordedAt });
  return (
    `{"data":${canonicalJson(data)},"eventId":${canonicalJson(eventId)},"metadata":${canonicalJson(metadata)},` +
    `"position":${canonicalJson(position)},"recordedAt":${canonicalJson(recordedAt)},` +
    `"revision":${canonicalJson(revision)},"stream":${canonicalJson(stream)},"type":${canonicalJson(type)}}`
  );
}

/** Batches at least this long are linked in the worker; a live batch of an event or two here. */
export const WORKER_FROM = 256;
/** An idle worker stops after this long; the next large batch starts another (tens of ms). */
const IDLE_MS = 10_000;

/**
 * The worker links a batch with the very functions this thread links with (their text, see
 * CANONICAL_JSON_SCRIPT), each event's stored form in turn, as chainHash does.
 */
const WORKER = `
const { parentPort } = require('node:worker_threads');
const { hash } = require('node:crypto');
${CANONICAL_JSON_SCRIPT}
${String(linkedJson)}
${String(chainDigestOfText)}
parentPort.on('message', ({ id, previous, events }) => {
  try {
    const hashes = new Array(events.length);
    for (let i = 0; i < events.length; i++) hashes[i] = previous = chainDigestOfText(previous, linkedJson(events[i]));
    parentPort.postMessage({ id, hashes });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
`;

/** What the worker answers, or why a batch was not linked there. */
type Reply =
  | { id: number; hashes: string[] }
  | {
      id: number;
      error: string;
      /** clone: the batch could not be sent; worker: its code failed; stopped: it exited meanwhile. */
      kind: 'clone' | 'worker' | 'stopped';
    };

/** One worker and the batches it owes an answer for. */
interface Thread {
  worker: Worker;
  pending: Map<number, (reply: Reply) => void>;
}

/**
 * Links the audit chain's batches (the hash of each event, as stored, chained to the one before:
 * `chainHash`). A rebuild or catch-up links thousands of events per batch, and hashing them held
 * the thread that folds every other read model for a fifth of its time (canonical JSON, SHA-256 and
 * the garbage they make): such batches go to a worker thread, which another core runs meanwhile.
 * Sending them costs this thread a structured clone (about 2 µs an event against 10 to link it).
 * Short batches, and any batch the worker cannot take, are linked here: the hashes are the same.
 * The first link of every batch the worker answers is checked against this thread's; a worker
 * whose code fails or disagrees is not used again in this process.
 */
export class ChainHasher {
  private readonly logger = new Logger('ChainHasher');
  private thread: Thread | undefined;
  private next = 0;
  private idle: NodeJS.Timeout | undefined;
  private warnedClone = false;
  /** Why the worker is no longer used, once its code failed or disagreed with this thread's. */
  private broken: string | undefined;
  /** Batches the worker linked (what the tests look at). */
  inWorker = 0;

  /** False once the worker failed or disagreed: every batch is linked on this thread then. */
  get usesWorker(): boolean {
    return this.broken === undefined;
  }

  /** `script`: the worker's code (tests give a faulty one). */
  constructor(private readonly script = WORKER) {}

  /**
   * Each event's link after `previous`, in order: chainHash of each in turn. `offThread` says the
   * caller has other work for this thread meanwhile; without it, waiting for the worker would
   * only add the copy.
   */
  async link(previous: string, events: readonly RecordedEvent[], offThread = true): Promise<string[]> {
    if (offThread && !this.broken && events.length >= WORKER_FROM) {
      const reply = await this.send(previous, events.map(storedFormOf));
      if (!('hashes' in reply)) this.notLinked(reply);
      else if (reply.hashes.length !== events.length || reply.hashes[0] !== chainHash(previous, events[0]!))
        this.disable("its first link differs from this thread's");
      else {
        this.inWorker += 1;
        return reply.hashes;
      }
    }
    const hashes: string[] = [];
    for (const event of events) hashes.push((previous = chainHash(previous, event)));
    return hashes;
  }

  /** Stops the worker, if one runs (it stops by itself when idle). */
  async close(): Promise<void> {
    clearTimeout(this.idle);
    const thread = this.thread;
    this.thread = undefined;
    await thread?.worker.terminate();
  }

  private notLinked(reply: Extract<Reply, { error: string }>): void {
    if (reply.kind === 'worker') return this.disable(reply.error);
    // A batch that cannot be cloned, or a worker stopped meanwhile: the next batch tries again.
    if (reply.kind === 'clone' && !this.warnedClone) {
      this.warnedClone = true;
      this.logger.warn(`A batch of the audit chain was linked on this thread: ${reply.error}`);
    }
  }

  private disable(reason: string): void {
    this.broken = reason;
    this.logger.warn(`The audit chain is linked on this thread from now on: the worker failed (${reason})`);
    void this.close();
  }

  private send(previous: string, events: readonly RecordedEvent[]): Promise<Reply> {
    const id = ++this.next;
    let thread: Thread;
    try {
      thread = this.started();
    } catch (error) {
      return Promise.resolve({ id, error: error instanceof Error ? error.message : String(error), kind: 'worker' });
    }
    return new Promise<Reply>((resolve) => {
      thread.pending.set(id, resolve);
      clearTimeout(this.idle);
      thread.worker.ref();
      // Throws (DataCloneError) on a value a structured clone cannot carry: linked here then.
      try {
        thread.worker.postMessage({ id, previous, events });
      } catch (error) {
        this.settle(thread, { id, error: error instanceof Error ? error.message : String(error), kind: 'clone' });
      }
    });
  }

  private settle(thread: Thread, reply: Reply): void {
    const resolve = thread.pending.get(reply.id);
    thread.pending.delete(reply.id);
    resolve?.(reply);
    if (thread.pending.size > 0 || this.thread !== thread) return;
    thread.worker.unref();
    clearTimeout(this.idle);
    this.idle = setTimeout(() => void this.close(), IDLE_MS).unref();
  }

  private started(): Thread {
    if (this.thread) return this.thread;
    const thread: Thread = { worker: new Worker(this.script, { eval: true }), pending: new Map() };
    thread.worker.on('message', (reply: { id: number; hashes: string[] } | { id: number; error: string }) =>
      this.settle(thread, 'error' in reply ? { ...reply, kind: 'worker' } : reply),
    );
    // Only this worker's batches fail with it: a worker started after it keeps its own. An error
    // thrown in it is its code failing; an exit alone is a stop (closed, idle).
    const failed = (error: unknown, kind: 'worker' | 'stopped') => {
      if (this.thread === thread) this.thread = undefined;
      const reason = error instanceof Error ? error.message : String(error);
      for (const [id, resolve] of thread.pending) resolve({ id, error: `the worker stopped: ${reason}`, kind });
      thread.pending.clear();
    };
    thread.worker.on('error', (error) => failed(error, 'worker'));
    thread.worker.on('exit', (code) => failed(`exit ${code}`, 'stopped'));
    thread.worker.unref();
    this.thread = thread;
    return thread;
  }
}
