import { createHash } from 'node:crypto';
import { categoryOf, type RecordedEvent } from '#libs/platform/event-store/index.js';

/** One event as the feed carries it to reporting jobs (Kafka, or any other transport). */
export interface FeedMessage {
  topic: string;
  /** The stream: one stream's events keep their order within a partition. */
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** The message body: the event without what reporters must not see (unless PII is allowed). */
export interface FeedEvent {
  eventId: string;
  stream: string;
  revision: number;
  position: number;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recordedAt: string;
}

/** Fields that carry names, identity numbers, addresses or free text about a person. */
const DROPPED = new Set(['name', 'kk', 'street', 'rt', 'rw', 'birthDate', 'text', 'detail', 'reference']);
/** Identity numbers become stable pseudonyms, so jobs can still count distinct people. */
const PSEUDONYMISED = new Set(['nik']);

export const pseudonym = (nik: string): string =>
  `p_${createHash('sha256').update(`jejak-person:${nik}`).digest('hex').slice(0, 20)}`;

export function redactPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactPersonalData);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (DROPPED.has(key)) continue;
    if (PSEUDONYMISED.has(key) && typeof field === 'string') out[key] = pseudonym(field);
    else if (key === 'present' && Array.isArray(field))
      out[key] = field.map((nik) => (typeof nik === 'string' ? pseudonym(nik) : nik));
    else out[key] = redactPersonalData(field);
  }
  return out;
}

export interface FeedMessageOptions {
  topicPrefix: string;
  includePii: boolean;
}

/** Internal bookkeeping streams (reservations) are not part of the reporting feed. */
export const INTERNAL_CATEGORIES: readonly string[] = ['identity', 'kubemembership'];

export const topicFor = (prefix: string, category: string): string => `${prefix}.${category}.v1`;

export function toFeedMessage(event: RecordedEvent, options: FeedMessageOptions): FeedMessage {
  const body: FeedEvent = {
    eventId: event.eventId,
    stream: event.stream,
    revision: event.revision,
    position: event.position,
    type: event.type,
    data: options.includePii ? event.data : redactPersonalData(event.data),
    metadata: options.includePii ? event.metadata : (redactPersonalData(event.metadata) as Record<string, unknown>),
    recordedAt: event.recordedAt,
  };
  return {
    topic: topicFor(options.topicPrefix, categoryOf(event.stream)),
    key: event.stream,
    value: JSON.stringify(body),
    headers: {
      'event-id': event.eventId,
      'event-type': event.type,
      stream: event.stream,
      position: String(event.position),
      'schema-version': String(event.metadata.schemaVersion ?? 1),
    },
  };
}
