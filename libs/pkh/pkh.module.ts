import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { PkhController } from './commands/pkh.http.controller.js';
import { PkhCommandHandler } from './commands/pkh.handlers.js';
import { GetPkhParticipationHandler } from './read-models/pkh-participation.query.js';

/** PKH (Program Keluarga Harapan): enrolment, compliance, disbursement, suspension, graduation. */
@Module({
  imports: [CqrsModule],
  controllers: [PkhController],
  providers: [PkhCommandHandler, GetPkhParticipationHandler],
})
export class PkhModule {}
