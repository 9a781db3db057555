import { HOUSEHOLD_CATEGORY } from '#libs/households/index.js';
import { PKH_CATEGORY } from '#libs/pkh/index.js';
import type { PersonalDataRequest } from '#libs/platform/access-log/index.js';
import { categoryOf, idOf } from '#libs/platform/event-store/index.js';

/** Streams whose id is a household's: the household's own and its PKH participation. */
const KEYED_BY_HOUSEHOLD = new Set([HOUSEHOLD_CATEGORY, PKH_CATEGORY]);

/** The households an event concerns: its stream's, and those its data names (`householdId(s)`). */
export function householdsOfEvent(event: { stream: string; data?: unknown }): string[] {
  const own = KEYED_BY_HOUSEHOLD.has(categoryOf(event.stream)) ? [idOf(event.stream)] : [];
  const { householdId, householdIds } = (event.data ?? {}) as { householdId?: unknown; householdIds?: unknown };
  const named = Array.isArray(householdIds) ? householdIds.filter((h): h is string => typeof h === 'string') : [];
  return [...own, ...(typeof householdId === 'string' ? [householdId] : []), ...named];
}

/** @PersonalData of the feed: what it names, unless the caller got it redacted (reporters). */
export const householdsInFeed = (
  body: { events: { stream: string; data?: unknown }[] },
  request: PersonalDataRequest,
) => (request.principal?.role === 'reporter' ? null : body.events.flatMap(householdsOfEvent));

/** @PersonalData of an actor's events: the households whose streams they wrote to. */
export const householdsInActorEvents = (body: { events: { stream: string }[] }) =>
  body.events.flatMap(householdsOfEvent);
