import type { ProjectionStatus } from '#libs/platform/read-store/index.js';

/**
 * A projection serves reads in these states; `starting`, `failing`, `stopped` (and any state a
 * later runner adds) make the process not ready. Catching up counts as running: commands do not
 * need the read models, and `?minPosition=` reads wait for them.
 */
const RUNNING = new Set<string>(['live', 'catching_up', 'rebuilding', 'followed']);

export const isRunning = (projection: ProjectionStatus): boolean => RUNNING.has(projection.state);

/**
 * What readiness counts: the read models must run; the Kafka relay and the reactors serve no read,
 * so while they fail (a broker outage) the process still serves, their state shown in the details.
 */
export const servesReads = (projection: ProjectionStatus): boolean => isRunning(projection) || !projection.readModel;

/** Events of the store a projection has not handled yet (its checkpoint behind the head). */
export const lagOf = (head: number, projection: ProjectionStatus): number => Math.max(0, head - projection.checkpoint);

/** Resolves like `promise`, or rejects after `ms` (a store that hangs is a store that does not answer). */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
