export * from './staff.events.js';
export * from './staff.commands.js';
export * from './staff.state.js';
export * from './staff.decider.js';
export * from './staff.privacy.js';
