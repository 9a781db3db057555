/** The audit capability's public surface. */
export { AuditModule } from './audit.module.js';
export { auditChainProjection, verifyAuditChain, type ChainVerification } from './audit-chain.js';
export { actorIndexProjection, ACTOR_INDEX_TABLE, revocationsOf, type ActorIndexTables } from './actor-index.js';
