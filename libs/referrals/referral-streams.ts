import { streamName } from '#libs/platform/event-store/index.js';

export const REFERRAL_CATEGORY = 'referral';
export const referralStream = (referralId: string): string => streamName(REFERRAL_CATEGORY, referralId);
