/** Runs the example reporting job: KAFKA_BROKERS=... node dist/apps/reporting-job/src/main.js */
import { existsSync } from 'node:fs';
import { ConsoleLogger } from '@nestjs/common';
import { ConfigError, loadConfig } from '#libs/platform/config/index.js';
import { KafkaFeedConsumer } from '#libs/platform/event-feed/index.js';
import { ReportingJob } from './reporting-job.js';

if (existsSync('.env')) process.loadEnvFile('.env');

const logger = new ConsoleLogger('ReportingJob', { json: true });
try {
  const config = loadConfig();
  if (!config.kafkaBrokers.length)
    throw new ConfigError(['KAFKA_BROKERS: required by the reporting job (host:port,...)']);
  const consumer = new KafkaFeedConsumer({
    brokers: config.kafkaBrokers,
    clientId: 'jejak-reporting-job',
    groupId: 'jejak-reporting-job',
  });
  const job = new ReportingJob(consumer, config.reportingJobStateFile, config.kafkaTopicPrefix);
  process.once('SIGTERM', () => void job.stop().then(() => process.exit(0)));
  process.once('SIGINT', () => void job.stop().then(() => process.exit(0)));
  await job.run((state) => logger.log({ outcomes: state.summary }));
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(2);
}
