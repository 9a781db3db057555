import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { HouseholdsModule } from '#libs/households/index.js';
import { BatchDirectory } from './batch-directory.js';
import { DisbursementBatchCommandHandler } from './commands/disbursement-batch.command-handler.js';
import { DisbursementBatchController } from './commands/disbursement-batch.http.controller.js';
import { PkhCommandHandler } from './commands/pkh.command-handler.js';
import { PaymentCheckController } from './commands/payment-check.http.controller.js';
import { PaymentChecksController } from './read-models/payment-checks/payment-checks.http.controller.js';
import { ListPaymentChecksHandler } from './read-models/payment-checks/payment-checks.queries.js';
import { PkhDueController } from './read-models/pkh-due/pkh-due.http.controller.js';
import { ListPkhDueHandler } from './read-models/pkh-due/pkh-due.queries.js';
import { DisbursementBatchReadController } from './queries/disbursement-batch.http.controller.js';
import { GetDisbursementBatchHandler } from './queries/disbursement-batch.queries.js';
import { PkhController } from './commands/pkh.http.controller.js';
import { PkhParticipationController } from './queries/pkh-participation.http.controller.js';
import { GetPkhParticipationHandler } from './queries/pkh-participation.queries.js';

/** PKH (Program Keluarga Harapan): enrolment, compliance, disbursement batches, suspension, graduation. */
@Module({
  imports: [CqrsModule, HouseholdsModule],
  controllers: [
    PkhController,
    PkhParticipationController,
    DisbursementBatchController,
    DisbursementBatchReadController,
    PkhDueController,
    PaymentCheckController,
    PaymentChecksController,
  ],
  providers: [
    BatchDirectory,
    PkhCommandHandler,
    GetPkhParticipationHandler,
    DisbursementBatchCommandHandler,
    GetDisbursementBatchHandler,
    ListPkhDueHandler,
    ListPaymentChecksHandler,
  ],
  exports: [PkhCommandHandler, DisbursementBatchCommandHandler, BatchDirectory],
})
export class PkhModule {}
