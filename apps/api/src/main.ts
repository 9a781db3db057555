import { existsSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { ImportJobs } from '#libs/intake/index.js';
import { ConfigError, loadConfig } from '#libs/platform/config/index.js';
import { createApp } from './create-app.js';

if (existsSync('.env')) process.loadEnvFile('.env');

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}

const app = await createApp(config);
await app.listen(config.port, config.host);
new Logger('Jejak').log(
  `Listening on http://${config.host}:${config.port} ` +
    `(API /api/v1, docs /docs, health /health/live and /health/ready, metrics /metrics); ` +
    `event store ${config.eventStore}, read store ${config.readStore}, data in ${config.dataDir}`,
);
// Import jobs a stopped process left running go on where their progress stood (ADR 0015).
await app.get(ImportJobs).resumeUnfinished();
