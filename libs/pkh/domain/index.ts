export * from './pkh.events.js';
export * from './pkh.commands.js';
export * from './pkh.state.js';
export * from './pkh.decider.js';
export * from './pkh-eligibility.js';
export * from './pkh.privacy.js';
