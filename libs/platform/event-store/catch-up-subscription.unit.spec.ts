import { describe, expect, it } from '@jest/globals';
import { AppendNotifier } from './append-notifier.js';
import { catchUpSubscription, type FeedBatchReader } from './catch-up-subscription.js';
import type { AllFilter, RecordedEvent, SubscriptionBatch } from './event-store.port.js';

const event = (position: number): RecordedEvent => ({
  eventId: `e${position}`,
  type: 'Tested',
  data: {},
  metadata: { actor: 'test' } as RecordedEvent['metadata'],
  stream: 'test-1',
  revision: position - 1,
  position,
  recordedAt: '2026-12-01T00:00:00.000Z',
});

/** A feed of `head` events read in batches of `limit`; each read is logged, and may be made to fail. */
class Feed implements FeedBatchReader {
  readonly reads: number[] = [];
  failAfter?: number;
  constructor(public head: number) {}

  async readBatch(after: number, _filter: AllFilter | undefined, limit: number): Promise<SubscriptionBatch> {
    this.reads.push(after);
    // What the store holds when the read starts is what it hands over, a turn later.
    const head = this.head;
    await new Promise((resolve) => setImmediate(resolve));
    if (this.failAfter !== undefined && after >= this.failAfter) throw new Error('the store went away');
    const last = Math.min(head, after + limit);
    const events = Array.from({ length: last - after }, (_, i) => event(after + i + 1));
    return { events, checkpoint: last, caughtUp: last === head };
  }
}

describe('catchUpSubscription', () => {
  it('reads the next batch while the consumer works on this one, and none past the head', async () => {
    const feed = new Feed(5);
    const abort = new AbortController();
    const seen: Array<{ positions: number[]; readsSoFar: number[] }> = [];
    for await (const batch of catchUpSubscription(
      feed,
      new AppendNotifier(),
      { batchSize: 2, signal: abort.signal },
      10_000,
      true,
    )) {
      seen.push({ positions: batch.events.map((e) => e.position), readsSoFar: [...feed.reads] });
      if (batch.caughtUp) abort.abort();
    }
    expect(seen).toEqual([
      // While the consumer holds [1, 2], the read after 2 is under way already.
      { positions: [1, 2], readsSoFar: [0, 2] },
      { positions: [3, 4], readsSoFar: [0, 2, 4] },
      // The head is reached: nothing is read ahead of a live batch.
      { positions: [5], readsSoFar: [0, 2, 4] },
    ]);
  });

  it('reads nothing ahead unless asked (a store whose reads run on the event loop gains nothing by it)', async () => {
    const feed = new Feed(5);
    const abort = new AbortController();
    const readsSoFar: number[][] = [];
    for await (const batch of catchUpSubscription(
      feed,
      new AppendNotifier(),
      { batchSize: 2, signal: abort.signal },
      10_000,
    )) {
      readsSoFar.push([...feed.reads]);
      if (batch.caughtUp) abort.abort();
    }
    expect(readsSoFar).toEqual([[0], [0, 2], [0, 2, 4]]);
  });

  it('drops a batch read ahead when the consumer stops, its failure included', async () => {
    const feed = new Feed(10);
    feed.failAfter = 2;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const positions: number[] = [];
      for await (const batch of catchUpSubscription(feed, new AppendNotifier(), { batchSize: 2 }, 10_000, true)) {
        positions.push(...batch.events.map((e) => e.position));
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(positions).toEqual([1, 2]);
      expect(feed.reads).toEqual([0, 2]);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('hands the failure of a batch read ahead to the consumer who asks for it', async () => {
    const feed = new Feed(10);
    feed.failAfter = 2;
    const positions: number[] = [];
    const consume = async () => {
      for await (const batch of catchUpSubscription(feed, new AppendNotifier(), { batchSize: 2 }, 10_000, true))
        positions.push(...batch.events.map((e) => e.position));
    };
    await expect(consume()).rejects.toThrow('the store went away');
    expect(positions).toEqual([1, 2]);
  });

  it('wakes for an append announced while a batch read ahead was under way', async () => {
    const feed = new Feed(3);
    const notifier = new AppendNotifier();
    const abort = new AbortController();
    const positions: number[] = [];
    for await (const batch of catchUpSubscription(
      feed,
      notifier,
      { batchSize: 2, signal: abort.signal },
      60_000,
      true,
    )) {
      positions.push(...batch.events.map((e) => e.position));
      if (positions.length === 2) {
        // The read after 2 has started and will not see it: an event is appended and announced.
        feed.head = 4;
        notifier.notify(4);
      }
      if (positions.at(-1) === 4) abort.abort();
    }
    // [3] comes caught up; the announcement made during its read wakes the loop at once, where
    // waiting for one after it would wait out the poll interval (a minute) and time the test out.
    expect(positions).toEqual([1, 2, 3, 4]);
    expect(feed.reads).toEqual([0, 2, 3]);
  });
});
