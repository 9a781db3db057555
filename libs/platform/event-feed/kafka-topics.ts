import { Kafka, logLevel, type Admin, type ConfigResourceTypes, type ITopicConfig } from 'kafkajs';

/** ConfigResourceTypes.TOPIC (the enum is not a named export of kafkajs' CommonJS module under ESM). */
const TOPIC_RESOURCE = 2 as ConfigResourceTypes;

/** What the feed's topics must have in production: see `jejak kafka-topics` and the relay's check. */
export interface TopicSettings {
  partitions: number;
  replicationFactor: number;
  minInsyncReplicas: number;
}

export interface KafkaAdminOptions {
  brokers: string[];
  clientId: string;
  retries?: number;
}

/** The feed keeps every event (jobs replay from the beginning): no time or size limit, no compaction. */
export const FEED_TOPIC_CONFIG: Readonly<Record<string, string>> = {
  'retention.ms': '-1',
  'retention.bytes': '-1',
  'cleanup.policy': 'delete',
};

export function topicSpecs(topics: readonly string[], settings: TopicSettings): ITopicConfig[] {
  return topics.map((topic) => ({
    topic,
    numPartitions: settings.partitions,
    replicationFactor: settings.replicationFactor,
    configEntries: [
      ...Object.entries(FEED_TOPIC_CONFIG).map(([name, value]) => ({ name, value })),
      { name: 'min.insync.replicas', value: String(settings.minInsyncReplicas) },
    ],
  }));
}

/** One finding of the check: a topic short of a setting, or a setting that could not be read. */
export interface TopicProblem {
  topic: string;
  problem: string;
}

export const describeProblems = (problems: readonly TopicProblem[]): string =>
  problems.map((p) => `${p.topic}: ${p.problem}`).join('; ');

export class UnsafeKafkaTopics extends Error {
  override readonly name = 'UnsafeKafkaTopics';
  constructor(readonly problems: readonly TopicProblem[]) {
    super(
      `The Kafka topics are not safe for the feed (${describeProblems(problems)}). ` +
        'Create them with `jejak kafka-topics`, or set KAFKA_ALLOW_UNSAFE_TOPICS=true for dev and tests',
    );
  }
}

const adminOf = (options: KafkaAdminOptions): Admin =>
  new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: options.retries ?? 5 },
  }).admin();

async function withAdmin<T>(options: KafkaAdminOptions, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = adminOf(options);
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Checks the topics against the settings: each exists, with at least the partitions, every
 * partition on `replicationFactor` replicas (topic metadata), and `min.insync.replicas` and
 * unlimited retention (topic configuration). A configuration that cannot be read is a problem too.
 */
export function checkTopics(
  options: KafkaAdminOptions,
  topics: readonly string[],
  settings: TopicSettings,
): Promise<TopicProblem[]> {
  return withAdmin(options, async (admin) => {
    const problems: TopicProblem[] = [];
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((t) => existing.has(t));
    for (const topic of topics.filter((t) => !existing.has(t))) problems.push({ topic, problem: 'does not exist' });
    if (present.length === 0) return problems;
    const { topics: metadata } = await admin.fetchTopicMetadata({ topics: present });
    for (const { name, partitions } of metadata) {
      if (partitions.length < settings.partitions)
        problems.push({ topic: name, problem: `${partitions.length} partitions, expected ${settings.partitions}` });
      const replicas = Math.min(...partitions.map((p) => p.replicas.length));
      if (replicas < settings.replicationFactor)
        problems.push({
          topic: name,
          problem: `replication factor ${replicas}, expected ${settings.replicationFactor}`,
        });
    }
    try {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: present.map((name) => ({
          type: TOPIC_RESOURCE,
          name,
          configNames: ['min.insync.replicas', 'retention.ms', 'retention.bytes'],
        })),
      });
      for (const resource of resources) {
        const value = (name: string) => resource.configEntries.find((e) => e.configName === name)?.configValue;
        const insync = Number(value('min.insync.replicas') ?? 1);
        if (insync < settings.minInsyncReplicas)
          problems.push({
            topic: resource.resourceName,
            problem: `min.insync.replicas ${insync}, expected ${settings.minInsyncReplicas}`,
          });
        for (const limit of ['retention.ms', 'retention.bytes'])
          if (value(limit) !== '-1')
            problems.push({
              topic: resource.resourceName,
              problem: `${limit} ${value(limit) ?? 'unknown'}, expected -1`,
            });
      }
    } catch (error) {
      for (const topic of present)
        problems.push({ topic, problem: `configuration unreadable (${(error as Error).message})` });
    }
    return problems;
  });
}

/**
 * Creates the topics that do not exist yet with the settings (idempotent: existing topics are
 * left as they are and reported by checkTopics). Returns the topics it created.
 */
export function createTopics(
  options: KafkaAdminOptions,
  topics: readonly string[],
  settings: TopicSettings,
): Promise<string[]> {
  return withAdmin(options, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length) await admin.createTopics({ topics: topicSpecs(missing, settings), waitForLeaders: true });
    return missing;
  });
}

/**
 * Waits for the brokers with bounded back-off (1 s doubling to 15 s, at most `waitSeconds` in
 * all), saying each time what it waits for. Resolves true once a broker answers, false at the bound.
 */
export async function waitForKafka(
  options: KafkaAdminOptions,
  waitSeconds: number,
  say: (message: string) => void,
  signal?: AbortSignal,
): Promise<boolean> {
  const deadline = Date.now() + waitSeconds * 1_000;
  for (let attempt = 1; ; attempt++) {
    try {
      await withAdmin({ ...options, retries: 0 }, (admin) => admin.describeCluster());
      if (attempt > 1) say(`Kafka at ${options.brokers.join(',')} answers`);
      return true;
    } catch (error) {
      const delay = Math.min(15_000, 1_000 * 2 ** (attempt - 1), deadline - Date.now());
      if (delay <= 0 || signal?.aborted) return false;
      say(
        `waiting for Kafka at ${options.brokers.join(',')} (attempt ${attempt}: ${(error as Error).message}); ` +
          `next try in ${Math.round(delay / 1000)} s, giving up after ${waitSeconds} s`,
      );
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
