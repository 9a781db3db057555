export * from './referral.events.js';
export * from './referral.decider.js';
export * from './referral.privacy.js';
