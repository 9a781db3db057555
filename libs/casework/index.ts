/** Casework: transfers, bulk reassignment, visits and follow-ups, risk flags (ADR 0018). Other code imports only from here. */
export { CaseworkModule } from './casework.module.js';
export { CaseworkFacts } from './casework-facts.js';
export { CASEWORK_CATEGORY, REASSIGNMENT_CATEGORY, caseworkStream, reassignmentStream } from './casework-streams.js';
export {
  CASEWORK_EVENT_TYPES,
  CASEWORK_PRIVACY,
  FLAG_CODES,
  REASSIGNMENT_EVENT_TYPES,
  REASSIGNMENT_PRIVACY,
  RISK_LEVELS,
  type CaseworkEvent,
  type ReassignmentEvent,
} from './domain/index.js';
export { caseworkCasesProjection, riskRank } from './read-models/casework-cases/casework-cases.projection.js';
export type { CaseworkTables, FlagRow, OpenVisitRow } from './read-models/casework-cases/casework-cases.table.js';
export { nextVisitReactor } from './reactors/next-visit.reactor.js';
