import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';

/** The layer rules are dependency-cruiser's, in .dependency-cruiser.mjs (also `npm run lint:arch`). */
const ROOT = resolve(import.meta.dirname, '../..');
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
  cycle?: Array<{ name: string }>;
}

describe('architecture', () => {
  let result: { summary: { violations: Violation[]; totalCruised: number } };

  beforeAll(() => {
    const run = spawnSync(process.execPath, [DEPCRUISE, '--output-type', 'json', 'apps', 'libs'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (!run.stdout) throw new Error(`dependency-cruiser did not run: ${run.stderr}`);
    result = JSON.parse(run.stdout);
  }, 60_000);

  it('finds the code it checks', () => {
    expect(result.summary.totalCruised).toBeGreaterThan(150);
  });

  it('keeps every rule of .dependency-cruiser.mjs', () => {
    const broken = result.summary.violations.map(
      (v) => `${v.rule.name}: ${v.from} -> ${v.cycle ? v.cycle.map((c) => c.name).join(' -> ') : v.to}`,
    );
    expect(broken).toEqual([]);
  });
});
