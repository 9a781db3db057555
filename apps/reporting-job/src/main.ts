/** Runs the example reporting job: KAFKA_BROKERS=... node dist/apps/reporting-job/src/main.js */
import { existsSync } from 'node:fs';
import { ConsoleLogger } from '@nestjs/common';
import { ConfigError, loadConfig } from '#libs/platform/config/index.js';
import { KafkaFeedConsumer, waitForKafka } from '#libs/platform/event-feed/index.js';
import { fileJobState, postgresJobState } from './job-state.js';
import { ReportingJob } from './reporting-job.js';

if (existsSync('.env')) process.loadEnvFile('.env');

const JOB = 'jejak-reporting-job';
const logger = new ConsoleLogger('ReportingJob', { json: true });
try {
  const config = loadConfig();
  if (!config.kafkaBrokers.length)
    throw new ConfigError(['KAFKA_BROKERS: required by the reporting job (host:port,...)']);
  const kafka = {
    brokers: config.kafkaBrokers,
    clientId: JOB,
    retries: config.kafka.retries,
    shutdownTimeoutMs: config.kafka.shutdownTimeoutMs,
    allowAutoTopicCreation: config.kafka.allowUnsafeTopics,
  };
  if (!(await waitForKafka(kafka, config.kafka.waitSeconds, (m) => logger.warn(m)))) {
    logger.error(`Kafka at ${config.kafkaBrokers.join(',')} did not answer within ${config.kafka.waitSeconds} s`);
    process.exit(1);
  }
  // With a database configured, the state is in PostgreSQL, and only one copy of the job writes it.
  const store = config.databaseUrl
    ? postgresJobState(config.databaseUrl, config.databaseSchema, JOB)
    : fileJobState(config.reportingJobStateFile);
  const job = new ReportingJob(new KafkaFeedConsumer({ ...kafka, groupId: JOB }), store, config.kafkaTopicPrefix, (m) =>
    logger.log(m),
  );
  process.once('SIGTERM', () => void job.stop().then(() => process.exit(0)));
  process.once('SIGINT', () => void job.stop().then(() => process.exit(0)));
  await job.run((state) => logger.log({ outcomes: state.summary }));
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(2);
}
