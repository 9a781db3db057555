import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';

const ROOT = resolve(import.meta.dirname, '../..');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? testFiles(join(dir, entry.name))
      : /\.(spec|e2e-spec)\.ts$/.test(entry.name)
        ? [relative(ROOT, join(dir, entry.name))]
        : [],
  );
}

/**
 * Where kcat is missing and cannot be installed, the test run leaves out exactly the suites that
 * start the mock Kafka cluster (scripts/kafka-peer.mjs lists them): no more, and none forgotten.
 */
describe('the Kafka suites', () => {
  it('are the test files that start the mock Kafka cluster', () => {
    const listed = [...readFileSync(join(ROOT, 'scripts/kafka-peer.mjs'), 'utf8').matchAll(/'(test\/[^']+\.ts)'/g)].map(
      (m) => m[1],
    );
    const starting = testFiles(join(ROOT, 'test')).filter((file) =>
      /support\/kafka-mock\.js'/.test(readFileSync(join(ROOT, file), 'utf8')),
    );
    expect([...listed].sort()).toEqual(starting.sort());
  });
});
