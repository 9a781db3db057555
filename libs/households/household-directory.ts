import { Injectable } from '@nestjs/common';
import type { RevocationEvent } from '#libs/platform/domain/index.js';
import { StreamReader } from '#libs/platform/streams/index.js';
import { householdDecider } from './domain/household.decider.js';
import type { Address, HouseholdEvent, Member, WelfareStatus } from './domain/household.events.js';
import { membersOn } from './domain/members-on.js';
import { householdStream } from './household-streams.js';

/** What other capabilities may know of a household when they decide something about it. */
export type HouseholdRecord =
  | { registered: false }
  | {
      registered: true;
      caseOpen: boolean;
      welfareStatus: WelfareStatus;
      members: readonly Member[];
      address: Address;
      caseworkerId: string | null;
    };

/**
 * The households capability's facts lookup: PKH, Kube and training ask it instead of rebuilding
 * the household's private state themselves, so that state can change without breaking them.
 */
@Injectable()
export class HouseholdDirectory {
  constructor(private readonly reader: StreamReader) {}

  async find(householdId: string): Promise<HouseholdRecord> {
    const { state } = await this.reader.stateAt(householdStream(householdId), householdDecider);
    if (state.status !== 'registered') return { registered: false };
    const { caseStatus, welfareStatus, members, address, caseworkerId } = state;
    return {
      registered: true,
      caseOpen: caseStatus === 'open' && !state.erased,
      welfareStatus,
      members,
      address,
      caseworkerId,
    };
  }

  /** The members on a business date (a PKH stage's first day), as the household's events now tell it. */
  async membersOn(householdId: string, date: string): Promise<readonly Member[]> {
    const { events } = await this.reader.load(householdStream(householdId), householdDecider);
    return membersOn(
      events.map(({ type, data }) => ({ type, data }) as HouseholdEvent | RevocationEvent),
      date,
    );
  }
}
