import { ANY, NO_STREAM, STREAM_EXISTS, type AppendStreamState, type Position } from '@kurrent/kurrentdb-client';
import type { ExpectedRevision, RecordedEvent } from '../event-store.port.js';

/**
 * Pure mapping between the port and the KurrentDB client, kept apart so it is unit-tested
 * without a server. Streams map one to one (behind an optional namespace prefix, which tests use
 * to get an empty store on a shared server); global positions are the commit positions.
 */
export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/** The revision a WrongExpectedVersion error reports, as the port speaks of it. */
export function toActualRevision(actualState: unknown): number | undefined {
  return typeof actualState === 'bigint' ? Number(actualState) : undefined;
}

/** Reads `after` a position: the client starts at a position inclusively, so callers skip it. */
export function positionAfter(after: number): Position | undefined {
  return after > 0 ? { commit: BigInt(after), prepare: BigInt(after) } : undefined;
}

export interface KurrentRecorded {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  created: Date;
  data: unknown;
  metadata: unknown;
  position?: Position;
}

export function toRecordedEvent(event: KurrentRecorded, namespace: string, commitPosition?: bigint): RecordedEvent {
  const position = event.position?.commit ?? commitPosition;
  if (position === undefined) throw new Error(`Event ${event.id} has no global position`);
  return {
    eventId: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata as RecordedEvent['metadata'],
    stream: event.streamId.slice(namespace.length),
    revision: Number(event.revision),
    position: Number(position),
    recordedAt: event.created.toISOString(),
  };
}

/** Stream-name prefixes for a server-side filter: the namespace, narrowed to categories if any. */
export function streamPrefixes(namespace: string, categories: readonly string[] | undefined): string[] | undefined {
  if (categories?.length) return categories.map((c) => `${namespace}${c}-`);
  return namespace ? [namespace] : undefined;
}
