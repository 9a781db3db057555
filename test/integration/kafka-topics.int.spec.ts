import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { kafkaTopics } from '../../apps/api/src/cli/kafka-topics.js';
import { loadConfig } from '#libs/platform/config/index.js';
import {
  KafkaClientClosed,
  KafkaPublisher,
  UnsafeKafkaTopics,
  checkTopics,
  feedRelay,
  topicSpecs,
  waitForKafka,
} from '#libs/platform/event-feed/index.js';
import { ProjectionRunner } from '#libs/platform/read-store/index.js';
import { feedTopics } from '#libs/projections/index.js';
import { eventually } from '../support/eventually.js';
import { testPiiFree } from '../support/pii-free.js';
import { testMetadata } from '../support/events.js';
import { relayTestbed } from '../support/kafka-mock.js';

/**
 * The feed's topics against librdkafka's mock cluster (3 brokers). The mock cannot create topics
 * through the admin API nor describe their configuration (it names a controller that is not one of
 * its brokers), so creating them is checked only where they already exist (the idempotent path);
 * a real cluster's answers to both are not exercised here.
 */
describe('Kafka topics: created by an explicit step, checked by the relay', () => {
  const bed = relayTestbed('topics');
  const settings = { partitions: 12, replicationFactor: 3, minInsyncReplicas: 2 };
  const prefix = `t${randomUUID().slice(0, 8)}`;
  const config = () =>
    loadConfig({ KAFKA_BROKERS: bed.get().kafka.brokers.join(','), KAFKA_TOPIC_PREFIX: prefix, KAFKA_RETRIES: '1' });
  const admin = () => ({ brokers: bed.get().kafka.brokers, clientId: 'topics-test', retries: 1 });

  it('asks for the configured partitions, replication factor, min.insync.replicas and unlimited retention', () => {
    expect(topicSpecs(['jejak.pkh.v1'], settings)).toEqual([
      {
        topic: 'jejak.pkh.v1',
        numPartitions: 12,
        replicationFactor: 3,
        configEntries: expect.arrayContaining([
          { name: 'retention.ms', value: '-1' },
          { name: 'retention.bytes', value: '-1' },
          { name: 'min.insync.replicas', value: '2' },
        ]),
      },
    ]);
    expect(feedTopics(config())).toEqual(
      [
        'household',
        'pkh',
        'disbursementbatch',
        'kube',
        'training',
        'complaint',
        'referral',
        'staff',
        'casework',
        'reassignment',
      ].map((c) => `${prefix}.${c}.v1`),
    );
  });

  it('reports every missing topic', async () => {
    const problems = await checkTopics(admin(), feedTopics(config()), settings);
    expect(problems.filter((p) => p.problem === 'does not exist').map((p) => p.topic)).toEqual(feedTopics(config()));
  });

  describe('once the topics exist with the mock cluster defaults', () => {
    beforeAll(async () => {
      const publisher = new KafkaPublisher({ brokers: bed.get().kafka.brokers, clientId: 'seed', idempotent: false });
      await publisher.publish(feedTopics(config()).map((topic) => ({ topic, key: 'k', value: '{}', headers: {} })));
      await publisher.close();
    });

    it('names what each topic lacks', async () => {
      const problems = await checkTopics(admin(), feedTopics(config()), settings);
      for (const topic of feedTopics(config())) {
        const found = problems.filter((p) => p.topic === topic).map((p) => p.problem);
        expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^\d+ partitions, expected 12$/)]));
        expect(found.some((p) => p === 'does not exist')).toBe(false);
      }
    });

    it('jejak kafka-topics creates nothing again and exits 1 on an unsafe set-up, 0 when told to accept it', async () => {
      const said: string[] = [];
      expect(await kafkaTopics(config(), (m) => said.push(m))).toBe(1);
      expect(said).toEqual(
        expect.arrayContaining(['all 10 topics exist already; none created', expect.stringMatching(/^not safe: /)]),
      );
      const accepting = loadConfig({ ...process.env, ...envOf(config()), KAFKA_ALLOW_UNSAFE_TOPICS: 'true' });
      expect(await kafkaTopics(accepting, () => undefined)).toBe(0);
    });

    it('the relay refuses to publish to them unless told to accept an unsafe set-up', async () => {
      const { store, readDb } = bed.get();
      await store.append(
        `pkh-${randomUUID()}`,
        [{ eventId: randomUUID(), type: 'EnrolledInPkh', data: { householdId: 'h1' }, metadata: testMetadata }],
        'no_stream',
      );
      const publisher = new KafkaPublisher({
        ...admin(),
        idempotent: false,
        allowAutoTopicCreation: false,
        beforeFirstSend: async () => {
          const problems = await checkTopics(admin(), feedTopics(config()), settings);
          if (problems.length) throw new UnsafeKafkaTopics(problems);
        },
      });
      const runner = new ProjectionRunner(
        store,
        readDb,
        [feedRelay(publisher, { topicPrefix: prefix, piiFree: testPiiFree(), name: 'strict-relay' })],
        {
          retryDelayMs: 60_000,
        },
      );
      await runner.start();
      try {
        await eventually(() => runner.status()[0]!.state === 'failing', 'the relay to refuse', { timeoutMs: 15_000 });
        expect(runner.status()[0]).toMatchObject({
          checkpoint: 0,
          lastError: expect.stringMatching(/not safe for the feed/),
        });
      } finally {
        await runner.stop();
      }
    });
  });

  it('stops within its shutdown bound while a send is still retrying against unreachable brokers', async () => {
    const { store, readDb } = bed.get();
    await store.append(
      `pkh-${randomUUID()}`,
      [{ eventId: randomUUID(), type: 'EnrolledInPkh', data: { householdId: 'h2' }, metadata: testMetadata }],
      'no_stream',
    );
    let sending!: () => void;
    const started = new Promise<void>((resolve) => (sending = resolve));
    // Nothing listens on port 1; kafkajs goes on retrying for seconds after the stop has returned.
    const publisher = new KafkaPublisher({
      brokers: ['127.0.0.1:1'],
      clientId: 'stuck',
      idempotent: false,
      retries: 4,
      shutdownTimeoutMs: 500,
      beforeFirstSend: async () => sending(),
    });
    const runner = new ProjectionRunner(store, readDb, [
      feedRelay(publisher, { topicPrefix: prefix, piiFree: testPiiFree(), name: 'stuck-relay' }),
    ]);
    await runner.start();
    await started;
    await runner.stop();
    expect(runner.status()[0]).toMatchObject({ state: 'stopped', checkpoint: 0 });
    await expect(publisher.publish([{ topic: 'x', key: 'k', value: '{}', headers: {} }])).rejects.toBeInstanceOf(
      KafkaClientClosed,
    );
  });

  it('waits for the brokers, saying what it waits for, and gives up at its bound', async () => {
    const said: string[] = [];
    expect(await waitForKafka(admin(), 5, (m) => said.push(m))).toBe(true);
    expect(await waitForKafka({ brokers: ['127.0.0.1:1'], clientId: 'dead' }, 1, (m) => said.push(m))).toBe(false);
    expect(said).toEqual([
      expect.stringMatching(/^waiting for Kafka at 127\.0\.0\.1:1 \(attempt 1: .+\); next try in 1 s/),
    ]);
  });
});

/** The environment that gives this configuration's Kafka part (for a variant of it). */
function envOf(config: ReturnType<typeof loadConfig>): Record<string, string> {
  return {
    KAFKA_BROKERS: config.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: config.kafkaTopicPrefix,
    KAFKA_RETRIES: '1',
  };
}
