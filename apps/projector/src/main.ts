/**
 * The scaled layout's projector: runs every projection, the reactors and the Kafka relay against
 * the shared stores, so that the API instances (RUN_PROJECTIONS=false) stay stateless. Serves
 * /health (/health/live, /health/ready) and /metrics only.
 */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { ConfigError, loadConfig, type AppConfig } from '#libs/platform/config/index.js';
import { waitForKafka } from '#libs/platform/event-feed/index.js';
import { requestIdOf } from '#libs/platform/http/index.js';
import { openAdapters } from '#libs/platform/index.js';
import { Metrics, createLogging, withLogging } from '#libs/platform/observability/index.js';
import { PERSONAL_DATA_AT_REST } from '#libs/privacy/index.js';
import { ProjectorModule } from './projector.module.js';

if (existsSync('.env')) process.loadEnvFile('.env');

let config: AppConfig;
try {
  config = { ...loadConfig(), runProjections: true };
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}

const logging = createLogging({ level: config.logLevel });
Logger.overrideLogger(logging.logger);
if (config.kafkaBrokers.length) {
  // Bounded: the read models do not need Kafka, and the relay goes on retrying from its checkpoint.
  const log = new Logger('Projector');
  const admin = { brokers: config.kafkaBrokers, clientId: 'jejak-relay', retries: config.kafka.retries };
  if (!(await waitForKafka(admin, config.kafka.waitSeconds, (m) => log.warn(m))))
    log.warn(`Starting without Kafka at ${config.kafkaBrokers.join(',')}: the relay retries from its checkpoint`);
}
const app = await NestFactory.create<NestFastifyApplication>(
  withLogging(ProjectorModule.forRoot(config, await openAdapters(config, PERSONAL_DATA_AT_REST)), logging),
  new FastifyAdapter({ genReqId: (raw: { headers: IncomingHttpHeaders }) => requestIdOf(raw.headers), logger: false }),
  { bufferLogs: true },
);
app.useLogger(app.get(PinoNestLogger));
app.get(Metrics).instrument(app.getHttpAdapter().getInstance());
app.enableShutdownHooks();
await app.listen(config.port, config.host);
new Logger('Projector').log(
  `Projector on http://${config.host}:${config.port} (/health/live, /health/ready, /metrics); ` +
    `event store ${config.eventStore}, read store ${config.readStore}`,
);
