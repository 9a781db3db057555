import type { FeedMessage } from './feed-message.js';

/**
 * Where the relay sends the feed. Kafka today (kafkajs); a port of ours so the client can be
 * swapped without touching the relay or the jobs. `publish` resolves only when every message is
 * acknowledged.
 */
export interface EventPublisher {
  publish(messages: readonly FeedMessage[]): Promise<void>;
  close(): Promise<void>;
}

/** What a reporting job reads: batches of feed messages, acknowledged once the handler resolves. */
export interface FeedConsumer {
  run(topics: readonly string[], handle: (messages: readonly FeedMessage[]) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}
