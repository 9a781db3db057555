export * from './areas.js';
export * from './pkh-benefit-index.js';
export * from './complaint-categories.js';
export * from './referral-codes.js';
