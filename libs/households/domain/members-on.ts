import type { HouseholdEvent, Member } from './household.events.js';
import { evolveHousehold, initialHouseholdState } from './household.state.js';
import { effectiveOn, MEMBER_CHANGE_TYPES, type MemberChangeEvent } from './member-change.events.js';

const MEMBER_CHANGES = new Set<string>(MEMBER_CHANGE_TYPES);

/**
 * The members on a business date, as known now: every event folded but the changes that took
 * effect after the date (a child born later, a death after it, a school level not yet reached).
 * A correction holds at every date. PKH takes the members on a stage's first day (ADR 0004).
 */
export function membersOn(events: readonly HouseholdEvent[], date: string): Member[] {
  let state = initialHouseholdState();
  for (const event of events) {
    if (MEMBER_CHANGES.has(event.type)) {
      const on = effectiveOn(event as MemberChangeEvent);
      if (on !== null && on > date) continue;
    }
    if (event.type === 'MemberRemoved' && event.data.effectiveOn > date) continue;
    state = evolveHousehold(state, event);
  }
  return state.status === 'registered' ? state.members : [];
}
