export * from './training.events.js';
export * from './training.decider.js';
export * from './training.privacy.js';
