/** The PKH capability's public surface. */
export { PkhModule } from './pkh.module.js';
export { BatchDirectory } from './batch-directory.js';
export {
  pkhStream,
  PKH_CATEGORY,
  disbursementBatchStream,
  DISBURSEMENT_BATCH_CATEGORY,
  STAGE_PAYMENT_CATEGORY,
} from './pkh-streams.js';
export { pkhExitGraduationReactor } from './reactors/pkh-exit-graduation.reactor.js';
export {
  PKH_EVENT_TYPES,
  PKH_REVOCATION_RULES,
  pkhDecider,
  pkhStatusAfter,
  type PkhEvent,
  type PkhCommand,
  type PkhStatus,
} from './domain/index.js';
export { PkhCommandHandler } from './commands/pkh.command-handler.js';
export { GetPkhParticipationQuery } from './queries/pkh-participation.queries.js';
export { PKH_PRIVACY, DISBURSEMENT_BATCH_PRIVACY, DISBURSEMENT_BATCH_EVENT_TYPES } from './domain/index.js';
export type { DisbursementBatchEvent, PaymentOutcome } from './domain/index.js';
export { pkhDueProjection } from './read-models/pkh-due/pkh-due.projection.js';
export { paymentChecksProjection } from './read-models/payment-checks/payment-checks.projection.js';
export { PAYMENT_CHECKS_TABLE, type PaymentCheckTables } from './read-models/payment-checks/payment-checks.table.js';
