import { categoryOf, type RecordedEvent } from '#libs/platform/event-store/index.js';
import type { PiiFreeEvent, PiiFreeView } from '#libs/platform/privacy/index.js';

/** One event as the feed carries it to reporting jobs (Kafka, or any other transport). */
export interface FeedMessage {
  topic: string;
  /** The stream (pseudonymised with the body): one stream's events keep their order within a partition. */
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** The message body: the event as PII-free readers see it, or whole when PII is allowed. */
export type FeedEvent = PiiFreeEvent | RecordedEvent;

export interface FeedMessageOptions {
  topicPrefix: string;
  /** The redaction of PII-free readers; null sends events whole (KAFKA_INCLUDE_PII=true). */
  piiFree: PiiFreeView | null;
}

/** Internal bookkeeping streams (reservations) are not part of the reporting feed. */
export const INTERNAL_CATEGORIES: readonly string[] = ['identity', 'kubemembership', 'stagepayment', 'period'];

export const topicFor = (prefix: string, category: string): string => `${prefix}.${category}.v1`;

/** The message of one event, or null for an event the feed does not carry. */
export function toFeedMessage(event: RecordedEvent, options: FeedMessageOptions): FeedMessage | null {
  if (INTERNAL_CATEGORIES.includes(categoryOf(event.stream))) return null;
  const body: FeedEvent | null = options.piiFree ? options.piiFree.event(event) : event;
  if (body === null) return null;
  return {
    topic: topicFor(options.topicPrefix, categoryOf(event.stream)),
    key: body.stream,
    value: JSON.stringify(body),
    headers: {
      'event-id': event.eventId,
      'event-type': event.type,
      stream: body.stream,
      position: String(event.position),
      'schema-version': String(event.metadata.schemaVersion ?? 1),
      ...(options.piiFree ? { 'pseudonym-key': options.piiFree.keyId } : {}),
    },
  };
}
