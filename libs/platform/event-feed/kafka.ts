import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import type { EventPublisher, FeedConsumer } from './event-publisher.port.js';
import type { FeedMessage } from './feed-message.js';

export interface KafkaOptions {
  brokers: string[];
  clientId: string;
  /** On for real clusters; librdkafka's mock cluster (tests) cannot do it. */
  idempotent?: boolean;
  /** Client-level retries before a send fails and the relay backs off (default 5). */
  retries?: number;
}

const client = (options: KafkaOptions) =>
  new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 5 },
  });

/**
 * Acknowledged by all in-sync replicas, one request in flight (so a retry cannot reorder a
 * stream's messages), idempotent where the cluster supports it. Correctness does not rest on
 * idempotence: consumers drop duplicates by event id.
 */
export class KafkaPublisher implements EventPublisher {
  private readonly producer: Producer;
  private connected: Promise<void> | undefined;

  constructor(options: KafkaOptions) {
    this.producer = client(options).producer({
      idempotent: options.idempotent ?? true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: true,
    });
  }

  async publish(messages: readonly FeedMessage[]): Promise<void> {
    if (messages.length === 0) return;
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
    const byTopic = new Map<string, FeedMessage[]>();
    for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      })),
    });
  }

  async close(): Promise<void> {
    if (this.connected) await this.producer.disconnect().catch(() => undefined);
  }
}

/** A consumer group member; offsets are committed after the handler has dealt with a batch. */
export class KafkaFeedConsumer implements FeedConsumer {
  private readonly consumer: Consumer;

  constructor(options: KafkaOptions & { groupId: string }) {
    this.consumer = client(options).consumer({ groupId: options.groupId, allowAutoTopicCreation: true });
  }

  async run(topics: readonly string[], handle: (messages: readonly FeedMessage[]) => Promise<void>): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await this.consumer.run({
      eachBatchAutoResolve: true,
      eachBatch: async ({ batch }) => {
        await handle(
          batch.messages.map((m) => ({
            topic: batch.topic,
            key: m.key?.toString() ?? '',
            value: m.value?.toString() ?? '',
            headers: Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, v?.toString() ?? ''])),
          })),
        );
      },
    });
  }

  async close(): Promise<void> {
    await this.consumer.disconnect().catch(() => undefined);
  }
}
