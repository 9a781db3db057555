import { HttpProblem } from '#libs/platform/http/problem.js';
import type { ProjectionRunner } from './projection-runner.js';

export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');

/**
 * Read-your-writes: a command answers with the global position of its last event; a read that
 * passes it as ?minPosition= waits (bounded) until every projection has reached it.
 */
export async function awaitPosition(
  runner: ProjectionRunner,
  minPosition: number | undefined,
  timeoutMs: number,
): Promise<void> {
  if (minPosition === undefined || minPosition <= 0) return;
  if (await runner.waitFor(minPosition, timeoutMs)) return;
  throw new HttpProblem(
    503,
    'READ_MODEL.NOT_CAUGHT_UP',
    `The read models have reached position ${runner.position()}, not yet ${minPosition}; retry shortly`,
    { position: runner.position(), minPosition },
    { 'retry-after': '1' },
  );
}
