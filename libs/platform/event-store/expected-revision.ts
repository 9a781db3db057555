import type { ExpectedRevision } from './event-store.port.js';

/** Whether a stream at `actual` (undefined: no stream) satisfies the writer's expectation. */
export function satisfies(expected: ExpectedRevision, actual: number | undefined): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === undefined;
    case 'exists':
      return actual !== undefined;
    default:
      return actual === expected;
  }
}
