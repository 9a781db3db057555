export * from './period.events.js';
export * from './period.decider.js';
