/** A stored answer to a command sent with an Idempotency-Key. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export type IdempotencyClaim =
  | { state: 'claimed' }
  | { state: 'completed'; response: StoredResponse }
  | { state: 'in_progress' }
  | { state: 'different_request' };

/**
 * Keys are scoped by actor and route. A key is claimed before the command runs, so that a retry
 * arriving while the first attempt still runs does not run it twice.
 */
export interface IdempotencyStore {
  claim(scope: string, key: string, fingerprint: string, now: Date): Promise<IdempotencyClaim>;
  complete(scope: string, key: string, response: StoredResponse): Promise<void>;
  release(scope: string, key: string): Promise<void>;
  close?(): Promise<void>;
}

export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');
