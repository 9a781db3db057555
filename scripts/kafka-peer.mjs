/**
 * The Kafka suites talk to librdkafka's mock cluster, hosted by Debian's kcat (no Kafka broker or
 * npm package can run here: see test/support/kafka-mock.ts). Run before `npm test`: finds kcat, or
 * installs it with apt-get when running as root, saying so. Where neither works, the test run
 * leaves the Kafka suites out and says why (jest.config.js) unless JEJAK_REQUIRE_KAFKA=1 (CI),
 * which makes it fail instead.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const KAFKA_SUITES = [
  'test/integration/kafka-relay.int.spec.ts',
  'test/integration/kafka-outage.int.spec.ts',
  'test/integration/kafka-topics.int.spec.ts',
  'test/e2e/observability-metrics.e2e-spec.ts',
  'test/e2e/pii-free-paths.e2e-spec.ts',
  'test/e2e/household-erasure.e2e-spec.ts',
];

/** kcat's path on PATH, or undefined. */
export function findKcat() {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(dir, 'kcat'), constants.X_OK);
      return join(dir, 'kcat');
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export const kafkaRequired = () => process.env.JEJAK_REQUIRE_KAFKA === '1';

function install() {
  const say = (message) => console.error(`[kafka-peer] ${message}`);
  if (findKcat()) return true;
  const root = process.getuid?.() === 0;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!root || !apt) {
    say(
      `kcat is not installed and cannot be installed here (${root ? 'no apt-get' : 'not root'}): apt-get install kcat`,
    );
    return false;
  }
  say('kcat (hosts the mock Kafka cluster of the Kafka suites) is missing: apt-get update && apt-get install -y kcat');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'kcat'],
  ]) {
    const run = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (run.status !== 0) {
      say(`apt-get ${args.join(' ')} failed (exit ${run.status})`);
      return false;
    }
  }
  say(`installed ${findKcat() ?? 'kcat (not on PATH?)'}`);
  return Boolean(findKcat());
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!install()) {
    if (kafkaRequired()) {
      console.error('[kafka-peer] JEJAK_REQUIRE_KAFKA=1: the Kafka suites must run; stopping');
      process.exit(1);
    }
    console.error(`[kafka-peer] the Kafka suites will be skipped: ${KAFKA_SUITES.join(', ')}`);
  }
}
