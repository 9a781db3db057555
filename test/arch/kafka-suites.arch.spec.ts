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
 * Where kcat or chromium is missing and cannot be installed, the test run leaves out exactly the
 * suites that need it (scripts/kafka-peer.mjs lists them): no more, and none forgotten.
 */
/** The test files a list of scripts/kafka-peer.mjs names (`export const NAME = [...]`). */
function listed(name: string): string[] {
  const script = readFileSync(join(ROOT, 'scripts/kafka-peer.mjs'), 'utf8');
  const list = new RegExp(`export const ${name} = \\[([^\\]]*)\\]`).exec(script)?.[1] ?? '';
  return [...list.matchAll(/'(test\/[^']+\.ts)'/g)].map((m) => m[1]!);
}

/** The test files whose source matches, this one (which names the patterns) left out. */
const using = (pattern: RegExp): string[] =>
  testFiles(join(ROOT, 'test')).filter(
    (file) => !file.endsWith('kafka-suites.arch.spec.ts') && pattern.test(readFileSync(join(ROOT, file), 'utf8')),
  );

describe('the suites that need a peer from Debian', () => {
  it('are, for kcat, the test files that start the mock Kafka cluster', () => {
    expect(listed('KAFKA_SUITES').sort()).toEqual(using(/support\/kafka-mock\.js'/).sort());
  });

  it('are, for chromium, the test files that drive a browser', () => {
    expect(listed('BROWSER_SUITES').sort()).toEqual(using(/from 'playwright-core'/).sort());
  });
});
