import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AddMemberController } from './commands/add-member/add-member.http.controller.js';
import { AssessHouseholdController } from './commands/assess-household/assess-household.http.controller.js';
import { AssignCaseworkerController } from './commands/assign-caseworker/assign-caseworker.http.controller.js';
import { ErasureController } from './commands/erasure/erasure.http.controller.js';
import { ExitController } from './commands/exit/exit.http.controller.js';
import { HouseholdCommandHandler } from './commands/household.command-handler.js';
import { MemberDetailsController } from './commands/member-changes/member-details.http.controller.js';
import { MemberMovesController } from './commands/member-changes/member-moves.http.controller.js';
import { PregnancyController } from './commands/member-changes/pregnancy.http.controller.js';
import { RecordCaseNoteController } from './commands/record-case-note/record-case-note.http.controller.js';
import { RegisterHouseholdController } from './commands/register-household/register-household.http.controller.js';
import { RemoveMemberController } from './commands/remove-member/remove-member.http.controller.js';
import { IdentityRegistry } from './commands/shared/identity-registry.js';
import { HouseholdDirectory } from './household-directory.js';
import { HouseholdHistoryController } from './read-models/household-history/household-history.http.controller.js';
import {
  GetHouseholdHistoryHandler,
  GetHouseholdMembersOnHandler,
  GetHouseholdStateAsOfHandler,
} from './read-models/household-history/household-history.queries.js';
import { ListErasureReviewHandler } from './read-models/household-summary/erasure-review.queries.js';
import { HouseholdSummaryController } from './read-models/household-summary/household-summary.http.controller.js';
import {
  GetHouseholdHandler,
  ListHouseholdsHandler,
} from './read-models/household-summary/household-summary.queries.js';

/**
 * Households: registry and case (members, assessments, caseworker, notes, exit). Needs the
 * PlatformModule. Exports its command handler (the seed drives it) and the facts lookup that
 * PKH, Kube and training consult.
 */
@Module({
  imports: [CqrsModule],
  controllers: [
    RegisterHouseholdController,
    AssessHouseholdController,
    AssignCaseworkerController,
    RecordCaseNoteController,
    AddMemberController,
    RemoveMemberController,
    MemberDetailsController,
    PregnancyController,
    MemberMovesController,
    ExitController,
    ErasureController,
    HouseholdSummaryController,
    HouseholdHistoryController,
  ],
  providers: [
    IdentityRegistry,
    HouseholdCommandHandler,
    HouseholdDirectory,
    ListHouseholdsHandler,
    GetHouseholdHandler,
    ListErasureReviewHandler,
    GetHouseholdHistoryHandler,
    GetHouseholdMembersOnHandler,
    GetHouseholdStateAsOfHandler,
  ],
  exports: [HouseholdCommandHandler, HouseholdDirectory],
})
export class HouseholdsModule {}
