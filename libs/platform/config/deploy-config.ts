/** The Kafka and PostgreSQL-pool part of the configuration (the scaled layout). */
export interface KafkaSettings {
  /** Client-level retries of a request before it fails and the caller backs off. */
  retries: number;
  /** How long a process waits for the brokers at start (bounded back-off), in seconds. */
  waitSeconds: number;
  /** Longest a stop waits for the Kafka client (an in-flight send is abandoned, sent again later). */
  shutdownTimeoutMs: number;
  /** What `jejak kafka-topics` creates and the relay checks at start. */
  topics: { partitions: number; replicationFactor: number; minInsyncReplicas: number };
  /** true: the relay publishes to topics short of those settings (dev and tests: one broker, the mock cluster). */
  allowUnsafeTopics: boolean;
}

/** Connections each process may open to PostgreSQL, per pool (the LISTEN connection comes on top). */
export interface PoolSizes {
  events: number;
  readModels: number;
  idempotency: number;
  accessLog: number;
}

type Int = (name: string, fallback: number, min: number, max: number) => number;
type Bool = (name: string, fallback: boolean) => boolean;

export function kafkaSettings(int: Int, bool: Bool, problems: string[]): KafkaSettings {
  const settings: KafkaSettings = {
    retries: int('KAFKA_RETRIES', 5, 0, 100),
    waitSeconds: int('KAFKA_WAIT_SECONDS', 120, 0, 3_600),
    shutdownTimeoutMs: int('KAFKA_SHUTDOWN_TIMEOUT_MS', 5_000, 100, 60_000),
    topics: {
      partitions: int('KAFKA_TOPIC_PARTITIONS', 12, 1, 10_000),
      replicationFactor: int('KAFKA_REPLICATION_FACTOR', 3, 1, 32),
      minInsyncReplicas: int('KAFKA_MIN_INSYNC_REPLICAS', 2, 1, 32),
    },
    allowUnsafeTopics: bool('KAFKA_ALLOW_UNSAFE_TOPICS', false),
  };
  if (settings.topics.minInsyncReplicas > settings.topics.replicationFactor)
    problems.push('KAFKA_MIN_INSYNC_REPLICAS: must not exceed KAFKA_REPLICATION_FACTOR');
  return settings;
}

export function poolSizes(int: Int): PoolSizes {
  return {
    events: int('PG_POOL_EVENTS', 10, 1, 500),
    readModels: int('PG_POOL_READ_MODELS', 10, 1, 500),
    idempotency: int('PG_POOL_IDEMPOTENCY', 4, 1, 500),
    accessLog: int('PG_POOL_ACCESS_LOG', 4, 1, 500),
  };
}

/** Connections one process opens at most: its pools plus the event store's LISTEN connection. */
export const connectionsPerProcess = (pools: PoolSizes): number =>
  pools.events + 1 + pools.readModels + pools.idempotency + pools.accessLog;
