import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { eventually } from '../support/eventually.js';
import {
  ConcurrencyError,
  type CommandKey,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
  type SubscriptionBatch,
} from '#libs/platform/event-store/index.js';

/** An append kept from committing, for stores whose appends run in parallel. */
export interface HeldAppend {
  /** True once an append carrying the key waits inside its transaction. */
  waiting(): Promise<boolean>;
  release(): Promise<void>;
}

export interface ContractOptions {
  /** Keeps the append that carries this command key from committing until released. */
  holdCommandKey?: (commandKey: CommandKey) => Promise<HeldAppend>;
  /** appendMany writes its streams one after another (KurrentDB, ADR 0016): not all or nothing. */
  sequentialAppendMany?: boolean;
}

/**
 * The event store contract of DESIGN §4, written once against the port. Each adapter's spec file
 * calls this with a factory that gives a fresh, empty store.
 */
export function eventStoreContract(
  adapter: string,
  open: () => Promise<EventStore>,
  options: ContractOptions = {},
): void {
  describe(`event store contract: ${adapter}`, () => {
    let store: EventStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    const event = (type = 'Something', data: unknown = { n: 1 }): NewEvent => ({
      eventId: randomUUID(),
      type,
      data,
      metadata: {
        actor: 'cw-01',
        role: 'caseworker',
        correlationId: randomUUID(),
        causationId: randomUUID(),
        occurredAt: '2026-01-01T00:00:00.000Z',
        schemaVersion: 1,
      },
    });
    const stream = (category = 'test'): string => `${category}-${randomUUID()}`;

    it('starts empty', async () => {
      expect(await store.headPosition()).toBe(0);
      expect(await store.readAll()).toEqual([]);
      expect(await store.streamRevision(stream())).toBeUndefined();
    });

    it('appends to a new stream and reads it back with revisions, positions and metadata', async () => {
      const s = stream();
      const events = [event('A', { a: 1 }), event('B', { b: 'two', nested: { list: [1, 2] } })];
      const result = await store.append(s, events, 'no_stream');
      expect(result.nextRevision).toBe(1);
      const read = await store.readStream(s);
      expect(read.map((e) => [e.type, e.revision, e.stream])).toEqual([
        ['A', 0, s],
        ['B', 1, s],
      ]);
      expect(read[1]!.data).toEqual({ b: 'two', nested: { list: [1, 2] } });
      expect(read[0]!.metadata).toEqual(events[0]!.metadata);
      expect(read[0]!.eventId).toBe(events[0]!.eventId);
      expect(read[1]!.position).toBe(result.position);
      expect(read[1]!.position).toBeGreaterThan(read[0]!.position);
      expect(new Date(read[0]!.recordedAt).toISOString()).toBe(read[0]!.recordedAt);
      expect(await store.streamRevision(s)).toBe(1);
      expect(await store.headPosition()).toBe(result.position);
    });

    it('checks the expected revision: no_stream, exists, a number, any', async () => {
      const s = stream();
      await expect(store.append(s, [event()], 'exists')).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(store.append(s, [event()], 0)).rejects.toBeInstanceOf(ConcurrencyError);
      await store.append(s, [event()], 'no_stream');
      const err = await store.append(s, [event()], 'no_stream').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConcurrencyError);
      expect((err as ConcurrencyError).actual).toBe(0);
      await store.append(s, [event()], 'exists');
      await store.append(s, [event()], 1);
      const stale = await store.append(s, [event()], 1).catch((e: unknown) => e);
      expect((stale as ConcurrencyError).actual).toBe(2);
      expect((await store.append(s, [event()], 'any')).nextRevision).toBe(3);
      expect((await store.append(stream(), [event()], 'any')).nextRevision).toBe(0);
      expect(await store.readStream(s)).toHaveLength(4);
    });

    it('treats the same event ids at the same expected revision as an idempotent success', async () => {
      const s = stream();
      const first = [event(), event()];
      const original = await store.append(s, first, 'no_stream');
      expect(await store.append(s, first, 'no_stream')).toEqual(original);
      const second = [event()];
      const next = await store.append(s, second, 1);
      expect(await store.append(s, second, 1)).toEqual(next);
      expect(await store.append(s, second, 'any')).toEqual(next);
      expect(await store.append(s, second, 'exists')).toEqual(next);
      expect(await store.readStream(s)).toHaveLength(3);
      // The same ids on another stream are a duplicate, not a retry.
      await expect(store.append(stream(), second, 'any')).rejects.toMatchObject({ name: 'DuplicateEventIdError' });
      // The same ids at another revision are not a retry of that append.
      await expect(store.append(s, second, 0)).rejects.toBeInstanceOf(ConcurrencyError);
    });

    it('appends atomically: a failed append writes none of its events', async () => {
      const s = stream();
      const shared = event();
      await store.append(stream(), [shared], 'no_stream');
      const outcome = await store.append(s, [event(), shared], 'no_stream').then(
        () => 'appended',
        (error: unknown) => (error as Error).name,
      );
      expect(outcome).toBe('DuplicateEventIdError');
      expect(await store.readStream(s)).toEqual([]);
      expect(await store.streamRevision(s)).toBeUndefined();
    });

    it('refuses a command key recorded before, writing none of the events of the refused append', async () => {
      const commandKey = { scope: 'cw-01 POST /api/v1/x', key: randomUUID(), fingerprint: 'f' };
      const s = stream();
      await store.append(s, [event()], 'no_stream', { commandKey });
      const again = stream();
      await expect(store.append(again, [event()], 'no_stream', { commandKey })).rejects.toMatchObject({
        name: 'CommandKeyTakenError',
      });
      expect(await store.streamRevision(again)).toBeUndefined();
      // The same key of another scope is another command.
      await store.append(again, [event()], 'no_stream', { commandKey: { ...commandKey, scope: 'cw-02 POST /x' } });
      expect(await store.streamRevision(again)).toBe(0);
    });

    it('lets one of many concurrent appends with the same command key win', async () => {
      const commandKey = { scope: 'cw-01 POST /api/v1/x', key: randomUUID(), fingerprint: 'f' };
      const streams = Array.from({ length: 8 }, () => stream());
      const outcomes = await Promise.allSettled(
        streams.map((s) => store.append(s, [event()], 'no_stream', { commandKey })),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const written = await Promise.all(streams.map((s) => store.streamRevision(s)));
      expect(written.filter((r) => r !== undefined)).toHaveLength(1);
    });

    it('appends to several streams at once: results and positions in the order of the appends', async () => {
      const [a, b, c] = [stream('alpha'), stream('beta'), stream('gamma')];
      await store.append(b, [event('B0')], 'no_stream');
      const commandKey = { scope: 'cw-01 POST /api/v1/many', key: randomUUID(), fingerprint: 'f' };
      const results = await store.appendMany(
        [
          { stream: a, events: [event('A0'), event('A1')], expectedRevision: 'no_stream' },
          { stream: b, events: [event('B1')], expectedRevision: 0 },
          { stream: c, events: [event('C0')], expectedRevision: 'any' },
        ],
        { commandKey },
      );
      expect(results.map((r) => r.nextRevision)).toEqual([1, 1, 0]);
      const feed = await store.readAll();
      expect(feed.map((e) => e.type)).toEqual(['B0', 'A0', 'A1', 'B1', 'C0']);
      expect(results.map((r) => r.position)).toEqual([feed[2]!.position, feed[3]!.position, feed[4]!.position]);
      expect((await store.readStream(b)).map((e) => [e.type, e.revision])).toEqual([
        ['B0', 0],
        ['B1', 1],
      ]);
      expect(await store.headPosition()).toBe(results[2]!.position);
      // The command key went with them: the same key again is refused.
      await expect(store.append(stream(), [event()], 'no_stream', { commandKey })).rejects.toMatchObject({
        name: 'CommandKeyTakenError',
      });
      // The same appends again (the same ids at the same places) are a retry: the first answer.
      expect(
        await store.appendMany([
          {
            stream: a,
            events: (await store.readStream(a)).map(({ eventId, type, data, metadata }) => ({
              eventId,
              type,
              data,
              metadata,
            })),
            expectedRevision: 'no_stream',
          },
        ]),
      ).toEqual([results[0]]);
      await expect(
        store.appendMany([
          { stream: a, events: [event()], expectedRevision: 1 },
          { stream: a, events: [event()], expectedRevision: 2 },
        ]),
      ).rejects.toThrow(/twice/);
    });

    if (!options.sequentialAppendMany) {
      it('appends to several streams all or nothing: one refused stream writes none of them', async () => {
        const [a, b] = [stream(), stream()];
        await store.append(b, [event('B0')], 'no_stream');
        const head = await store.headPosition();
        const refused = await store
          .appendMany([
            { stream: a, events: [event('A0')], expectedRevision: 'no_stream' },
            { stream: b, events: [event('B1')], expectedRevision: 'no_stream' },
          ])
          .catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(ConcurrencyError);
        expect(refused).toMatchObject({ stream: b, actual: 0 });
        expect(await store.streamRevision(a)).toBeUndefined();
        expect(await store.headPosition()).toBe(head);
        // An event id already stored in the last part: the first part is not written either.
        const taken = event('Taken');
        await store.append(stream(), [taken], 'no_stream');
        const duplicate = await store
          .appendMany([
            { stream: a, events: [event('A0')], expectedRevision: 'no_stream' },
            { stream: b, events: [event('B1'), taken], expectedRevision: 0 },
          ])
          .catch((e: unknown) => (e as Error).name);
        expect(duplicate).toBe('DuplicateEventIdError');
        expect(await store.streamRevision(a)).toBeUndefined();
        expect(await store.streamRevision(b)).toBe(0);
      });

      it('lets one of many concurrent multi-stream appends on a shared stream win, the others writing nothing', async () => {
        const shared = stream('shared');
        const writers = 12;
        const own = Array.from({ length: writers }, () => stream('own'));
        const outcomes = await Promise.allSettled(
          own.map((s, i) =>
            store.appendMany([
              { stream: shared, events: [event('Claim', { i })], expectedRevision: 'no_stream' },
              { stream: s, events: [event('Own', { i })], expectedRevision: 'no_stream' },
            ]),
          ),
        );
        const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [i] : []));
        expect(won).toHaveLength(1);
        for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(ConcurrencyError);
        const written = await Promise.all(own.map((s) => store.streamRevision(s)));
        expect(written.flatMap((r, i) => (r === undefined ? [] : [i]))).toEqual(won);
        expect((await store.readStream(shared)).map((e) => (e.data as { i: number }).i)).toEqual(won);
      });
    }

    it('delivers a multi-stream append to a subscriber whole, in position order', async () => {
      const abort = new AbortController();
      const seen: RecordedEvent[] = [];
      const reached = new Promise<void>((resolve, reject) => {
        void (async () => {
          try {
            for await (const batch of store.subscribeAll({ signal: abort.signal })) {
              seen.push(...batch.events);
              if (seen.length === 4) resolve();
            }
          } catch (error) {
            reject(error);
          }
        })();
      });
      const [a, b, c] = [stream(), stream(), stream()];
      const results = await store.appendMany([
        { stream: a, events: [event('A0')], expectedRevision: 'no_stream' },
        { stream: b, events: [event('B0'), event('B1')], expectedRevision: 'no_stream' },
        { stream: c, events: [event('C0')], expectedRevision: 'no_stream' },
      ]);
      await reached;
      abort.abort();
      expect(seen.map((e) => [e.type, e.stream])).toEqual([
        ['A0', a],
        ['B0', b],
        ['B1', b],
        ['C0', c],
      ]);
      expect(seen.map((e) => e.position)).toEqual([...seen.map((e) => e.position)].sort((x, y) => x - y));
      expect(seen.at(-1)!.position).toBe(results[2]!.position);
    });

    it('reads a stream forwards and backwards from a revision with a limit', async () => {
      const s = stream();
      await store.append(
        s,
        [0, 1, 2, 3, 4].map((n) => event('N', { n })),
        'no_stream',
      );
      const data = (events: RecordedEvent[]) => events.map((e) => (e.data as { n: number }).n);
      expect(data(await store.readStream(s, { from: 2 }))).toEqual([2, 3, 4]);
      expect(data(await store.readStream(s, { from: 1, limit: 2 }))).toEqual([1, 2]);
      expect(data(await store.readStream(s, { direction: 'backwards', limit: 2 }))).toEqual([4, 3]);
      expect(data(await store.readStream(s, { direction: 'backwards', from: 1 }))).toEqual([1, 0]);
      expect(await store.readStream(stream())).toEqual([]);
    });

    it('reads the global feed in commit order, after a position, with category and type filters', async () => {
      const a = stream('alpha');
      const b = stream('beta');
      await store.append(a, [event('A1')], 'no_stream');
      await store.append(b, [event('B1')], 'no_stream');
      await store.append(a, [event('A2')], 0);
      const all = await store.readAll();
      expect(all.map((e) => e.type)).toEqual(['A1', 'B1', 'A2']);
      expect(all.map((e) => e.position)).toEqual([...all.map((e) => e.position)].sort((x, y) => x - y));
      expect((await store.readAll({ after: all[0]!.position })).map((e) => e.type)).toEqual(['B1', 'A2']);
      expect((await store.readAll({ limit: 2 })).map((e) => e.type)).toEqual(['A1', 'B1']);
      expect((await store.readAll({ filter: { categories: ['alpha'] } })).map((e) => e.type)).toEqual(['A1', 'A2']);
      expect((await store.readAll({ filter: { types: ['B1', 'A2'] } })).map((e) => e.type)).toEqual(['B1', 'A2']);
      expect(await store.readAll({ filter: { categories: ['alpha'], types: ['B1'] } })).toEqual([]);
    });

    it('subscribes: catches up, then delivers live appends in commit order without gaps', async () => {
      const s = stream();
      await store.append(s, [event('Old1'), event('Old2')], 'no_stream');
      const abort = new AbortController();
      const seen: RecordedEvent[] = [];
      const reached = new Promise<void>((resolve, reject) => {
        void (async () => {
          try {
            for await (const batch of store.subscribeAll({ signal: abort.signal, batchSize: 3 })) {
              seen.push(...batch.events);
              if (seen.length === 12) resolve();
            }
          } catch (error) {
            reject(error);
          }
        })();
      });
      for (let i = 0; i < 10; i++) await store.append(stream(), [event(`Live${i}`)], 'no_stream');
      await reached;
      abort.abort();
      expect(seen.map((e) => e.type)).toEqual(['Old1', 'Old2', ...Array.from({ length: 10 }, (_, i) => `Live${i}`)]);
      const positions = seen.map((e) => e.position);
      expect(positions).toEqual((await store.readAll()).map((e) => e.position));
    });

    it('a filtered subscription reports checkpoints past events it does not deliver', async () => {
      await store.append(stream('beta'), [event('B1')], 'no_stream');
      await store.append(stream('alpha'), [event('A1')], 'no_stream');
      await store.append(stream('beta'), [event('B2')], 'no_stream');
      const head = await store.headPosition();
      const abort = new AbortController();
      const batches: SubscriptionBatch[] = [];
      for await (const batch of store.subscribeAll({ filter: { categories: ['alpha'] }, signal: abort.signal })) {
        batches.push(batch);
        if (batch.checkpoint >= head) abort.abort();
      }
      expect(batches.flatMap((b) => b.events.map((e) => e.type))).toEqual(['A1']);
      expect(batches.at(-1)!.checkpoint).toBe(head);
    });

    it('resumes a subscription after a checkpoint', async () => {
      await store.append(stream(), [event('E1'), event('E2'), event('E3')], 'no_stream');
      const [first] = await store.readAll({ limit: 1 });
      const abort = new AbortController();
      const types: string[] = [];
      for await (const batch of store.subscribeAll({ after: first!.position, signal: abort.signal })) {
        types.push(...batch.events.map((e) => e.type));
        if (batch.caughtUp) abort.abort();
      }
      expect(types).toEqual(['E2', 'E3']);
    });

    it('lets many concurrent writers race on one stream: contiguous revisions, nothing duplicated', async () => {
      const s = stream();
      await store.append(s, [event('Start')], 'no_stream');
      const writers = 40;
      const outcomes = await Promise.allSettled(
        Array.from({ length: writers }, (_, i) => store.append(s, [event('Race', { i }), event('Race', { i })], 0)),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o) => o.status === 'rejected');
      expect(won).toHaveLength(1);
      for (const o of lost) expect((o as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
      expect((await store.readStream(s)).map((e) => e.revision)).toEqual([0, 1, 2]);
    });

    it('lets concurrent writers that re-read and retry all succeed with contiguous revisions', async () => {
      const s = stream();
      const writers = 25;
      const appendWithRetry = async (i: number): Promise<void> => {
        for (;;) {
          const revision = await store.streamRevision(s);
          try {
            await store.append(s, [event('Retry', { i })], revision ?? 'no_stream');
            return;
          } catch (error) {
            if (!(error instanceof ConcurrencyError)) throw error;
          }
        }
      };
      await Promise.all(Array.from({ length: writers }, (_, i) => appendWithRetry(i)));
      const events = await store.readStream(s);
      expect(events.map((e) => e.revision)).toEqual(Array.from({ length: writers }, (_, i) => i));
      const writersSeen = events.map((e) => (e.data as { i: number }).i).sort((x, y) => x - y);
      expect(writersSeen).toEqual(Array.from({ length: writers }, (_, i) => i));
      expect(new Set(events.map((e) => e.eventId)).size).toBe(writers);
    });

    it('never lets a subscriber skip an append that commits after later ones (many writers, one late)', async () => {
      const seen: RecordedEvent[] = [];
      const abort = new AbortController();
      const following = (async () => {
        for await (const batch of store.subscribeAll({ signal: abort.signal, batchSize: 50 }))
          seen.push(...batch.events);
      })();
      const commandKey = { scope: 'cw-01 POST /api/v1/late', key: randomUUID(), fingerprint: 'f' };
      const held = await options.holdCommandKey?.(commandKey);
      let settled: string | undefined;
      const late = store.append(stream('late'), [event('Late')], 'no_stream', { commandKey });
      late.then(
        () => (settled = 'appended'),
        (error: unknown) => (settled = `failed: ${error instanceof Error ? error.message : String(error)}`),
      );
      const writers = 32;
      const each = 5;
      try {
        // The append reaches the lock within moments; should it not, the message says what it did.
        if (held)
          await eventually(
            async () => (await held.waiting()) || (settled ? `the late append ${settled} without waiting` : false),
            'the late append waiting inside its transaction',
            { timeoutMs: 60_000 },
          ).then((found) => expect(found).toBe(true));
        await Promise.all(
          Array.from({ length: writers }, async (_, w) => {
            const s = stream('writer');
            for (let i = 0; i < each; i++) await store.append(s, [event('W', { w, i })], i === 0 ? 'no_stream' : i - 1);
          }),
        );
        if (held) {
          // All committed, yet behind the open transaction: neither a read nor the subscriber shows them.
          expect((await store.readAll()).filter((e) => e.type === 'W')).toEqual([]);
          expect(seen.filter((e) => e.type === 'W')).toEqual([]);
        }
      } finally {
        // Released whatever happened above: a late append left waiting would hold the store's close.
        await held?.release();
      }
      const lateResult = await late;
      await eventually(() => seen.length === writers * each + 1, 'every event delivered to the subscriber');
      abort.abort();
      await following;
      const positions = seen.map((e) => e.position);
      expect(new Set(positions).size).toBe(positions.length);
      expect(positions).toEqual([...positions].sort((x, y) => x - y));
      expect(seen.map((e) => e.eventId)).toEqual((await store.readAll()).map((e) => e.eventId));
      expect(seen.find((e) => e.type === 'Late')!.position).toBe(lateResult.position);
      if (held) expect(seen[0]!.type).toBe('Late');
      expect(await store.headPosition()).toBe(positions.at(-1));
      // The wait for the late append allows a minute; the test allows more, to release and drain.
    }, 120_000);
  });
}
