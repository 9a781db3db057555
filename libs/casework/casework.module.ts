import { Module } from '@nestjs/common';
import { HouseholdsModule } from '#libs/households/index.js';
import { CaseworkFacts } from './casework-facts.js';
import { CaseworkCommandHandler } from './commands/casework.command-handler.js';
import { FlagsController } from './commands/flags.http.controller.js';
import { ReassignmentCommandHandler } from './commands/reassignment.command-handler.js';
import { ReassignmentController } from './commands/reassignment.http.controller.js';
import { RevocationCommandHandler } from './commands/revocation.command-handler.js';
import { RevocationController } from './commands/revocation.http.controller.js';
import { TransfersController } from './commands/transfers.http.controller.js';
import { VisitsController } from './commands/visits.http.controller.js';
import { CaseworkCaseQueries } from './read-models/casework-cases/casework-cases.queries.js';
import { CaseworkReadController } from './read-models/casework-cases/casework.http.controller.js';
import { PendingTransfersController } from './read-models/casework-cases/pending-transfers.http.controller.js';

/**
 * Casework (ADR 0018): transfers of a case between caseworkers, bulk reassignment, scheduled
 * visits and follow-ups, risk flags. Needs the PlatformModule; exports the facts the access
 * check asks (who a pending transfer would give the case to).
 */
@Module({
  imports: [HouseholdsModule],
  controllers: [
    TransfersController,
    VisitsController,
    FlagsController,
    ReassignmentController,
    CaseworkReadController,
    PendingTransfersController,
    RevocationController,
  ],
  providers: [
    CaseworkCommandHandler,
    ReassignmentCommandHandler,
    CaseworkCaseQueries,
    CaseworkFacts,
    RevocationCommandHandler,
  ],
  exports: [CaseworkFacts],
})
export class CaseworkModule {}
