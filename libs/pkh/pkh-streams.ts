import { streamName } from '#libs/platform/event-store/index.js';

export const PKH_CATEGORY = 'pkh';
/** One PKH participation stream per household, named after the household. */
export const pkhStream = (householdId: string): string => streamName(PKH_CATEGORY, householdId);
