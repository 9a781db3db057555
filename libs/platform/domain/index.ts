export * from './decider.js';
export * from './domain-error.js';
export * from './reservation.decider.js';
export * from './privacy.js';
export * from './reservation.privacy.js';
export * from './revocation.js';
export * from './revocation.privacy.js';
