/**
 * The test peers that come from Debian, not npm. The Kafka suites talk to librdkafka's mock
 * cluster, hosted by kcat (no Kafka broker or npm package can run here: see
 * test/support/kafka-mock.ts); the dashboard's suite drives Debian's chromium (playwright-core
 * cannot download a browser here). Run before `npm test`: finds each, or installs it with apt-get
 * when running as root, saying so. Where neither works, the test run leaves those suites out and
 * says why (jest.config.js) unless JEJAK_REQUIRE_KAFKA=1 / JEJAK_REQUIRE_BROWSER=1 (CI), which make
 * it fail instead.
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

export const BROWSER_SUITES = ['test/e2e/dashboard.e2e-spec.ts'];

/** A program's path on PATH, or undefined. */
function onPath(program) {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return join(dir, program);
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** kcat's path on PATH, or undefined. */
export const findKcat = () => onPath('kcat');

/** Debian's chromium, where the dashboard's suite launches it. */
export function findChromium() {
  try {
    accessSync('/usr/bin/chromium', constants.X_OK);
    return '/usr/bin/chromium';
  } catch {
    return undefined;
  }
}

export const kafkaRequired = () => process.env.JEJAK_REQUIRE_KAFKA === '1';
export const browserRequired = () => process.env.JEJAK_REQUIRE_BROWSER === '1';

function install(pkg, find, purpose) {
  const say = (message) => console.error(`[test-peers] ${message}`);
  if (find()) return true;
  const root = process.getuid?.() === 0;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!root || !apt) {
    say(
      `${pkg} is not installed and cannot be installed here (${root ? 'no apt-get' : 'not root'}): apt-get install ${pkg}`,
    );
    return false;
  }
  say(`${pkg} (${purpose}) is missing: apt-get update && apt-get install -y ${pkg}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', pkg],
  ]) {
    const run = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (run.status !== 0) {
      say(`apt-get ${args.join(' ')} failed (exit ${run.status})`);
      return false;
    }
  }
  say(`installed ${find() ?? `${pkg} (not where expected?)`}`);
  return Boolean(find());
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const peers = [
    [
      'kcat',
      findKcat,
      'hosts the mock Kafka cluster of the Kafka suites',
      kafkaRequired,
      'JEJAK_REQUIRE_KAFKA',
      KAFKA_SUITES,
    ],
    [
      'chromium',
      findChromium,
      "drives the dashboard's suite",
      browserRequired,
      'JEJAK_REQUIRE_BROWSER',
      BROWSER_SUITES,
    ],
  ];
  for (const [pkg, find, purpose, required, flag, suites] of peers) {
    if (install(pkg, find, purpose)) continue;
    if (required()) {
      console.error(`[test-peers] ${flag}=1: ${suites.join(', ')} must run; stopping`);
      process.exit(1);
    }
    console.error(`[test-peers] these suites will be skipped: ${suites.join(', ')}`);
  }
}
