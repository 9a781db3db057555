import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  CommandExecutor,
  PreconditionFailedError,
  Reservations,
  type Claim,
  type CommandContext,
} from '#libs/platform/command-handling/index.js';
import { DomainError, type Decider } from '#libs/platform/domain/index.js';
import { SqliteEventStore } from '#libs/platform/event-store/index.js';
import { StreamReader } from '#libs/platform/streams/index.js';

type Registered = { type: 'Registered'; data: { code: string } };
/** A thing that takes a code no other thing may have: the code is reserved with its registration. */
const thing: Decider<{ code: string }, Registered, { codes: string[] }> = {
  initialState: () => ({ codes: [] }),
  evolve: (state, event) => ({ codes: [...state.codes, event.data.code] }),
  decide: (command) => [{ type: 'Registered', data: { code: command.code } }],
};

describe('reservations committed with the command that claims them (ExecuteCommand.alongside)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let executor: CommandExecutor;
  let reservations: Reservations;
  const context = (expectedRevision?: number): CommandContext => ({
    principal: { sub: 'cw-01', role: 'caseworker' },
    correlationId: randomUUID(),
    causationId: randomUUID(),
    now: new Date().toISOString(),
    today: new Date().toISOString().slice(0, 10),
    ...(expectedRevision === undefined ? {} : { expectedRevision }),
  });
  const claim = (code: string): Claim => ({
    stream: `code-${code}`,
    kind: 'code',
    conflictCode: 'THING.CODE_TAKEN',
    conflictMessage: 'This code belongs to another thing',
  });
  const register = (thingId: string, code: string, ctx = context()) =>
    executor.execute({
      stream: `thing-${thingId}`,
      decider: thing,
      command: { code },
      context: ctx,
      alongside: () => reservations.claimAll([claim(code)], thingId),
    });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'jejak-alongside-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    const reader = new StreamReader(store);
    executor = new CommandExecutor(store, reader);
    reservations = new Reservations(executor, reader);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a free code, when a thing registers with it, then the reservation and the thing are one commit', async () => {
    const before = store.commits;
    const result = await register('a', '111');
    expect(store.commits - before).toBe(1);
    expect(await reservations.holderOf('code-111')).toBe('a');
    // The command's own stream comes last: its position is the commit's last.
    expect(result.position).toBe(await store.headPosition());
    expect((await store.readAll()).map((e) => [e.stream, e.type])).toEqual([
      ['code-111', 'ReservationMade'],
      ['thing-a', 'Registered'],
    ]);
  });

  it('given a code another thing holds, when a thing registers with it, then it is refused and nothing is written', async () => {
    await register('a', '222');
    const head = await store.headPosition();
    const refused = await register('b', '222').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'THING.CODE_TAKEN' });
    expect(await store.streamRevision('thing-b')).toBeUndefined();
    expect(await store.headPosition()).toBe(head);
  });

  it('given two things registering the same code at once, then one wins and the other leaves no trace', async () => {
    const outcomes = await Promise.allSettled([register('a', '333'), register('b', '333')]);
    const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [['a', 'b'][i]!] : []));
    expect(won).toHaveLength(1);
    const lost = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')!;
    expect(lost.reason).toMatchObject({ code: 'THING.CODE_TAKEN' });
    expect(await reservations.holderOf('code-333')).toBe(won[0]);
    // One reservation made, never one made and released again.
    expect((await store.readStream('code-333')).map((e) => e.type)).toEqual(['ReservationMade']);
    expect(await store.streamRevision(`thing-${won[0] === 'a' ? 'b' : 'a'}`)).toBeUndefined();
  });

  it('given a stale If-Match on the thing, when it claims a code, then 412 and the code stays free', async () => {
    await register('a', '444');
    const refused = await register('a', '555', context(7)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PreconditionFailedError);
    expect(await store.streamRevision('code-555')).toBeUndefined();
  });

  it('given a thing that holds its code already, when it registers it again, then only its own stream is written', async () => {
    await register('a', '666');
    const before = await store.readStream('code-666');
    await register('a', '666');
    expect(await store.readStream('code-666')).toEqual(before);
    expect(await store.streamRevision('thing-a')).toBe(1);
  });
});
