import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  KafkaFeedConsumer,
  KafkaPublisher,
  feedRelay,
  type EventPublisher,
  type FeedMessage,
} from '#libs/platform/event-feed/index.js';
import { ProjectionRunner } from '#libs/platform/read-store/index.js';
import { eventually } from '../support/eventually.js';
import { relayTestbed } from '../support/kafka-mock.js';
import { testMetadata } from '../support/events.js';
import { testPiiFree } from '../support/pii-free.js';

const meta = testMetadata;

/** Sends through whichever real Kafka client is current: one aimed at a dead address during the outage. */
class SwitchablePublisher implements EventPublisher {
  attempts = 0;
  constructor(public current: EventPublisher) {}
  publish(messages: readonly FeedMessage[]) {
    this.attempts += 1;
    return this.current.publish(messages);
  }
  close() {
    return this.current.close();
  }
}

describe('Kafka outage and a slow consumer', () => {
  const bed = relayTestbed('outage');

  describe('the relay through a broker outage', () => {
    // Nothing listens on port 1: every connection is refused, as in a broker outage.
    const dead = new KafkaPublisher({
      brokers: ['127.0.0.1:1'],
      clientId: 'relay-outage',
      idempotent: false,
      retries: 0,
    });
    const publisher = new SwitchablePublisher(dead);
    let runner: ProjectionRunner;
    const relay = () => runner.status()[0]!;

    beforeAll(async () => {
      const { store, readDb } = bed.get();
      for (let i = 0; i < 30; i++) {
        await store.append(
          `pkh-${randomUUID()}`,
          [{ eventId: randomUUID(), type: 'EnrolledInPkh', data: { householdId: `h${i}` }, metadata: meta }],
          'no_stream',
        );
      }
      runner = new ProjectionRunner(
        store,
        readDb,
        [feedRelay(publisher, { topicPrefix: 'outage', piiFree: testPiiFree() })],
        { retryDelayMs: 100, batchSize: 10 },
      );
      await runner.start();
    });
    afterAll(async () => {
      await runner.stop();
      await publisher.close();
    });

    it('backs off and tries again while the brokers are unreachable, its checkpoint staying put', async () => {
      await eventually(() => relay().state === 'failing', 'the relay to fail', { timeoutMs: 5_000 });
      expect(relay()).toMatchObject({ state: 'failing', checkpoint: 0, lastError: expect.any(String) });
      await eventually(() => publisher.attempts >= 3, 'the relay to try again twice', { timeoutMs: 10_000 });
      expect(relay().checkpoint).toBe(0);
    });

    it('resumes from its checkpoint when the brokers come back, and is live again', async () => {
      publisher.current = new KafkaPublisher({
        brokers: bed.get().kafka.brokers,
        clientId: 'relay-back',
        idempotent: false,
      });
      await dead.close();
      expect(await runner.waitFor(await bed.get().store.headPosition(), 60_000)).toBe(true);
      await eventually(() => expect(relay()).toMatchObject({ state: 'live', lastError: null }), 'the relay to be live');
    }, 90_000);
  });

  it('gives a slow consumer every event exactly once, since nothing was acknowledged twice', async () => {
    const consumer = new KafkaFeedConsumer({
      brokers: bed.get().kafka.brokers,
      clientId: 'slow',
      groupId: `slow-${randomUUID()}`,
    });
    const received: string[] = [];
    void consumer.run(['outage.pkh.v1'], async (messages) => {
      await new Promise((r) => setTimeout(r, 200)); // a slow consumer
      received.push(...messages.map((m) => m.headers['event-id']!));
    });
    try {
      await eventually(() => received.length >= 30, 'the slow consumer to receive 30 events', { timeoutMs: 30_000 });
    } finally {
      await consumer.close();
    }
    const expected = (await bed.get().store.readAll()).map((e) => e.eventId).sort();
    expect([...received].sort()).toEqual(expected);
  }, 60_000);
});
