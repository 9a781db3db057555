import { categoryOf } from '#libs/platform/event-store/index.js';
import type { Projection } from '#libs/platform/read-store/index.js';
import type { EventPublisher } from './event-publisher.port.js';
import { INTERNAL_CATEGORIES, toFeedMessage, type FeedMessageOptions } from './feed-message.js';

/** The relay's projection name unless told otherwise (its checkpoint row, /metrics). */
export const FEED_RELAY_NAME = 'kafka-relay';

/**
 * The Kafka relay, run by the projection runner like any projection: it reads the global feed
 * from its checkpoint, publishes a batch, and the runner writes the checkpoint only after the
 * batch is acknowledged. At least once: a crash between acknowledgement and checkpoint sends the
 * batch again, and consumers drop what they have seen by event id. An outage makes the runner
 * back off and resume from the checkpoint. Stopping closes the publisher, which abandons a send
 * still retrying (bounded by its shutdown timeout): the batch goes again after a restart.
 */
export function feedRelay(publisher: EventPublisher, options: FeedMessageOptions & { name?: string }): Projection {
  return {
    name: options.name ?? FEED_RELAY_NAME,
    version: 1,
    filter: {},
    tables: [],
    isolated: true,
    async setup() {},
    async apply() {
      throw new Error('The relay publishes whole batches (applyBatch)');
    },
    async applyBatch(_trx, events) {
      const messages = events
        .filter((e) => !INTERNAL_CATEGORIES.includes(categoryOf(e.stream)))
        .map((e) => toFeedMessage(e, options));
      await publisher.publish(messages);
    },
    stop: () => publisher.close(),
  };
}
