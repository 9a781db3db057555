import type { Projection } from '#libs/platform/read-store/index.js';
import type { EventPublisher } from './event-publisher.port.js';
import { toFeedMessage, type FeedMessage, type FeedMessageOptions } from './feed-message.js';

/** The relay's projection name unless told otherwise (its checkpoint row, /metrics). */
export const FEED_RELAY_NAME = 'kafka-relay';

/**
 * The Kafka relay, run by the projection runner like any projection: it reads the global feed
 * from its checkpoint, publishes a batch, and the runner writes the checkpoint only after the
 * batch is acknowledged. At least once: a crash between acknowledgement and checkpoint sends the
 * batch again, and consumers drop what they have seen by event id. An outage makes the runner
 * back off and resume from the checkpoint.
 *
 * Its version follows the pseudonym key: a new key (rotation, ADR 0010) makes the runner start it
 * from zero, so the whole feed is published again under the new key, whose id every message
 * carries, and a job can fold one key's pseudonyms from the beginning.
 */
export function feedRelay(publisher: EventPublisher, options: FeedMessageOptions & { name?: string }): Projection {
  return {
    name: options.name ?? FEED_RELAY_NAME,
    version: relayVersion(options.piiFree),
    filter: {},
    tables: [],
    isolated: true,
    async setup() {},
    async apply() {
      throw new Error('The relay publishes whole batches (applyBatch)');
    },
    async applyBatch(_trx, events) {
      const messages = events.map((e) => toFeedMessage(e, options)).filter((m): m is FeedMessage => m !== null);
      await publisher.publish(messages);
    },
  };
}

/** 1 with PII; otherwise from the key id (a 28-bit number, so it fits the checkpoint's integer). */
export const relayVersion = (piiFree: FeedMessageOptions['piiFree']): number =>
  piiFree ? 2 + Number.parseInt(piiFree.keyId.slice(1, 8), 16) : 1;
