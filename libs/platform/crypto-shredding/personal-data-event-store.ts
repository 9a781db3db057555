import type {
  AppendOptions,
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
} from '#libs/platform/event-store/index.js';
import { ENVELOPE_FIELD, isEnvelope, open, seal, type Envelope } from './envelope.js';
import type { Keyring } from './keyring.js';
import { erasedIdentity, erasedValue, keyOwnerOf, mapPaths, type PersonalFields } from './personal-fields.js';

/**
 * A list of plain personal values whose elements belong to several households: element `i` of
 * `list` belongs to the household named at index `i` of `owners` (both paths into `data`).
 */
export interface OwnedElements {
  list: string;
  owners: string;
}

/** What the capabilities declare: the personal fields of each event type, and the erasure events. */
export interface PersonalDataDeclarations {
  fieldsOf: PersonalFields;
  /** The fields that identify a person (NIKs): erased, each shows a marker of its own (`erasedIdentity`). */
  identitiesOf?: PersonalFields;
  /** Lists sealed element by element, each under its own household's key. */
  ownedElementsOf?: (type: string) => OwnedElements | undefined;
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
    // The pool's figures (/metrics) pass through where the store below has a pool.
    const pooled = store as EventStore & { poolStats?: () => unknown };
    if (typeof pooled.poolStats === 'function') Object.assign(this, { poolStats: () => pooled.poolStats!() });
    // So do the append notices a projector thread needs, where the store below has them.
    if (store.onAppended && store.appendedElsewhere)
      Object.assign(this, {
        onAppended: store.onAppended.bind(store),
        appendedElsewhere: store.appendedElsewhere.bind(store),
      });
  }

  onAppended?(listener: (position: number) => void): () => void;
  appendedElsewhere?(position: number): void;

  async append(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    options?: AppendOptions,
  ): Promise<AppendResult> {
    const sealed = await Promise.all(events.map((event) => this.seal(stream, event)));
    return this.store.append(stream, sealed, expected, options);
  }

  async appendMany(appends: readonly StreamAppend[], options?: AppendOptions): Promise<AppendResult[]> {
    const sealed = await Promise.all(
      appends.map(async (a) => ({
        ...a,
        events: await Promise.all(a.events.map((event) => this.seal(a.stream, event))),
      })),
    );
    return this.store.appendMany(sealed, options);
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
    if (!declared.length) return event;
    const split = this.declarations.ownedElementsOf?.(event.type);
    const elements = split ? elementsByOwner(event.data, split) : undefined;
    // A decision's reason is free text: sealed with the data wherever the data is personal.
    const whole = [
      ...declared.filter((path) => !elements || path !== split!.list).map((path) => `data.${path}`),
      'metadata.reason',
    ];
    const owner = keyOwnerOf(stream, event);
    const parts: Array<[string, string[]]> = owner ? [[owner, whole]] : [];
    for (const [household, indices] of elements ?? [])
      parts.push([`household-${household}`, indices.map((i) => `data.${split!.list}[${i}]`)]);
    let stored = { data: event.data, metadata: event.metadata };
    const envelopes: Envelope[] = [];
    for (const [keyId, paths] of parts) {
      const values: unknown[] = [];
      mapPaths(stored, paths, (value) => {
        values.push(value);
        return value;
      });
      if (!values.length) continue;
      const key = await this.keyring.keyForWriting(keyId);
      // An erased owner's personal data is not stored at all: only the markers.
      stored = paths.reduce((copy, path) => {
        const identity = key && this.isIdentity(event.type, path);
        return mapPaths(copy, [path], (value) =>
          identity ? erasedIdentity(key, value) : erasedValue(value),
        ) as typeof stored;
      }, stored);
      if (key) envelopes.push(seal(key, keyId, paths, event.eventId, values));
    }
    if (!envelopes.length && stored.data === event.data && stored.metadata === event.metadata) return event;
    // One owner: one envelope, as before; an event of several households carries a list of them.
    const sealed = elements ? envelopes : envelopes[0];
    return {
      ...event,
      metadata: stored.metadata,
      data: envelopes.length ? { ...(stored.data as object), [ENVELOPE_FIELD]: sealed } : stored.data,
    };
  }

  private isIdentity(type: string, path: string): boolean {
    const field = path.replace(/^data\./, '').replace(/\[\d+\]/g, '');
    return this.declarations.identitiesOf?.(type).includes(field) ?? false;
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
    for (const event of events)
      for (const envelope of envelopesOf(event) ?? [])
        if (!keys.has(envelope.k)) keys.set(envelope.k, await this.keyring.keyForReading(envelope.k));
    return events.map((event) => {
      const envelopes = envelopesOf(event);
      return envelopes ? openEvent(event, envelopes, keys) : event;
    });
  }
}

/** The households of each element of an owned list, or undefined when the event does not name them element by element. */
function elementsByOwner(data: unknown, { list, owners }: OwnedElements): Map<string, number[]> | undefined {
  const record = data as Record<string, unknown> | null;
  const values = record?.[list];
  const households = record?.[owners];
  if (!Array.isArray(values) || !Array.isArray(households) || values.length !== households.length) return undefined;
  const byOwner = new Map<string, number[]>();
  households.forEach((household, i) => {
    if (typeof household === 'string') byOwner.set(household, [...(byOwner.get(household) ?? []), i]);
  });
  return byOwner;
}

/** The event's envelopes: one (an event of one household) or a list (of several); undefined when none. */
function envelopesOf(event: RecordedEvent): Envelope[] | undefined {
  const data = event.data as Record<string, unknown> | null;
  if (!data || typeof data !== 'object' || !(ENVELOPE_FIELD in data)) return undefined;
  const sealed = data[ENVELOPE_FIELD];
  return (Array.isArray(sealed) ? sealed : [sealed]).filter(isEnvelope);
}

function openEvent(
  event: RecordedEvent,
  envelopes: Envelope[],
  keys: ReadonlyMap<string, Buffer | null>,
): RecordedEvent {
  const { [ENVELOPE_FIELD]: _sealed, ...stripped } = event.data as Record<string, unknown>;
  let restored = { data: stripped as unknown, metadata: event.metadata };
  for (const envelope of envelopes) {
    const key = keys.get(envelope.k);
    if (!key) continue;
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
