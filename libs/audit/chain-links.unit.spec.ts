import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { RecordedEvent } from '#libs/platform/event-store/index.js';
import { GENESIS_HASH } from '#libs/platform/hash-chain/index.js';
import { ChainHasher, chainHash, WORKER_FROM } from './chain-links.js';

/** Events of any JSON shape, as a store gives them back. */
const anyEvents = (count: number, seed: number): RecordedEvent[] =>
  fc
    .sample(
      fc.record({
        eventId: fc.uuid(),
        stream: fc.string(),
        revision: fc.nat(),
        type: fc.string(),
        data: fc.dictionary(fc.string(), fc.option(fc.jsonValue(), { nil: undefined })),
        metadata: fc.dictionary(fc.string(), fc.jsonValue()),
        recordedAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      }),
      { numRuns: count, seed },
    )
    .map((e, i) => ({ ...e, position: i + 1 }) as unknown as RecordedEvent);

/** The chain linked one event at a time on this thread: what every link must equal. */
const inline = (previous: string, events: readonly RecordedEvent[]) =>
  events.map((event) => (previous = chainHash(previous, event)));

describe('ChainHasher', () => {
  const hasher = new ChainHasher();
  afterAll(() => hasher.close());

  it('links a large batch in its worker to the same hashes as chainHash, event by event', async () => {
    for (const seed of [1, 2, 3]) {
      const events = anyEvents(WORKER_FROM * 2, seed);
      const previous = seed === 1 ? GENESIS_HASH : 'f'.repeat(64);
      expect(await hasher.link(previous, events)).toEqual(inline(previous, events));
    }
    expect(hasher.inWorker).toBe(3);
  });

  it('links short batches here, with the same hashes', async () => {
    const events = anyEvents(3, 4);
    expect(await hasher.link(GENESIS_HASH, events)).toEqual(inline(GENESIS_HASH, events));
    expect(await hasher.link(GENESIS_HASH, [])).toEqual([]);
    expect(hasher.inWorker).toBe(3);
  });

  it('links here what the worker cannot be sent, and goes on using the worker after', async () => {
    const events = anyEvents(WORKER_FROM, 5);
    // A function cannot be cloned for the worker; canonical JSON writes it as null.
    (events[7]!.data as Record<string, unknown>).odd = () => 1;
    expect(await hasher.link(GENESIS_HASH, events)).toEqual(inline(GENESIS_HASH, events));
    expect(hasher.inWorker).toBe(3);
    const plain = anyEvents(WORKER_FROM, 6);
    expect(await hasher.link(GENESIS_HASH, plain)).toEqual(inline(GENESIS_HASH, plain));
    expect(hasher.inWorker).toBe(4);
  });

  it('answers a batch whose worker was stopped meanwhile here, and the next one in a new worker', async () => {
    const events = anyEvents(WORKER_FROM, 8);
    const linking = hasher.link(GENESIS_HASH, events);
    await hasher.close();
    expect(await linking).toEqual(inline(GENESIS_HASH, events));
    const before = hasher.inWorker;
    expect(await hasher.link(GENESIS_HASH, events)).toEqual(inline(GENESIS_HASH, events));
    expect(hasher.inWorker).toBe(before + 1);
  });

  it.each([
    [
      'fails',
      `require('node:worker_threads').parentPort.on('message', ({ id }) => { throw new ReferenceError('gone'); });`,
    ],
    [
      'answers other links',
      `const { parentPort } = require('node:worker_threads');
       parentPort.on('message', ({ id, events }) => parentPort.postMessage({ id, hashes: events.map(() => '0'.repeat(64)) }));`,
    ],
    [
      'reports an error',
      `const { parentPort } = require('node:worker_threads');
       parentPort.on('message', ({ id }) => parentPort.postMessage({ id, error: 'canonicalJson is not defined' }));`,
    ],
  ])('links here, from then on, when its worker %s', async (_, script) => {
    const faulty = new ChainHasher(script);
    try {
      expect(faulty.usesWorker).toBe(true);
      for (const seed of [9, 10]) {
        const events = anyEvents(WORKER_FROM, seed);
        expect(await faulty.link(GENESIS_HASH, events)).toEqual(inline(GENESIS_HASH, events));
        expect(faulty.usesWorker).toBe(false);
      }
      expect(faulty.inWorker).toBe(0);
    } finally {
      await faulty.close();
    }
  });

  it('starts a new worker after it was closed', async () => {
    await hasher.close();
    const before = hasher.inWorker;
    const events = anyEvents(WORKER_FROM, 7);
    expect(await hasher.link(GENESIS_HASH, events)).toEqual(inline(GENESIS_HASH, events));
    expect(hasher.inWorker).toBe(before + 1);
  });
});
