import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { fold, notFound } from '#libs/platform/domain/index.js';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '#libs/platform/event-store/index.js';
import { householdDecider } from '../../domain/household.decider.js';
import type { HouseholdEvent } from '../../domain/household.events.js';
import type { HouseholdState } from '../../domain/household.state.js';
import { householdStream } from '../../household-streams.js';

/** Every stream that tells part of a household's story; later capabilities add theirs here. */
export const householdStreams = (householdId: string): string[] => [householdStream(householdId)];

export interface HouseholdHistory {
  householdId: string;
  events: RecordedEvent[];
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

async function readHistory(store: EventStore, householdId: string): Promise<RecordedEvent[]> {
  const streams = await Promise.all(householdStreams(householdId).map((s) => store.readStream(s)));
  return streams.flat().sort((a, b) => a.position - b.position);
}

@QueryHandler(GetHouseholdHistoryQuery)
export class GetHouseholdHistoryHandler implements IQueryHandler<GetHouseholdHistoryQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ householdId }: GetHouseholdHistoryQuery): Promise<HouseholdHistory> {
    const events = await readHistory(this.store, householdId);
    if (events.length === 0) throw notFound('HOUSEHOLD.NOT_FOUND', `No household ${householdId}`);
    return { householdId, events };
  }
}

/** What the office knew on a date: the household's events recorded up to then, folded. */
@QueryHandler(GetHouseholdStateAsOfQuery)
export class GetHouseholdStateAsOfHandler implements IQueryHandler<GetHouseholdStateAsOfQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ householdId, asOf }: GetHouseholdStateAsOfQuery): Promise<HouseholdStateAsOf> {
    const cutoff = new Date(asOf).getTime();
    const events = (await this.store.readStream(householdStream(householdId))).filter(
      (e) => new Date(e.recordedAt).getTime() <= cutoff,
    );
    const last = events.at(-1);
    if (!last)
      throw notFound('HOUSEHOLD.NOT_FOUND_AT_THAT_TIME', `Household ${householdId} was not registered at ${asOf}`);
    const state = fold(
      householdDecider,
      events.map(({ type, data }) => ({ type, data }) as HouseholdEvent),
    );
    return {
      householdId,
      asOf: new Date(cutoff).toISOString(),
      revision: last.revision,
      position: last.position,
      state,
    };
  }
}
