import { streamName } from '#libs/platform/event-store/index.js';

export const PKH_CATEGORY = 'pkh';
/** One PKH participation stream per household, named after the household. */
export const pkhStream = (householdId: string): string => streamName(PKH_CATEGORY, householdId);

export const DISBURSEMENT_BATCH_CATEGORY = 'disbursementbatch';
/** A stage's payments, as a batch of their own (ADR 0013). */
export const disbursementBatchStream = (batchId: string): string => streamName(DISBURSEMENT_BATCH_CATEGORY, batchId);

export const STAGE_PAYMENT_CATEGORY = 'stagepayment';
/**
 * One reservation stream per household and stage, held by the batch that pays it: two batches
 * that race for one household's stage collide here, so a stage is never paid twice (ADR 0013).
 */
export const stagePaymentStream = (householdId: string, stage: string): string =>
  streamName(STAGE_PAYMENT_CATEGORY, `${householdId}_${stage}`);
