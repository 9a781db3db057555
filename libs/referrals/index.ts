/** The referrals capability's public surface. */
export { ReferralsModule } from './referrals.module.js';
export { referralStream, REFERRAL_CATEGORY } from './referral-streams.js';
export { REFERRAL_EVENT_TYPES, REFERRAL_PRIVACY, type ReferralEvent } from './domain/index.js';
export { referralListProjection } from './read-models/referral-list/referral-list.projection.js';
