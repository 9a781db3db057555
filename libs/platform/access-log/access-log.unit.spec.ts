import { afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { hash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import fc from 'fast-check';
import { canonicalJson, GENESIS_HASH } from '#libs/platform/hash-chain/index.js';
import { AccessLog } from './access-log.js';
import { accessEntryHash, type AccessLogStore, type AccessRecord } from './access-log.store.js';
import { purposeOf } from './purpose.js';

/** A store that remembers each write transaction; `fail` makes the next ones throw. */
function fakeStore() {
  const batches: AccessRecord[][] = [];
  const state = { fail: 0, closed: false };
  const store = {
    async append(records: readonly AccessRecord[]) {
      if (state.fail > 0) {
        state.fail -= 1;
        throw new Error('disk full');
      }
      batches.push([...records]);
      return [];
    },
    async close() {
      state.closed = true;
    },
  } as unknown as AccessLogStore;
  return { store, batches, state };
}

const read = (i: number): AccessRecord => ({
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
  actor: 'cw-01',
  role: 'caseworker',
  method: 'GET',
  route: '/api/v1/households/:id',
  purpose: null,
  households: [`h-${i}`],
  requestId: null,
});
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('AccessLog (the buffer in front of the store)', () => {
  // It logs the failures these tests cause on purpose.
  beforeAll(() => Logger.overrideLogger(false));
  // The interval is a timer the tests move; full batches go out on a real next turn (setImmediate).
  const useTestTimers = () => jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('writes full batches on the next turn of the event loop, never inside record', async () => {
    const { store, batches } = fakeStore();
    const log = new AccessLog(store, { batchSize: 500, flushIntervalMs: 60_000 });
    for (let i = 0; i < 1_000; i++) log.record(read(i));
    expect(batches).toHaveLength(0);
    await turn();
    await log.flush();
    expect(batches.map((b) => b.length)).toEqual([500, 500]);
    expect(batches.flat().map((r) => r.households[0])).toEqual(Array.from({ length: 1_000 }, (_, i) => `h-${i}`));
    expect(log.stats()).toMatchObject({ recorded: 1_000, written: 1_000, batches: 2, buffered: 0 });
    await log.close();
  });

  it('writes what waits once the interval after its first record has passed', async () => {
    const { store, batches } = fakeStore();
    useTestTimers();
    const log = new AccessLog(store, { batchSize: 500, flushIntervalMs: 250 });
    for (let i = 0; i < 7; i++) log.record(read(i));
    await jest.advanceTimersByTimeAsync(100);
    log.record(read(7));
    await jest.advanceTimersByTimeAsync(149);
    expect(batches).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(batches.map((b) => b.length)).toEqual([8]);
    log.record(read(8));
    await jest.advanceTimersByTimeAsync(250);
    expect(batches.map((b) => b.length)).toEqual([8, 1]);
    await log.close();
  });

  it('keeps the records of a failed write and writes them later, in order', async () => {
    const { store, batches, state } = fakeStore();
    useTestTimers();
    const log = new AccessLog(store, { batchSize: 500, flushIntervalMs: 250 });
    state.fail = 1;
    log.record(read(1));
    await jest.advanceTimersByTimeAsync(250);
    expect(log.stats()).toMatchObject({ failures: 1, buffered: 1, written: 0 });
    log.record(read(2));
    await jest.advanceTimersByTimeAsync(250);
    expect(batches).toEqual([[read(1), read(2)]]);
    await log.close();
  });

  it('writes the rest on close, then closes the store', async () => {
    const { store, batches, state } = fakeStore();
    const log = new AccessLog(store, { batchSize: 500, flushIntervalMs: 60_000 });
    log.record(read(1));
    log.record(read(2));
    await log.close();
    expect(batches).toEqual([[read(1), read(2)]]);
    expect(state.closed).toBe(true);
  });

  it('drops and counts reads past its bound while the store refuses them', async () => {
    const { store, state } = fakeStore();
    state.fail = 1_000;
    const log = new AccessLog(store, { batchSize: 2, flushIntervalMs: 60_000, maxBuffered: 3 });
    for (let i = 0; i < 5; i++) log.record(read(i));
    expect(log.stats()).toMatchObject({ recorded: 5, dropped: 2, buffered: 3 });
    state.fail = 0;
    await log.close();
  });
});

describe('purposeOf (X-Purpose)', () => {
  it('takes up to 200 printable characters, and no header or a blank one as no purpose', () => {
    expect(purposeOf(undefined)).toBeNull();
    expect(purposeOf('  ')).toBeNull();
    expect(purposeOf(' home visit, PKH verification 2026-1 ')).toBe('home visit, PKH verification 2026-1');
    expect(purposeOf('x'.repeat(200))).toHaveLength(200);
  });

  it('refuses longer or unprintable text with a problem naming the header', () => {
    for (const bad of ['x'.repeat(201), 'line\nbreak', 'tab\there', 'caf\u00e9']) {
      expect(() => purposeOf(bad)).toThrow(
        expect.objectContaining({
          status: 400,
          extensions: { errors: [expect.objectContaining({ field: 'X-Purpose' })] },
        }),
      );
    }
  });
});

describe('accessEntryHash', () => {
  // The SQLite writer's thread links the canonical JSON the main thread made with its number by
  // concatenation; verify recomputes with chainDigest. Both must give the same link.
  it("is the writer thread's concatenation for any read", () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 30 });
    fc.assert(
      fc.property(
        fc.record({
          at: text,
          actor: text,
          role: text,
          method: text,
          route: text,
          purpose: fc.option(text, { nil: null }),
          households: fc.array(text, { maxLength: 5 }),
          requestId: fc.option(text, { nil: null }),
        }),
        fc.nat(),
        (read, seq) => {
          const threaded = hash('sha256', `${GENESIS_HASH}{"read":${canonicalJson(read)},"seq":${seq}}`, 'hex');
          expect(accessEntryHash(GENESIS_HASH, { ...read, seq })).toBe(threaded);
        },
      ),
      { numRuns: 300, seed: 20261130 },
    );
  });
});
