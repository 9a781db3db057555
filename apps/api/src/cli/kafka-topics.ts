import type { AppConfig } from '#libs/platform/config/index.js';
import { checkTopics, createTopics, describeProblems, waitForKafka } from '#libs/platform/event-feed/index.js';
import { feedTopics } from '#libs/projections/index.js';

/**
 * `jejak kafka-topics`: creates the feed's topics that do not exist yet (partitions, replication
 * factor, min.insync.replicas, unlimited retention, from the configuration), then checks every one.
 * Idempotent: run it before the projector on every deployment. Exit code 0 when the topics are
 * safe (or KAFKA_ALLOW_UNSAFE_TOPICS=true), 1 when they are not, 2 when Kafka never answered.
 */
export async function kafkaTopics(config: AppConfig, say: (message: string) => void): Promise<number> {
  if (!config.kafkaBrokers.length) {
    say('KAFKA_BROKERS is not set: no topics to create');
    return 2;
  }
  const admin = { brokers: config.kafkaBrokers, clientId: 'jejak-kafka-topics', retries: config.kafka.retries };
  if (!(await waitForKafka(admin, config.kafka.waitSeconds, say))) {
    say(`Kafka at ${config.kafkaBrokers.join(',')} did not answer within ${config.kafka.waitSeconds} s`);
    return 2;
  }
  const topics = feedTopics(config);
  const { partitions, replicationFactor, minInsyncReplicas } = config.kafka.topics;
  const created = await createTopics(admin, topics, config.kafka.topics);
  say(
    created.length
      ? `created ${created.join(', ')} (${partitions} partitions, replication factor ${replicationFactor}, ` +
          `min.insync.replicas ${minInsyncReplicas}, unlimited retention)`
      : `all ${topics.length} topics exist already; none created`,
  );
  const problems = await checkTopics(admin, topics, config.kafka.topics);
  if (problems.length === 0) {
    say(`${topics.join(', ')}: safe`);
    return 0;
  }
  say(`not safe: ${describeProblems(problems)}`);
  if (config.kafka.allowUnsafeTopics) {
    say('KAFKA_ALLOW_UNSAFE_TOPICS=true: accepted anyway (dev and tests only)');
    return 0;
  }
  return 1;
}
