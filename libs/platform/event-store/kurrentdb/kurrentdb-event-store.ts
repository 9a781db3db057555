import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type Filter,
} from '@kurrent/kurrentdb-client';
import { AppendNotifier } from '../append-notifier.js';
import { catchUpSubscription, type FeedBatchReader } from '../catch-up-subscription.js';
import { ConcurrencyError } from '../errors.js';
import type {
  AllFilter,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeAllOptions,
  SubscriptionBatch,
} from '../event-store.port.js';
import { assertDistinctStreams, matchesFilter } from '../stream-name.js';
import {
  positionAfter,
  streamPrefixes,
  toActualRevision,
  toRecordedEvent,
  toStreamState,
  type KurrentRecorded,
} from './kurrentdb-mapping.js';

export interface KurrentDbEventStoreOptions {
  /** kurrentdb://host:2113?tls=false, or a cluster: kurrentdb+discover://... */
  connectionString: string;
  /** Prefix of every stream this store writes; tests use it to share a server. Default none. */
  namespace?: string;
  pollIntervalMs?: number;
}

/**
 * EventStoreDB/KurrentDB adapter: streams map one to one, the expected revision becomes the
 * client's stream state, event ids are kept (the server drops a retried append), and $all is
 * read with server-side filters. A live subscription to $all only wakes the catch-up loop, which
 * reads in order with checkpoints like every other adapter.
 */
export class KurrentDbEventStore implements EventStore, FeedBatchReader {
  private readonly notifier = new AppendNotifier();
  private readonly namespace: string;
  private readonly pollIntervalMs: number;
  private wakeUp: { unsubscribe(): Promise<void> } | undefined;

  private constructor(
    private readonly client: KurrentDBClient,
    options: KurrentDbEventStoreOptions,
  ) {
    this.namespace = options.namespace ?? '';
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
  }

  static connect(options: KurrentDbEventStoreOptions): KurrentDbEventStore {
    const store = new KurrentDbEventStore(KurrentDBClient.connectionString(options.connectionString), options);
    const subscription = store.client.subscribeToAll({ fromPosition: END, filter: store.serverFilter(undefined) });
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      const position = resolved.event?.position.commit ?? resolved.commitPosition;
      if (position !== undefined) store.notifier.notify(Number(position));
    });
    subscription.on('error', () => undefined);
    store.wakeUp = subscription;
    return store;
  }

  async append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    try {
      const result = await this.client.appendToStream(
        this.namespace + stream,
        events.map((e) =>
          jsonEvent({ id: e.eventId, type: e.type, data: e.data as Record<string, unknown>, metadata: e.metadata }),
        ),
        { streamState: toStreamState(expected) },
      );
      const position = Number(result.position?.commit ?? 0n);
      this.notifier.notify(position);
      return { nextRevision: Number(result.nextExpectedRevision), position };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError)
        throw new ConcurrencyError(stream, expected, toActualRevision(error.actualState));
      throw error;
    }
  }

  /**
   * One stream after another, in the order given: not atomic (ADR 0016). The client's
   * multiStreamAppend needs a 25.1 server and takes metadata of strings only, and no server runs
   * where this project is tested, so it is not used. A caller puts its command's own stream last:
   * a crash or a refusal part way leaves only the earlier parts (reservations, which the
   * reservation streams' take-over rule handles, ADR 0002), never the command without them.
   */
  async appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    assertDistinctStreams(appends);
    const results: AppendResult[] = [];
    for (const { stream, events, expectedRevision } of appends)
      results.push(await this.append(stream, events, expectedRevision));
    return results;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(this.namespace + stream, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.from === undefined ? (backwards ? END : START) : BigInt(options.from),
        ...(options.limit !== undefined ? { maxCount: options.limit } : {}),
      })) {
        if (resolved.event)
          events.push(toRecordedEvent(resolved.event as KurrentRecorded, this.namespace, resolved.commitPosition));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async streamRevision(stream: string): Promise<number | undefined> {
    const [last] = await this.readStream(stream, { direction: 'backwards', limit: 1 });
    return last?.revision;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.read(options.after ?? 0, Number.MAX_SAFE_INTEGER, options.filter, options.limit);
  }

  async readBatch(after: number, filter: AllFilter | undefined, limit: number): Promise<SubscriptionBatch> {
    const head = await this.globalHead();
    const events = await this.read(after, head, filter, limit);
    const full = events.length === limit;
    return { events, checkpoint: full ? events.at(-1)!.position : Math.max(head, after), caughtUp: !full };
  }

  subscribeAll(options: SubscribeAllOptions = {}): AsyncIterable<SubscriptionBatch> {
    return catchUpSubscription(this, this.notifier, options, this.pollIntervalMs);
  }

  async headPosition(): Promise<number> {
    return this.lastPosition(this.serverFilter(undefined));
  }

  async close(): Promise<void> {
    await this.wakeUp?.unsubscribe().catch(() => undefined);
    await this.client.dispose();
  }

  /** Position of the last event in $all that any reader of this store could see. */
  private globalHead(): Promise<number> {
    return this.lastPosition(this.serverFilter(undefined));
  }

  private async lastPosition(filter: Filter): Promise<number> {
    for await (const resolved of this.client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      maxCount: 1,
      filter,
    })) {
      return Number(resolved.event?.position.commit ?? resolved.commitPosition ?? 0n);
    }
    return 0;
  }

  private async read(
    after: number,
    head: number,
    filter: AllFilter | undefined,
    limit: number | undefined,
  ): Promise<RecordedEvent[]> {
    const from = positionAfter(after);
    const events: RecordedEvent[] = [];
    for await (const resolved of this.client.readAll({
      direction: FORWARDS,
      fromPosition: from ?? START,
      filter: this.serverFilter(filter),
    })) {
      if (!resolved.event) continue;
      const event = toRecordedEvent(resolved.event as KurrentRecorded, this.namespace, resolved.commitPosition);
      if (event.position <= after) continue;
      if (event.position > head) break;
      // The server filters by one criterion (see serverFilter); the rest is checked here.
      if (!matchesFilter(filter, event)) continue;
      events.push(event);
      if (limit !== undefined && events.length >= limit) break;
    }
    return events;
  }

  /** One server-side filter per read: stream prefixes when there are any, else event types. */
  private serverFilter(filter: AllFilter | undefined): Filter {
    const prefixes = streamPrefixes(this.namespace, filter?.categories);
    if (prefixes) return streamNameFilter({ prefixes });
    if (filter?.types?.length) return eventTypeFilter({ prefixes: [...filter.types] });
    return excludeSystemEvents();
  }
}
