/**
 * Operator commands on the stores named by the environment:
 *   npm run jejak -- seed [--households 3000] [--seed 42]
 *   npm run jejak -- rebuild [--projection <name>]     (every rebuildable projection by default)
 *   npm run jejak -- verify                            (recompute the audit hash chain)
 *   npm run jejak -- export [--after <position>] [--out events.ndjson] [--include-pii]
 *                                  (PII-free unless --include-pii: reservations left out, ADR 0010)
 *   npm run jejak -- kafka-topics                      (create the feed's topics, then check them)
 *   npm run jejak -- import FILE [--report FILE.report.csv] [--actor import] [--window 256]
 *                                  (register a DTKS extract's households; resumable, ADR 0015)
 * Run them while the service is stopped, or with RUN_PROJECTIONS=false next to a running one.
 */
import 'reflect-metadata';
import { createWriteStream, existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyAuditChain } from '#libs/audit/index.js';
import { ConfigError, loadConfig } from '#libs/platform/config/index.js';
import { EVENT_STORE, type EventStore } from '#libs/platform/event-store/index.js';
import { PiiFreeView } from '#libs/platform/privacy/index.js';
import {
  PROJECTION_RUNNER,
  READ_DATABASE,
  type ProjectionRunner,
  type ReadDatabase,
} from '#libs/platform/read-store/index.js';
import { exportEvents } from './cli/export/export-events.js';
import { importExtract } from './cli/import/import-extract.js';
import { kafkaTopics } from './cli/kafka-topics.js';
import { seedCity } from './cli/seed/seed.js';
import { createApp } from './create-app.js';

if (existsSync('.env')) process.loadEnvFile('.env');

const [command, ...rest] = process.argv.slice(2);
const { values, positionals } = parseArgs({
  args: rest,
  options: {
    households: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '42' },
    projection: { type: 'string' },
    after: { type: 'string', default: '0' },
    out: { type: 'string' },
    'include-pii': { type: 'boolean', default: false },
    report: { type: 'string' },
    actor: { type: 'string', default: 'import' },
    window: { type: 'string', default: '256' },
  },
  allowPositionals: true,
});
const say = (message: string) => console.error(`[jejak] ${message}`);

async function main(): Promise<number> {
  if (!['seed', 'rebuild', 'verify', 'export', 'kafka-topics', 'import'].includes(command ?? '')) {
    say(
      'usage: npm run jejak -- <seed|rebuild|verify|export|kafka-topics|import> [options]   (see apps/api/src/cli.ts)',
    );
    return 2;
  }
  if (command === 'import' && positionals.length !== 1) {
    say('usage: npm run jejak -- import FILE [--report FILE.report.csv] [--actor import] [--window 256]');
    return 2;
  }
  const loaded = { ...loadConfig(), logLevel: 'warn' as const };
  // The seed sends the office's year of commands in a minute, through its own HTTP API: not a client to throttle.
  const config = command === 'seed' ? { ...loaded, rateLimit: { ...loaded.rateLimit, commands: 0, reads: 0 } } : loaded;
  // Needs no store: it talks to the brokers only.
  if (command === 'kafka-topics') return kafkaTopics(config, say);
  const app = await createApp(config);
  const store = app.get<EventStore>(EVENT_STORE);
  const runner = app.get<ProjectionRunner>(PROJECTION_RUNNER);
  try {
    switch (command) {
      case 'seed': {
        const started = Date.now();
        const result = await seedCity(app, {
          households: Number(values.households),
          seed: Number(values.seed),
          log: say,
        });
        say(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s; waiting for the projections`);
        await runner.settle(600_000);
        console.log(JSON.stringify(result));
        return 0;
      }
      case 'rebuild': {
        await runner.settle(600_000);
        const names = values.projection
          ? [values.projection]
          : runner
              .status()
              .map((p) => p.name)
              .filter((n) => runner.rebuildable(n) !== false);
        for (const name of names) {
          const started = Date.now();
          await runner.rebuild(name);
          say(`${name} rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        }
        return 0;
      }
      case 'verify': {
        await runner.settle(600_000);
        const result = await verifyAuditChain(store, app.get<ReadDatabase>(READ_DATABASE).reader);
        console.log(JSON.stringify(result, null, 2));
        return result.ok ? 0 : 1;
      }
      case 'import': {
        const file = positionals[0]!;
        const result = await importExtract(app, {
          file,
          report: values.report ?? `${file}.report.csv`,
          actor: values.actor,
          dataDir: config.dataDir,
          window: Number(values.window),
          say,
        });
        say(`imported in ${result.seconds} s; waiting for the projections`);
        await runner.settle(600_000);
        console.log(JSON.stringify(result));
        return 0;
      }
      case 'export': {
        const out = values.out ? createWriteStream(values.out, { mode: 0o600 }) : process.stdout;
        const piiFree = values['include-pii'] ? null : app.get(PiiFreeView);
        const count = await exportEvents(store, piiFree, (line) => out.write(line), Number(values.after));
        if (values.out) await new Promise((resolve) => (out as ReturnType<typeof createWriteStream>).end(resolve));
        say(`exported ${count} events${piiFree ? ' without personal data' : ', personal data included'}`);
        return 0;
      }
    }
    return 2;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(error instanceof ConfigError ? error.message : ((error as Error).stack ?? String(error)));
    process.exit(2);
  },
);
