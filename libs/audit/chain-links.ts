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

type Reply = { id: number; hashes: string[] } | { id: number; error: string };

/**
 * Links the audit chain's batches (the hash of each event, as stored, chained to the one before:
 * `chainHash`). A rebuild or catch-up links thousands of events per batch, and hashing them held
 * the thread that folds every other read model for a fifth of its time (canonical JSON, SHA-256 and
 * the garbage they make): such batches go to a worker thread, which another core runs meanwhile.
 * Sending them costs this thread a structured clone (about 2 µs an event against 10 to link it).
 * Short batches, and any batch the worker cannot take, are linked here: the hashes are the same.
 */
export class ChainHasher {
  private readonly logger = new Logger('ChainHasher');
  private worker: Worker | undefined;
  private readonly pending = new Map<number, (reply: Reply) => void>();
  private next = 0;
  private idle: NodeJS.Timeout | undefined;
  private warned = false;
  /** Batches the worker linked (what the tests look at). */
  inWorker = 0;

  /**
   * Each event's link after `previous`, in order: chainHash of each in turn. `offThread` says the
   * caller has other work for this thread meanwhile; without it, waiting for the worker would
   * only add the copy.
   */
  async link(previous: string, events: readonly RecordedEvent[], offThread = true): Promise<string[]> {
    if (offThread && events.length >= WORKER_FROM) {
      const reply = await this.send(previous, events.map(storedFormOf)).catch((error: unknown) => ({
        id: -1,
        error: error instanceof Error ? error.message : String(error),
      }));
      if ('hashes' in reply) {
        this.inWorker += 1;
        return reply.hashes;
      }
      if (!this.warned) {
        this.warned = true;
        this.logger.warn(`Linking the audit chain on this thread: the worker could not (${reply.error})`);
      }
    }
    const hashes: string[] = [];
    for (const event of events) hashes.push((previous = chainHash(previous, event)));
    return hashes;
  }

  /** Stops the worker, if one runs (it stops by itself when idle). */
  async close(): Promise<void> {
    clearTimeout(this.idle);
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private send(previous: string, events: readonly RecordedEvent[]): Promise<Reply> {
    const worker = this.started();
    const id = ++this.next;
    return new Promise<Reply>((resolve) => {
      this.pending.set(id, resolve);
      clearTimeout(this.idle);
      worker.ref();
      // Throws (DataCloneError) on a value a structured clone cannot carry: linked here then.
      try {
        worker.postMessage({ id, previous, events });
      } catch (error) {
        this.settle({ id, error: error instanceof Error ? error.message : String(error) });
      }
    });
  }

  private settle(reply: Reply): void {
    this.pending.get(reply.id)?.(reply);
    this.pending.delete(reply.id);
    if (this.pending.size > 0 || !this.worker) return;
    this.worker.unref();
    this.idle = setTimeout(() => void this.close(), IDLE_MS).unref();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER, { eval: true });
    worker.on('message', (reply: Reply) => this.settle(reply));
    const failed = (error: unknown) => {
      if (this.worker === worker) this.worker = undefined;
      const reason = error instanceof Error ? error.message : String(error);
      for (const [id, resolve] of this.pending) resolve({ id, error: `the worker stopped: ${reason}` });
      this.pending.clear();
    };
    worker.on('error', failed);
    worker.on('exit', (code) => failed(`exit ${code}`));
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
