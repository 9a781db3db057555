import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import type { EventPublisher, FeedConsumer } from './event-publisher.port.js';
import type { FeedMessage } from './feed-message.js';

export interface KafkaOptions {
  brokers: string[];
  clientId: string;
  /** On for real clusters; librdkafka's mock cluster (tests) cannot do it. */
  idempotent?: boolean;
  /** Client-level retries before a send fails and the relay backs off (KAFKA_RETRIES, default 5). */
  retries?: number;
  /** Longest close() waits for the client to let go (KAFKA_SHUTDOWN_TIMEOUT_MS, default 5 s). */
  shutdownTimeoutMs?: number;
  /**
   * Runs before the first send (and again after a failed one): the relay checks the topics here
   * and refuses to publish to an unsafe set-up. Also decides whether topics may be auto-created.
   */
  beforeFirstSend?: () => Promise<void>;
  allowAutoTopicCreation?: boolean;
}

const client = (options: KafkaOptions) =>
  new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: options.retries ?? 5 },
  });

export class KafkaClientClosed extends Error {
  override readonly name = 'KafkaClientClosed';
  constructor() {
    super('The Kafka client is closing; the batch goes again after a restart');
  }
}

/** Resolves when `work` does or after `ms`, whichever comes first; never rejects. */
const bounded = (work: Promise<unknown>, ms: number): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void work
      .catch(() => undefined)
      .finally(() => {
        clearTimeout(timer);
        resolve();
      });
  });

/**
 * Acknowledged by all in-sync replicas, one request in flight (so a retry cannot reorder a
 * stream's messages), idempotent where the cluster supports it. Correctness does not rest on
 * idempotence: consumers drop duplicates by event id. close() is bounded: a send still retrying
 * is abandoned (it rejects), and its batch goes again from the relay's checkpoint.
 */
export class KafkaPublisher implements EventPublisher {
  private readonly producer: Producer;
  private connected: Promise<void> | undefined;
  private readonly closing: Promise<never>;
  private abandon!: (error: Error) => void;
  private closed = false;

  constructor(private readonly options: KafkaOptions) {
    this.producer = client(options).producer({
      idempotent: options.idempotent ?? true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: options.allowAutoTopicCreation ?? true,
    });
    this.closing = new Promise<never>((_, reject) => (this.abandon = reject));
    this.closing.catch(() => undefined);
  }

  async publish(messages: readonly FeedMessage[]): Promise<void> {
    if (messages.length === 0) return;
    if (this.closed) throw new KafkaClientClosed();
    await Promise.race([this.send(messages), this.closing]);
  }

  private async send(messages: readonly FeedMessage[]): Promise<void> {
    this.connected ??= (async () => {
      await this.options.beforeFirstSend?.();
      await this.producer.connect();
    })().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
    const byTopic = new Map<string, FeedMessage[]>();
    for (const m of messages) {
      const list = byTopic.get(m.topic);
      if (list) list.push(m);
      else byTopic.set(m.topic, [m]);
    }
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      })),
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.abandon(new KafkaClientClosed());
    await bounded(this.producer.disconnect(), this.options.shutdownTimeoutMs ?? 5_000);
  }
}

/** A consumer group member; offsets are committed after the handler has dealt with a batch. */
export class KafkaFeedConsumer implements FeedConsumer {
  private readonly consumer: Consumer;

  constructor(private readonly options: KafkaOptions & { groupId: string }) {
    this.consumer = client(options).consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: options.allowAutoTopicCreation ?? true,
    });
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
    await bounded(this.consumer.disconnect(), this.options.shutdownTimeoutMs ?? 5_000);
  }
}
