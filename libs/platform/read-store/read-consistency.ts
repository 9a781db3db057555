import { HttpProblem } from '#libs/platform/http/problem.js';
import type { ProjectionRunner } from './projection-runner.js';

export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');

/**
 * Read-your-writes: a command answers with the global position of its last event; a read that
 * passes it as ?minPosition= waits (bounded) until the read models it reads (`readModels`, by
 * default every read model) have reached it. Never the Kafka relay or the reactors: they own no
 * read model, and a broker outage must not turn reads into 503s.
 */
export async function awaitPosition(
  runner: ProjectionRunner,
  minPosition: number | undefined,
  timeoutMs: number,
  readModels?: readonly string[],
): Promise<void> {
  if (minPosition === undefined || minPosition <= 0) return;
  if (await runner.waitFor(minPosition, timeoutMs, readModels)) return;
  const position = runner.readModelPosition(readModels);
  throw new HttpProblem(
    503,
    'READ_MODEL.NOT_CAUGHT_UP',
    `The read models have reached position ${position}, not yet ${minPosition}; retry shortly`,
    { position, minPosition },
    { 'retry-after': '1' },
  );
}
