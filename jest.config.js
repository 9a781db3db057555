import {
  BROWSER_SUITES,
  KAFKA_SUITES,
  browserRequired,
  findChromium,
  findKcat,
  kafkaRequired,
} from './scripts/kafka-peer.mjs';

// The Kafka suites need kcat (npm test's pretest installs it where it can). Without it they are
// left out with the reason printed, unless JEJAK_REQUIRE_KAFKA=1 (CI), where the run fails instead.
const kafkaLeftOut = findKcat() || kafkaRequired() ? [] : KAFKA_SUITES;
if (kafkaLeftOut.length)
  console.error(
    `Skipping the Kafka suites (${kafkaLeftOut.join(', ')}): kcat, which hosts their mock Kafka cluster, ` +
      'is not installed (apt-get install kcat; npm test installs it when run as root)',
  );
// The dashboard's suite drives Debian's chromium, alike: left out with the reason unless
// JEJAK_REQUIRE_BROWSER=1 (CI).
const browserLeftOut = findChromium() || browserRequired() ? [] : BROWSER_SUITES;
if (browserLeftOut.length)
  console.error(
    `Skipping the browser suites (${browserLeftOut.join(', ')}): /usr/bin/chromium is not installed ` +
      '(apt-get install chromium; npm test installs it when run as root)',
  );

/** Jest runs in ESM mode (Nest 12 is ESM-only); SWC strips types and keeps decorator metadata. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2023',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        },
        module: { type: 'es6' },
      },
    ],
    '/node_modules/content-disposition/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  // @fastify/static (needed by the OpenAPI UI) require()s content-disposition, which is ESM-only.
  // Node 20 loads that natively (require(esm)); Jest 30 only from Node 24.9, so compile it to CJS.
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleNameMapper: {
    '^#libs/(.*)\\.js$': '<rootDir>/libs/$1',
    '^(\\.{1,2}/(?!.*node_modules).*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.{spec,e2e-spec}.ts'],
  testPathIgnorePatterns: [
    '/node_modules/',
    ...[...kafkaLeftOut, ...browserLeftOut].map((suite) => `<rootDir>/${suite}`),
  ],
  testTimeout: 30000,
  // Two workers on a 2-core machine: most suites wait on fsync, child processes and PostgreSQL rather
  // than compute, and the default (cores - 1 = 1) ran everything in one process that grew past 4 GB
  // and took over 20 minutes for the SQLite run alone. A worker past 1 GB is replaced between suites.
  maxWorkers: 2,
  workerIdleMemoryLimit: '1GB',
};
