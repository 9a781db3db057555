import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  KafkaFeedConsumer,
  KafkaPublisher,
  feedRelay,
  type EventPublisher,
  type FeedMessage,
} from '#libs/platform/event-feed/index.js';
import { ProjectionRunner } from '#libs/platform/read-store/index.js';
import { relayTestbed } from '../support/kafka-mock.js';
import { testMetadata } from '../support/events.js';

const meta = testMetadata;

/** Sends through whichever real Kafka client is current: one aimed at a dead address during the outage. */
class SwitchablePublisher implements EventPublisher {
  constructor(public current: EventPublisher) {}
  publish(messages: readonly FeedMessage[]) {
    return this.current.publish(messages);
  }
  close() {
    return this.current.close();
  }
}

describe('Kafka outage and a slow consumer', () => {
  const bed = relayTestbed('outage');

  it('backs off while the brokers are unreachable, then resumes from its checkpoint and delivers everything', async () => {
    const { kafka, store, readDb } = bed.get();
    for (let i = 0; i < 30; i++) {
      await store.append(
        `pkh-${randomUUID()}`,
        [{ eventId: randomUUID(), type: 'EnrolledInPkh', data: { householdId: `h${i}` }, metadata: meta }],
        'no_stream',
      );
    }
    // Nothing listens on port 1: every connection is refused, as in a broker outage.
    const dead = new KafkaPublisher({
      brokers: ['127.0.0.1:1'],
      clientId: 'relay-outage',
      idempotent: false,
      retries: 0,
    });
    const publisher = new SwitchablePublisher(dead);
    const runner = new ProjectionRunner(
      store,
      readDb,
      [feedRelay(publisher, { topicPrefix: 'outage', includePii: false })],
      { retryDelayMs: 100, batchSize: 10 },
    );
    await runner.start();
    for (let i = 0; i < 100 && runner.status()[0]!.state !== 'failing'; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(runner.status()[0]).toMatchObject({ state: 'failing', checkpoint: 0 });
    expect(runner.status()[0]!.lastError).toBeTruthy();
    await new Promise((r) => setTimeout(r, 1_000));
    expect(runner.status()[0]!.checkpoint).toBe(0);

    // The brokers come back: the relay resumes from its checkpoint.
    publisher.current = new KafkaPublisher({ brokers: kafka.brokers, clientId: 'relay-back', idempotent: false });
    await dead.close();
    expect(await runner.waitFor(await store.headPosition(), 60_000)).toBe(true);
    for (let i = 0; i < 100 && runner.status()[0]!.state !== 'live'; i++) await new Promise((r) => setTimeout(r, 20));
    expect(runner.status()[0]).toMatchObject({ state: 'live', lastError: null });
    await runner.stop();
    await publisher.close();

    // A slow consumer still gets every event, exactly once, since nothing was acknowledged twice.
    const consumer = new KafkaFeedConsumer({
      brokers: kafka.brokers,
      clientId: 'slow',
      groupId: `slow-${randomUUID()}`,
    });
    const received: string[] = [];
    const done = new Promise<void>((resolve) => {
      void consumer.run(['outage.pkh.v1'], async (messages) => {
        await new Promise((r) => setTimeout(r, 200));
        received.push(...messages.map((m) => m.headers['event-id']!));
        if (received.length >= 30) resolve();
      });
    });
    await Promise.race([done, new Promise((r) => setTimeout(r, 30_000))]);
    await consumer.close();
    const expected = (await store.readAll()).map((e) => e.eventId).sort();
    expect([...received].sort()).toEqual(expected);
  }, 120_000);
});
