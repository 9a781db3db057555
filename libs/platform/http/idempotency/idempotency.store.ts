import type { CommandKeyRecord } from '#libs/platform/event-store/index.js';

/**
 * Where a command's Idempotency-Key is looked up. SQL event stores record keys with the events
 * they caused (AppendOptions.commandKey), so this reads their table; `record` is for an event
 * store that cannot (KurrentDB), where the key is written just after the append.
 */
export interface IdempotencyStore {
  find(scope: string, key: string): Promise<CommandKeyRecord | undefined>;
  record(record: CommandKeyRecord): Promise<void>;
  close?(): Promise<void>;
}

export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');
