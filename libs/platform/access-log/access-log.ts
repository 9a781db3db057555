import { Logger } from '@nestjs/common';
import type { AccessLogStore, AccessRecord } from './access-log.store.js';

export const ACCESS_LOG = Symbol('ACCESS_LOG');

export interface AccessLogOptions {
  /** Write when this many records wait (500). */
  batchSize?: number;
  /** Write the records that wait at most this long after the first of them (250 ms). */
  flushIntervalMs?: number;
  /** Records kept while the store refuses writes; past this the newest are dropped and counted. */
  maxBuffered?: number;
}

export interface AccessLogStats {
  /** Records handed to `record`. */
  recorded: number;
  /** Records written to the store. */
  written: number;
  /** Write transactions that committed. */
  batches: number;
  /** Write transactions that failed (their records were kept and retried). */
  failures: number;
  /** Records dropped because the buffer was full while the store refused writes. */
  dropped: number;
  /** Records waiting to be written. */
  buffered: number;
}

/**
 * Who looked at whose data, written off the request's path: `record` only buffers (a request
 * never waits for the log), and the buffer is written in one transaction when it holds
 * `batchSize` records or `flushIntervalMs` after its first record, whichever comes first, and on
 * `close` (application shutdown). Writes run one at a time, in the order recorded. A write that
 * fails keeps its records at the head of the buffer and is retried at the next interval.
 */
export class AccessLog {
  private readonly logger = new Logger('AccessLog');
  private readonly batchSize: number;
  private readonly flushIntervalMs: number;
  private readonly maxBuffered: number;
  private buffer: AccessRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;
  /** The last write failed: wait for the interval before trying again, however full the buffer. */
  private failing = false;
  private readonly counts = { recorded: 0, written: 0, batches: 0, failures: 0, dropped: 0 };

  constructor(
    readonly store: AccessLogStore,
    options: AccessLogOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.flushIntervalMs = options.flushIntervalMs ?? 250;
    this.maxBuffered = options.maxBuffered ?? 100_000;
  }

  /** Buffers one read; returns at once. */
  record(record: AccessRecord): void {
    this.counts.recorded += 1;
    if (this.buffer.length >= this.maxBuffered) {
      if (this.counts.dropped++ === 0)
        this.logger.error(`Access log buffer full (${this.maxBuffered} records): dropping reads until it drains`);
      return;
    }
    this.buffer.push(record);
    if (this.closed) {
      void this.flush();
      return;
    }
    // A full batch is written on the next turn of the event loop, not inside the request that filled it.
    if (this.buffer.length >= this.batchSize && !this.failing)
      this.immediate ??= setImmediate(() => {
        this.immediate = undefined;
        void this.write(false);
      });
    this.startTimer();
  }

  /** Writes everything buffered so far; resolves when it is written (or its write failed). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    return this.write(true);
  }

  stats(): AccessLogStats {
    return { ...this.counts, buffered: this.buffer.length };
  }

  /** Writes what is buffered, then closes the store (the application's shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.immediate) clearImmediate(this.immediate);
    await this.flush();
    if (this.buffer.length) await this.flush();
    if (this.buffer.length)
      this.logger.error(`Access log closed with ${this.buffer.length} reads unwritten: the store refused them`);
    if (this.timer) clearTimeout(this.timer);
    await this.store.close();
  }

  /** Whatever waits is written within the interval of the first record that waits. */
  private startTimer(): void {
    if (this.closed || this.buffer.length === 0) return;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.write(true);
    }, this.flushIntervalMs).unref();
  }

  /** Queues a write behind the one running: full batches only, or (`all`) everything buffered. */
  private write(all: boolean): Promise<void> {
    this.writing = this.writing.then(() => this.writeBuffered(all));
    return this.writing;
  }

  private async writeBuffered(all: boolean): Promise<void> {
    while (this.buffer.length >= this.batchSize || (all && this.buffer.length > 0)) {
      const batch = this.buffer.slice(0, this.batchSize);
      try {
        await this.store.append(batch);
      } catch (error) {
        this.counts.failures += 1;
        this.failing = true;
        this.logger.error(
          `Access log write of ${batch.length} reads failed (kept, retried in ${this.flushIntervalMs} ms): ${(error as Error).message}`,
        );
        break;
      }
      this.failing = false;
      this.buffer.splice(0, batch.length);
      this.counts.batches += 1;
      this.counts.written += batch.length;
    }
    // What came in meanwhile, or what a failed write kept, waits for the next interval.
    this.startTimer();
  }
}
