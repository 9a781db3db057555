import { Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CaseworkModule } from '#libs/casework/index.js';
import { HouseholdsModule } from '#libs/households/index.js';
import { KubeModule } from '#libs/kube/index.js';
import { PkhModule } from '#libs/pkh/index.js';
import { SCOPE_CHECK } from '#libs/platform/auth/index.js';
import { TrainingModule } from '#libs/training/index.js';
import { StaffCommandHandler } from './commands/staff.command-handler.js';
import { StaffController } from './commands/staff.http.controller.js';
import { StaffAreasController } from './queries/staff-areas.http.controller.js';
import { GetStaffAreasHandler } from './queries/staff-areas.queries.js';
import { SupervisorQueueController } from './read-models/supervisor-queue/supervisor-queue.http.controller.js';
import { GetSupervisorQueueHandler } from './read-models/supervisor-queue/supervisor-queue.queries.js';
import { AccessScope } from './scope/access-scope.js';

/**
 * Access by caseload and area: the areas given to staff, break-the-glass, and the scope check
 * every route passes (SCOPE_CHECK, asked by the platform's AuthGuard). Global, so that the
 * guard, which the platform builds, finds the check.
 */
@Global()
@Module({
  imports: [CqrsModule, HouseholdsModule, KubeModule, PkhModule, TrainingModule, CaseworkModule],
  controllers: [StaffController, StaffAreasController, SupervisorQueueController],
  providers: [
    AccessScope,
    { provide: SCOPE_CHECK, useExisting: AccessScope },
    StaffCommandHandler,
    GetStaffAreasHandler,
    GetSupervisorQueueHandler,
  ],
  exports: [SCOPE_CHECK, AccessScope, StaffCommandHandler],
})
export class AccessModule {}
