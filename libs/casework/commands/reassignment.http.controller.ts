import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CallerReach, Scoped, type Reach } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { DomainError } from '#libs/platform/domain/index.js';
import { CommandCtx, CommandRoute, ReadRoute, validationProblem } from '#libs/platform/http/index.js';
import { ReadsFrom } from '#libs/platform/read-store/index.js';
import { caseworkCasesProjection } from '../read-models/casework-cases/casework-cases.projection.js';
import { ReassignmentCommandHandler } from './reassignment.command-handler.js';
import { ReassignCaseloadRequestDto, ReassignmentPreviewQueryDto } from './reassignment.request.dto.js';
import { ReassignmentPlanDto, ReassignmentResponse } from './reassignment.response.dto.js';

/** The command's refusals that the dry run answers as a query to change, by the parameter to change. */
const PREVIEW_FIELDS: Record<string, string> = {
  'REASSIGNMENT.SAME_CASEWORKER': 'to',
  'REASSIGNMENT.TOO_MANY_CASES': 'householdIds',
};

/** Bulk reassignment of a leaving caseworker's caseload, and its dry run. */
@ApiTags('casework')
@ApiBearerAuth()
@Controller('caseloads')
export class ReassignmentController {
  constructor(private readonly reassignments: ReassignmentCommandHandler) {}

  @ReadRoute(
    ':caseworkerId/reassignment-preview',
    'Dry run of a bulk reassignment: which cases would move, which are already with the receiver, which not and why',
    ['supervisor', 'admin'],
    { type: ReassignmentPlanDto },
  )
  @ReadsFrom(caseworkCasesProjection.name)
  async preview(
    @Param('caseworkerId') caseworkerId: string,
    @Query() q: ReassignmentPreviewQueryDto,
    @CallerReach() reach: Reach,
  ): Promise<ReassignmentPlanDto> {
    const request = { fromCaseworkerId: caseworkerId, toCaseworkerId: q.to };
    try {
      return await this.reassignments.plan(
        q.householdIds ? { ...request, householdIds: q.householdIds } : request,
        reach,
      );
    } catch (error) {
      // A read answers no 422 (the document lists none): what the command would refuse as a rule,
      // the dry run refuses as a query to change, naming the parameter and the command's code.
      const field = error instanceof DomainError ? PREVIEW_FIELDS[error.code] : undefined;
      if (!field || !(error instanceof DomainError)) throw error;
      throw validationProblem([{ field, rule: error.code, message: error.message }]);
    }
  }

  @Scoped({ kind: 'households', body: 'householdIds' })
  @CommandRoute(
    ':caseworkerId/reassignment',
    'Move part or all of a caseworker’s open cases to another caseworker (one event per household)',
    ['supervisor', 'admin'],
    { answer: ReassignmentResponse },
  )
  reassign(
    @Param('caseworkerId') caseworkerId: string,
    @Body() body: ReassignCaseloadRequestDto,
    @CallerReach() reach: Reach,
    @CommandCtx() context: CommandContext,
  ): Promise<ReassignmentResponse> {
    return this.reassignments.reassign({ fromCaseworkerId: caseworkerId, ...body }, reach, context);
  }
}
