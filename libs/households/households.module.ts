import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AddMemberController } from './commands/add-member/add-member.http.controller.js';
import { AddMemberHandler } from './commands/add-member/add-member.handler.js';
import { AssessHouseholdController } from './commands/assess-household/assess-household.http.controller.js';
import { AssessHouseholdHandler } from './commands/assess-household/assess-household.handler.js';
import { AssignCaseworkerController } from './commands/assign-caseworker/assign-caseworker.http.controller.js';
import { AssignCaseworkerHandler } from './commands/assign-caseworker/assign-caseworker.handler.js';
import { RecordCaseNoteController } from './commands/record-case-note/record-case-note.http.controller.js';
import { RecordCaseNoteHandler } from './commands/record-case-note/record-case-note.handler.js';
import { RegisterHouseholdController } from './commands/register-household/register-household.http.controller.js';
import { RegisterHouseholdHandler } from './commands/register-household/register-household.handler.js';
import { RemoveMemberController } from './commands/remove-member/remove-member.http.controller.js';
import { RemoveMemberHandler } from './commands/remove-member/remove-member.handler.js';
import { ExitController } from './commands/exit/exit.http.controller.js';
import { DecideExitHandler } from './commands/exit/exit.handlers.js';
import { IdentityRegistry } from './commands/shared/identity-registry.js';
import { HouseholdHistoryController } from './read-models/household-history/household-history.http.controller.js';
import {
  GetHouseholdHistoryHandler,
  GetHouseholdStateAsOfHandler,
} from './read-models/household-history/household-history.queries.js';
import { HouseholdSummaryController } from './read-models/household-summary/household-summary.http.controller.js';
import {
  GetHouseholdHandler,
  ListHouseholdsHandler,
} from './read-models/household-summary/household-summary.queries.js';

/** Households: registry and case (members, assessments, caseworker, notes). Needs the PlatformModule. */
@Module({
  imports: [CqrsModule],
  controllers: [
    RegisterHouseholdController,
    AssessHouseholdController,
    AssignCaseworkerController,
    RecordCaseNoteController,
    AddMemberController,
    RemoveMemberController,
    ExitController,
    HouseholdSummaryController,
    HouseholdHistoryController,
  ],
  providers: [
    IdentityRegistry,
    RegisterHouseholdHandler,
    AssessHouseholdHandler,
    AssignCaseworkerHandler,
    RecordCaseNoteHandler,
    AddMemberHandler,
    RemoveMemberHandler,
    DecideExitHandler,
    ListHouseholdsHandler,
    GetHouseholdHandler,
    GetHouseholdHistoryHandler,
    GetHouseholdStateAsOfHandler,
  ],
})
export class HouseholdsModule {}
