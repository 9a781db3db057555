import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, statSync, unlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
const LOCK = join(ROOT, 'dist', '.build.lock');
const STALE_MS = 10 * 60_000;

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Builds dist for the suites that run the built service in child processes, one build at a time
 * across Jest's workers: two tsc runs writing dist together left half-written files that a
 * child process of a third suite then failed to load. The build is incremental, so after the
 * first one the others only check and write nothing while services run from dist.
 */
export function buildDist(): void {
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  let lock: number | undefined;
  while (lock === undefined) {
    try {
      lock = openSync(LOCK, 'wx');
    } catch {
      try {
        // A lock left by a killed run is taken over after a while.
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_MS) unlinkSync(LOCK);
      } catch {
        // Gone between the two calls: try again.
      }
      pause(250);
    }
  }
  try {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  } finally {
    closeSync(lock);
    unlinkSync(LOCK);
  }
}
