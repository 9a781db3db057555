import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { HouseholdsModule } from '#libs/households/index.js';
import { PkhCommandHandler } from './commands/pkh.command-handler.js';
import { PkhController } from './commands/pkh.http.controller.js';
import { PkhParticipationController } from './queries/pkh-participation.http.controller.js';
import { GetPkhParticipationHandler } from './queries/pkh-participation.queries.js';

/** PKH (Program Keluarga Harapan): enrolment, compliance, disbursement, suspension, graduation. */
@Module({
  imports: [CqrsModule, HouseholdsModule],
  controllers: [PkhController, PkhParticipationController],
  providers: [PkhCommandHandler, GetPkhParticipationHandler],
  exports: [PkhCommandHandler],
})
export class PkhModule {}
