import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { StreamReader } from '#libs/platform/streams/index.js';
import { notFound, type RevocationEvent } from '#libs/platform/domain/index.js';
import type { Kysely } from 'kysely';
import { EVENT_STORE, idOf, type EventStore, type RecordedEvent } from '#libs/platform/event-store/index.js';
import { READ_DATABASE, type ReadDatabase } from '#libs/platform/read-store/index.js';
import {
  HOUSEHOLD_LINKS_TABLE,
  householdsNamedBy,
  type HouseholdLinksTables,
} from '../household-links/household-links.projection.js';
import { householdDecider } from '../../domain/household.decider.js';
import type { HouseholdState } from '../../domain/household.state.js';
import type { HouseholdEvent, Member } from '../../domain/household.events.js';
import { membersOn } from '../../domain/members-on.js';
import { householdStream } from '../../household-streams.js';

/** An entry of the history, and the revocation that took it back (ADR 0019), if any. */
export type HouseholdHistoryEntry = RecordedEvent & { revokedBy?: { eventId: string; recordedAt: string } };

export interface HouseholdHistory {
  householdId: string;
  events: HouseholdHistoryEntry[];
}

export interface HouseholdStateAsOf {
  householdId: string;
  asOf: string;
  /** Revision of the household stream at that time. */
  revision: number;
  /** Global position of the last event known at that time. */
  position: number;
  state: HouseholdState;
}

/** The members on a business date, as the household's events now tell it (ADR 0004). */
export interface HouseholdMembersOn {
  householdId: string;
  on: string;
  members: Member[];
}

export class GetHouseholdMembersOnQuery extends Query<HouseholdMembersOn> {
  constructor(
    readonly householdId: string,
    readonly on: string,
  ) {
    super();
  }
}

export class GetHouseholdHistoryQuery extends Query<HouseholdHistory> {
  constructor(readonly householdId: string) {
    super();
  }
}

export class GetHouseholdStateAsOfQuery extends Query<HouseholdStateAsOf> {
  constructor(
    readonly householdId: string,
    readonly asOf: string,
  ) {
    super();
  }
}

/**
 * The household's own stream, merged in global order with the events of every other stream that
 * names it (PKH, Kube, training), found through the household-links index.
 */
@QueryHandler(GetHouseholdHistoryQuery)
export class GetHouseholdHistoryHandler implements IQueryHandler<GetHouseholdHistoryQuery> {
  private readonly db: Kysely<HouseholdLinksTables>;
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_DATABASE) database: ReadDatabase,
  ) {
    this.db = database.reader;
  }

  async execute({ householdId }: GetHouseholdHistoryQuery): Promise<HouseholdHistory> {
    const links = await this.db
      .selectFrom(HOUSEHOLD_LINKS_TABLE)
      .select('stream')
      .where('household_id', '=', householdId)
      .execute();
    const own = householdStream(householdId);
    const read = await Promise.all([own, ...links.map((l) => l.stream)].map((s) => this.store.readStream(s)));
    const names = (e: RecordedEvent) =>
      e.stream === own || idOf(e.stream) === householdId || householdsNamedBy(e.data).includes(householdId);
    const events = read
      .flat()
      .filter(names)
      .sort((a, b) => a.position - b.position);
    if (events.length === 0) throw notFound('HOUSEHOLD.NOT_FOUND', `No household ${householdId}`);
    return { householdId, events: withRevocations(events) };
  }
}

/**
 * Marks each entry revoked later with its revocation (ADR 0019): the entry stays where it was, and
 * a reader of the history sees at the entry that it no longer counts, without matching ids.
 */
function withRevocations(events: RecordedEvent[]): HouseholdHistoryEntry[] {
  const revocations = new Map<string, { eventId: string; recordedAt: string }>();
  for (const e of events) {
    const revoked = e.type === 'EventRevoked' ? (e.data as { eventId?: unknown }).eventId : undefined;
    if (typeof revoked === 'string') revocations.set(revoked, { eventId: e.eventId, recordedAt: e.recordedAt });
  }
  if (revocations.size === 0) return events;
  return events.map((e) => {
    const revokedBy = revocations.get(e.eventId);
    return revokedBy ? { ...e, revokedBy } : e;
  });
}

/** What the office knew on a date: the household's events recorded up to then, folded. */
@QueryHandler(GetHouseholdStateAsOfQuery)
export class GetHouseholdStateAsOfHandler implements IQueryHandler<GetHouseholdStateAsOfQuery> {
  constructor(private readonly reader: StreamReader) {}

  async execute({ householdId, asOf }: GetHouseholdStateAsOfQuery): Promise<HouseholdStateAsOf> {
    const { state, revision, position } = await this.reader.stateAt(
      householdStream(householdId),
      householdDecider,
      asOf,
    );
    if (revision === undefined || position === undefined)
      throw notFound('HOUSEHOLD.NOT_FOUND_AT_THAT_TIME', `Household ${householdId} was not registered at ${asOf}`);
    // The fold's own record of the stream (ADR 0019) is not part of the household.
    const { revocations: _log, ...household } = state;
    return { householdId, asOf: new Date(asOf).toISOString(), revision, position, state: household as HouseholdState };
  }
}

@QueryHandler(GetHouseholdMembersOnQuery)
export class GetHouseholdMembersOnHandler implements IQueryHandler<GetHouseholdMembersOnQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ householdId, on }: GetHouseholdMembersOnQuery): Promise<HouseholdMembersOn> {
    const events = await this.store.readStream(householdStream(householdId));
    if (events.length === 0) throw notFound('HOUSEHOLD.NOT_FOUND', `No household ${householdId}`);
    const folded = events.map(({ type, data }) => ({ type, data }) as HouseholdEvent | RevocationEvent);
    return { householdId, on, members: membersOn(folded, on) };
  }
}
