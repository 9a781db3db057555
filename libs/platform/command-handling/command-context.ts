import type { Principal } from '#libs/platform/auth/roles.js';
import type { CommandKey } from '#libs/platform/event-store/index.js';

/** What a command carries besides its data: who, when, why, and the client's preconditions. */
export interface CommandContext {
  principal: Principal;
  correlationId: string;
  /** Id of the request that caused the command; becomes each event's causationId. */
  causationId: string;
  /** ISO 8601 UTC time the command was received. */
  now: string;
  /**
   * The calendar day (YYYY-MM-DD) of `now` in the deployment's time zone (JEJAK_TIME_ZONE): what
   * "today" means to the office, for dates that may not be in the future and dates that default
   * to today. From 00:00 to 07:00 in Jakarta it is a day ahead of `now`'s UTC date.
   */
  today: string;
  /** From If-Match: the revision the client last saw. */
  expectedRevision?: number;
  /** From Idempotency-Key: makes event ids (and new ids) deterministic for retries. */
  idempotencyKey?: string;
  /** The key as recorded with the command's events, so that a retry finds the first answer. */
  commandKey?: CommandKey;
}

export class PreconditionFailedError extends Error {
  override readonly name = 'PreconditionFailedError';
  constructor(
    readonly stream: string,
    readonly expected: number,
    readonly actual: number | undefined,
  ) {
    super(`The resource is at revision ${actual ?? 'none'}, not ${expected}`);
  }
}
