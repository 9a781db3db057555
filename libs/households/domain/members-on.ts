import type { RevocationEvent } from '#libs/platform/domain/index.js';
import type { HouseholdEvent, Member } from './household.events.js';
import { evolveHousehold, initialHouseholdState } from './household.state.js';
import { effectiveOn, MEMBER_CHANGE_TYPES, type MemberChangeEvent } from './member-change.events.js';

const MEMBER_CHANGES = new Set<string>(MEMBER_CHANGE_TYPES);

/**
 * The members on a business date, as known now: every event folded but the changes that took
 * effect after the date (a child born later, a death after it, a school level not yet reached).
 * A correction holds at every date; a revoked change never happened (ADR 0019). `events` is the
 * whole stream, in order: an entry's index is its revision. PKH takes the members on a stage's
 * first day (ADR 0004).
 */
export function membersOn(events: readonly (HouseholdEvent | RevocationEvent)[], date: string): Member[] {
  let state = initialHouseholdState();
  const revoked = new Set(events.flatMap((e) => (e.type === 'EventRevoked' ? [e.data.revision] : [])));
  for (const [revision, event] of events.entries()) {
    if (event.type === 'RevocationRequested' || event.type === 'EventRevoked' || event.type === 'RevocationRejected')
      continue;
    if (revoked.has(revision)) continue;
    if (MEMBER_CHANGES.has(event.type)) {
      const on = effectiveOn(event as MemberChangeEvent);
      if (on !== null && on > date) continue;
    }
    if (event.type === 'MemberRemoved' && event.data.effectiveOn > date) continue;
    state = evolveHousehold(state, event);
  }
  return state.status === 'registered' ? state.members : [];
}
