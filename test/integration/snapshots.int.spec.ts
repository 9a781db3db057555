import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { CommandExecutor, type CommandContext } from '#libs/platform/command-handling/index.js';
import { StreamReader } from '#libs/platform/streams/index.js';
import { fold, type Decider } from '#libs/platform/domain/index.js';
import { SqliteEventStore } from '#libs/platform/event-store/index.js';

type Added = { type: 'Added'; data: { n: number } };
type Tally = { count: number; sum: number; seen: number[] };
/** Keeps every number in an array it appends to in place: a kept snapshot must not see that. */
const tally: Decider<{ n: number }, Added, Tally> = {
  initialState: () => ({ count: 0, sum: 0, seen: [] }),
  evolve: (state, event) => {
    state.seen.push(event.data.n);
    return { count: state.count + 1, sum: state.sum + event.data.n, seen: state.seen };
  },
  decide: (command) => [{ type: 'Added', data: { n: command.n } }],
};
/** Another fold of the same stream: must never be handed the tally's snapshots. */
const last: Pick<Decider<unknown, Added, number>, 'initialState' | 'evolve'> = {
  initialState: () => -1,
  evolve: (_state, event) => event.data.n,
};

describe('command executor over long streams (snapshots in memory)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let ticks: number;
  const at = (tick: number) => new Date(Date.UTC(2026, 0, 1) + tick * 60_000).toISOString();
  const context = (): CommandContext => ({
    principal: { sub: 'cw-01', role: 'caseworker' },
    correlationId: randomUUID(),
    causationId: randomUUID(),
    now: new Date().toISOString(),
    today: new Date().toISOString().slice(0, 10),
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'jejak-snapshots-'));
    ticks = 0;
    // Each append is recorded one minute after the one before.
    store = new SqliteEventStore({ filename: join(dir, 'events.db'), clock: () => new Date(at(ticks++)) });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same state, revision and position as a full fold, now and as of any time', async () => {
    const stream = `tally-${randomUUID()}`;
    const reader = new StreamReader(store);
    const executor = new CommandExecutor(store, reader);
    for (let n = 0; n < 250; n++)
      await executor.execute({ stream, decider: tally, command: { n }, context: context() });
    const events = await store.readStream(stream);
    const expected = (upTo: number) => ({
      state: fold(
        tally,
        events.slice(0, upTo + 1).map(({ type, data }) => ({ type, data }) as Added),
      ),
      revision: upTo >= 0 ? upTo : undefined,
      position: upTo >= 0 ? events[upTo]!.position : undefined,
    });

    expect(await reader.stateAt(stream, tally)).toEqual(expected(249));
    // Before, on and after the snapshots at revisions 99 and 199, in any order.
    for (const revision of [249, 0, 98, 99, 100, 150, 199, 200, 57, 248]) {
      expect(await reader.stateAt(stream, tally, at(revision))).toEqual(expected(revision));
    }
    expect(await reader.stateAt(stream, tally, at(-1))).toEqual(expected(-1));
    expect(await reader.stateAt(stream, last)).toEqual({
      state: 249,
      revision: 249,
      position: events[249]!.position,
    });
  });

  it('decides on the current state when the stream grew elsewhere after a snapshot', async () => {
    const stream = `tally-${randomUUID()}`;
    const mineReader = new StreamReader(store);
    const mine = new CommandExecutor(store, mineReader);
    for (let n = 0; n < 120; n++) await mine.execute({ stream, decider: tally, command: { n }, context: context() });
    // Another process (another executor) appends; this one's snapshot at 99 is still true.
    const other = new CommandExecutor(store);
    for (let n = 120; n < 130; n++) await other.execute({ stream, decider: tally, command: { n }, context: context() });
    const result = await mine.execute({ stream, decider: tally, command: { n: 130 }, context: context() });
    expect(result.revision).toBe(130);
    const { state } = await mineReader.stateAt(stream, tally);
    expect(state.count).toBe(131);
    expect(state.sum).toBe((130 * 131) / 2);
    expect(state.seen).toEqual(Array.from({ length: 131 }, (_, n) => n));
  });

  it('starts a command on a stream it just wrote from the state it kept, checking only the revision', async () => {
    const stream = `tally-${randomUUID()}`;
    // The real store, counting the events it hands out.
    let eventsRead = 0;
    const counted = new Proxy(store, {
      get(target, name, receiver) {
        if (name !== 'readStream') return Reflect.get(target, name, receiver);
        return async (...args: Parameters<SqliteEventStore['readStream']>) => {
          const events = await target.readStream(...args);
          eventsRead += events.length;
          return events;
        };
      },
    });
    const reader = new StreamReader(counted);
    const mine = new CommandExecutor(counted, reader);
    for (let n = 0; n < 5; n++) await mine.execute({ stream, decider: tally, command: { n }, context: context() });
    expect(eventsRead).toBe(0);
    // Another process writes two events: the next command here reads those two only.
    const other = new CommandExecutor(store);
    for (let n = 5; n < 7; n++) await other.execute({ stream, decider: tally, command: { n }, context: context() });
    const result = await mine.execute({ stream, decider: tally, command: { n: 7 }, context: context() });
    expect(eventsRead).toBe(2);
    expect(result.revision).toBe(7);
    const events = await store.readStream(stream);
    const { state, revision, position } = await reader.stateAt(stream, tally);
    expect(eventsRead).toBe(2);
    expect({ state, revision, position }).toEqual({
      state: fold(
        tally,
        events.map(({ type, data }) => ({ type, data }) as Added),
      ),
      revision: 7,
      position: events[7]!.position,
    });
    // A kept state is a copy: changing what a reader was given changes nothing kept.
    state.seen.push(99);
    expect((await reader.stateAt(stream, tally)).state.seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // Forgotten (an erasure): read again in full.
    reader.forgetSnapshots();
    expect((await reader.stateAt(stream, tally)).state.count).toBe(8);
    expect(eventsRead).toBe(10);
  });
});
