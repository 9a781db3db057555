import type { ExpectedRevision } from './event-store.port.js';

/** The stream is not at the revision the writer expected. Carries what it actually is. */
export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** Revision of the stream's last event; undefined when the stream does not exist. */
    readonly actual: number | undefined,
  ) {
    super(`Stream ${stream} expected at ${String(expected)} but is at ${actual === undefined ? 'no_stream' : actual}`);
  }
}

/** An event id that is already stored, other than as an idempotent retry of the same append. */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';
  constructor(readonly eventId: string) {
    super(`Event id ${eventId} is already stored`);
  }
}

/** The command key given with an append was recorded before (by this command's first attempt). */
export class CommandKeyTakenError extends Error {
  override readonly name = 'CommandKeyTakenError';
  constructor(
    readonly scope: string,
    readonly key: string,
  ) {
    super(`The command key ${key} is already recorded`);
  }
}
