import { chainDigest, GENESIS_HASH } from '#libs/platform/hash-chain/index.js';

/** One read of personal data, as the interceptor saw it, before it is chained. */
export interface AccessRecord {
  /** ISO time the response was produced. */
  at: string;
  /** The token's `sub`. */
  actor: string;
  role: string;
  method: string;
  /** The route template (`/api/v1/households/:id`), never the URL: a URL can hold a NIK. */
  route: string;
  /** The client's X-Purpose, if it sent one. */
  purpose: string | null;
  /** The households the response carried, each once, in the order it carried them. */
  households: string[];
  requestId: string | null;
}

/** A record as the log keeps it: numbered and linked to the entry before it. */
export interface AccessEntry extends AccessRecord {
  seq: number;
  hash: string;
}

export interface AccessLogVerification {
  ok: boolean;
  entriesChecked: number;
  headSeq: number;
  headHash: string;
  firstBreak: { seq: number; reason: string } | null;
}

export interface AccessQuery {
  household?: string;
  actor?: string;
  /** Entries numbered below this (the cursor of the page before). */
  before?: number;
  /** `at` at or after (ISO). */
  from?: string;
  /** `at` before (ISO). */
  to?: string;
  limit: number;
}

export const ACCESS_LOG_TABLE = 'access_log';
export const ACCESS_LOG_HOUSEHOLDS_TABLE = 'access_log_households';

export interface AccessLogTables {
  access_log: {
    seq: number;
    at: string;
    actor: string;
    role: string;
    method: string;
    route: string;
    purpose: string | null;
    /** JSON array of household ids. */
    households: string;
    request_id: string | null;
    hash: string;
  };
  /** Which entries named which household: "who looked at this family" is an index walk. */
  access_log_households: { household_id: string; seq: number };
}

export type Row = AccessLogTables['access_log'];

/** The fields of a read that its link covers. */
export const readOf = ({ at, actor, role, method, route, purpose, households, requestId }: AccessRecord) => ({
  at,
  actor,
  role,
  method,
  route,
  purpose,
  households,
  requestId,
});

/**
 * The link of an entry: the read and its number, so that a removed entry leaves a gap. Nested
 * as { read, seq } so that the SQLite writer's thread can link the read's canonical JSON, made
 * here, with the number it gives it (see sqlite-access-writer.ts).
 */
export function accessEntryHash(previous: string, entry: Omit<AccessEntry, 'hash'>): string {
  return chainDigest(previous, { read: readOf(entry), seq: entry.seq });
}

/** The records numbered and linked after the head of the log. */
export function chained(head: { seq: number | string; hash: string } | undefined, records: readonly AccessRecord[]) {
  let seq = Number(head?.seq ?? 0);
  let previous = head?.hash ?? GENESIS_HASH;
  return records.map((record): AccessEntry => {
    seq += 1;
    previous = accessEntryHash(previous, { ...record, seq });
    return { ...record, seq, hash: previous };
  });
}

export function toRow(e: AccessEntry): Row {
  return {
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    role: e.role,
    method: e.method,
    route: e.route,
    purpose: e.purpose,
    households: JSON.stringify(e.households),
    request_id: e.requestId,
    hash: e.hash,
  };
}

/** Strict (verify) throws on a households column that is not a list of ids; lenient shows it as none. */
export function toEntry(row: Row, { lenient = false } = {}): AccessEntry {
  let households: unknown;
  try {
    households = JSON.parse(row.households);
  } catch {
    households = undefined;
  }
  if (!Array.isArray(households) || households.some((h) => typeof h !== 'string')) {
    if (!lenient) throw new Error(`access log entry ${row.seq}: households is not a list of ids`);
    households = [];
  }
  return {
    seq: Number(row.seq),
    at: row.at,
    actor: row.actor,
    role: row.role,
    method: row.method,
    route: row.route,
    purpose: row.purpose,
    households: households as string[],
    requestId: row.request_id,
    hash: row.hash,
  };
}
