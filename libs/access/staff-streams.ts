import { streamName } from '#libs/platform/event-store/index.js';

export const STAFF_CATEGORY = 'staff';

/** One stream per member of staff: the areas given to them and the households they opened. */
export const staffStream = (staffId: string): string => streamName(STAFF_CATEGORY, staffId);
