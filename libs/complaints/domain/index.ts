export * from './complaint.events.js';
export * from './complaint.decider.js';
export * from './complaint.privacy.js';
