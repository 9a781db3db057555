export * from './casework.events.js';
export type { CaseworkCommand, Actor } from './casework.commands.js';
export { caseworkDecider } from './casework.decider.js';
export { openVisits, type CaseworkState, type Visit } from './casework.state.js';
export { CASEWORK_PRIVACY, REASSIGNMENT_PRIVACY } from './casework.privacy.js';
export { reassignmentDecider, type ReassignmentCommand } from './reassignment.decider.js';
export { entriesCausedBy, pkhEntriesFedBy, visitsScheduledAfter, type StreamEntry } from './revocation-dependents.js';
