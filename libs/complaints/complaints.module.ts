import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { HouseholdsModule } from '#libs/households/index.js';
import { ComplaintCommandHandler } from './commands/complaint.command-handler.js';
import { ComplaintController } from './commands/complaint.http.controller.js';
import { ComplaintEscalator } from './complaint-escalator.js';
import { ComplaintQueriesController } from './queries/complaint.http.controller.js';
import { GetComplaintHandler } from './queries/complaint.queries.js';
import { ComplaintListController } from './read-models/complaint-list/complaint-list.http.controller.js';
import { ListComplaintsHandler } from './read-models/complaint-list/complaint-list.queries.js';

/** Complaints (pengaduan): intake, assignment, escalation when overdue, resolution, the family told. */
@Module({
  imports: [CqrsModule, HouseholdsModule],
  controllers: [ComplaintController, ComplaintQueriesController, ComplaintListController],
  providers: [ComplaintCommandHandler, ComplaintEscalator, GetComplaintHandler, ListComplaintsHandler],
  exports: [ComplaintEscalator],
})
export class ComplaintsModule {}
