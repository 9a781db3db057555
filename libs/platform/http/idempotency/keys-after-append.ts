import { KeyedMutex } from '#libs/platform/command-handling/keyed-mutex.js';
import {
  CommandKeyTakenError,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
  type SubscribeAllOptions,
  type SubscriptionBatch,
} from '#libs/platform/event-store/index.js';
import type { IdempotencyStore } from './idempotency.store.js';

/**
 * For an event store that cannot record a command key in the append's own transaction
 * (KurrentDB): the key is looked up, the events appended, then the key recorded, one key at a
 * time in this process. A crash between append and record, or the same key sent to two
 * processes at once, can still run a command twice; the SQL stores do not have that gap.
 */
export function recordKeysAfterAppend(store: EventStore, keys: IdempotencyStore): EventStore {
  return new KeysAfterAppend(store, keys);
}

class KeysAfterAppend implements EventStore {
  private readonly perKey = new KeyedMutex();

  constructor(
    private readonly store: EventStore,
    private readonly keys: IdempotencyStore,
  ) {}

  append(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    return this.appendMany([{ stream, events, expectedRevision: expected }], options).then((results) => results[0]!);
  }

  /** The key is recorded with the last stream's result, as the SQL stores record it. */
  async appendMany(appends: readonly StreamAppend[], options: AppendOptions = {}): Promise<AppendResult[]> {
    const { commandKey } = options;
    if (!commandKey || appends.length === 0) return this.store.appendMany(appends);
    return this.perKey.run(`${commandKey.scope}\n${commandKey.key}`, async () => {
      if (await this.keys.find(commandKey.scope, commandKey.key))
        throw new CommandKeyTakenError(commandKey.scope, commandKey.key);
      const results = await this.store.appendMany(appends);
      const last = results.at(-1)!;
      const { stream } = appends.at(-1)!;
      await this.keys.record({ ...commandKey, stream, revision: last.nextRevision, position: last.position });
      return results;
    });
  }

  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.store.readStream(stream, options);
  }
  streamRevision(stream: string): Promise<number | undefined> {
    return this.store.streamRevision(stream);
  }
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.store.readAll(options);
  }
  subscribeAll(options?: SubscribeAllOptions): AsyncIterable<SubscriptionBatch> {
    return this.store.subscribeAll(options);
  }
  headPosition(): Promise<number> {
    return this.store.headPosition();
  }
  close(): Promise<void> {
    return this.store.close();
  }
}
