import { streamName } from '#libs/platform/event-store/index.js';

export const CASEWORK_CATEGORY = 'casework';
/** One stream per household for the work done on its case: transfers, visits and follow-ups, flags. */
export const caseworkStream = (householdId: string): string => streamName(CASEWORK_CATEGORY, householdId);

export const REASSIGNMENT_CATEGORY = 'reassignment';
/** One stream per bulk reassignment: the record of which households moved, and its Idempotency-Key. */
export const reassignmentStream = (reassignmentId: string): string => streamName(REASSIGNMENT_CATEGORY, reassignmentId);
