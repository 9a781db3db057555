/**
 * The projector thread of an API process (PROJECTOR_THREAD=true): apps/projector's module in a
 * worker thread, on stores of its own, without HTTP. Started by the API's PlatformModule, which
 * passes its configuration; see ProjectorThread for what the two threads tell each other.
 */
import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '#libs/platform/config/index.js';
import { EVENT_STORE, type EventStore } from '#libs/platform/event-store/index.js';
import { openAdapters } from '#libs/platform/index.js';
import { createLogging } from '#libs/platform/observability/index.js';
import {
  PROJECTION_RUNNER,
  projectorThreadFailed,
  serveAsProjectorThread,
  type ProjectionRunner,
} from '#libs/platform/read-store/index.js';
import { PERSONAL_DATA_AT_REST } from '#libs/privacy/index.js';
import { ProjectorModule } from './projector.module.js';

if (!parentPort) throw new Error('apps/projector/src/thread.js runs as a worker thread of the API');
const port = parentPort;
const { config } = workerData as { config: AppConfig };

try {
  Logger.overrideLogger(createLogging({ level: config.logLevel }).logger);
  const context = await NestFactory.createApplicationContext(
    ProjectorModule.forRoot(config, await openAdapters(config, PERSONAL_DATA_AT_REST)),
    { abortOnError: false },
  );
  serveAsProjectorThread(
    port,
    context.get<ProjectionRunner>(PROJECTION_RUNNER),
    context.get<EventStore>(EVENT_STORE),
    () => context.close(),
  );
} catch (error) {
  projectorThreadFailed(port, error);
}
