import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeAllOptions,
  SubscriptionBatch,
} from '#libs/platform/event-store/index.js';
import { ENVELOPE_FIELD, isEnvelope, open, seal, type Envelope } from './envelope.js';
import type { Keyring } from './keyring.js';
import { erasedValue, keyOwnerOf, mapPaths, type PersonalFields } from './personal-fields.js';

/** What the capabilities declare: the personal fields of each event type, and the erasure events. */
export interface PersonalDataDeclarations {
  fieldsOf: PersonalFields;
  /** Event types after which their owner's key is gone (`HouseholdErased`). */
  erasedBy: readonly string[];
}

const storedForms = new WeakMap<object, RecordedEvent>();

/**
 * The event as the store holds it (personal values sealed): what the audit chain hashes, so
 * that the chain still verifies once a key is erased. An event without personal data is its own
 * stored form.
 */
export function storedFormOf(event: RecordedEvent): RecordedEvent {
  return storedForms.get(event) ?? event;
}

export function encryptPersonalData(
  store: EventStore,
  keyring: Keyring,
  declarations: PersonalDataDeclarations,
): EventStore {
  return new PersonalDataEventStore(store, keyring, declarations);
}

/**
 * Crypto-shredding above the store port, so every adapter gets it: an append seals the declared
 * personal fields of each event under its owner's key (one envelope per event, `data.$enc`, the
 * fields themselves left holding the erased marker of their type); every read opens them again.
 * Without the key (erased) a read shows the markers: never an exception.
 */
class PersonalDataEventStore implements EventStore {
  private readonly erasureTypes: ReadonlySet<string>;

  constructor(
    private readonly store: EventStore,
    private readonly keyring: Keyring,
    private readonly declarations: PersonalDataDeclarations,
  ) {
    this.erasureTypes = new Set(declarations.erasedBy);
  }

  async append(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    options?: AppendOptions,
  ): Promise<AppendResult> {
    const sealed = await Promise.all(events.map((event) => this.seal(stream, event)));
    return this.store.append(stream, sealed, expected, options);
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.openAll(await this.store.readStream(stream, options));
  }

  streamRevision(stream: string): Promise<number | undefined> {
    return this.store.streamRevision(stream);
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.openAll(await this.store.readAll(options));
  }

  async *subscribeAll(options?: SubscribeAllOptions): AsyncIterable<SubscriptionBatch> {
    for await (const batch of this.store.subscribeAll(options))
      yield batch.events.length ? { ...batch, events: await this.openAll(batch.events) } : batch;
  }

  headPosition(): Promise<number> {
    return this.store.headPosition();
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private async seal(stream: string, event: NewEvent): Promise<NewEvent> {
    const declared = this.declarations.fieldsOf(event.type);
    const owner = declared.length ? keyOwnerOf(stream, event) : undefined;
    if (!owner) return event;
    // A decision's reason is free text: sealed with the data wherever the data is personal.
    const paths = [...declared.map((path) => `data.${path}`), 'metadata.reason'];
    const values: unknown[] = [];
    const stripped = mapPaths({ data: event.data, metadata: event.metadata }, paths, (value) => {
      values.push(value);
      return erasedValue(value);
    }) as Pick<NewEvent, 'data' | 'metadata'>;
    if (values.length === 0) return event;
    const key = await this.keyring.keyForWriting(owner);
    // An erased owner's personal data is not stored at all: only the markers.
    if (!key) return { ...event, ...stripped };
    const envelope = seal(key, owner, paths, event.eventId, values);
    return {
      ...event,
      metadata: stripped.metadata,
      data: { ...(stripped.data as object), [ENVELOPE_FIELD]: envelope },
    };
  }

  private async openAll(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    // An erasure in this batch applies to the events before it too: they are read after it.
    for (const event of events)
      if (this.erasureTypes.has(event.type)) {
        const owner = keyOwnerOf(event.stream, event);
        if (owner) await this.keyring.erase(owner);
      }
    // The batch's keys first (one look-up per household), then every event opened without a wait.
    const keys = new Map<string, Buffer | null>();
    for (const event of events) {
      const envelope = envelopeOf(event);
      if (envelope && !keys.has(envelope.k)) keys.set(envelope.k, await this.keyring.keyForReading(envelope.k));
    }
    return events.map((event) => {
      const envelope = envelopeOf(event);
      return envelope ? openEvent(event, envelope, keys.get(envelope.k) ?? null) : event;
    });
  }
}

function envelopeOf(event: RecordedEvent): Envelope | undefined {
  const data = event.data as Record<string, unknown> | null;
  if (!data || typeof data !== 'object' || !(ENVELOPE_FIELD in data)) return undefined;
  const envelope = data[ENVELOPE_FIELD];
  return isEnvelope(envelope) ? envelope : undefined;
}

function openEvent(event: RecordedEvent, envelope: Envelope, key: Buffer | null): RecordedEvent {
  const { [ENVELOPE_FIELD]: _sealed, ...stripped } = event.data as Record<string, unknown>;
  let restored = { data: stripped as unknown, metadata: event.metadata };
  if (key) {
    try {
      const values = open(key, event.eventId, envelope);
      let next = 0;
      restored = mapPaths(restored, envelope.p, () => values[next++]) as typeof restored;
    } catch {
      // A sealed value that does not open (changed in the store): the markers; the audit chain
      // reports the change.
    }
  }
  const opened = { ...event, ...restored };
  storedForms.set(opened, event);
  return opened;
}
