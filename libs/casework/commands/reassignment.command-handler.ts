import { Injectable } from '@nestjs/common';
import { HouseholdCommandHandler, HouseholdDirectory } from '#libs/households/index.js';
import { householdAccess, type Reach } from '#libs/platform/auth/index.js';
import { CommandExecutor, idFor, type CommandContext } from '#libs/platform/command-handling/index.js';
import { DomainError, ruleBroken } from '#libs/platform/domain/index.js';
import { reassignmentStream } from '../casework-streams.js';
import { reassignmentDecider } from '../domain/index.js';
import { CaseworkCaseQueries } from '../read-models/casework-cases/casework-cases.queries.js';
import { onOtherStream } from './casework.command-handler.js';
import { MAX_REASSIGNMENT } from './reassignment.request.dto.js';
import type { ReassignmentPlanDto, ReassignmentResponse, RefusedMoveDto } from './reassignment.response.dto.js';

export interface ReassignmentRequest {
  fromCaseworkerId: string;
  toCaseworkerId: string;
  /** Absent: every open case of the leaving caseworker the caller reaches. */
  householdIds?: string[];
}

/**
 * A supervisor moves part or all of a leaving caseworker's caseload: one CaseworkerAssigned per
 * household, on its own stream (so each history shows the move), then one record of the whole.
 * The preview answers the same plan without writing. A retry after a crash in between moves what
 * is left and writes the record; households already with the receiver count as moved (ADR 0018).
 */
@Injectable()
export class ReassignmentCommandHandler {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly households: HouseholdDirectory,
    private readonly householdCommands: HouseholdCommandHandler,
    private readonly cases: CaseworkCaseQueries,
  ) {}

  async plan(request: ReassignmentRequest, reach: Reach): Promise<ReassignmentPlanDto> {
    const { fromCaseworkerId, toCaseworkerId } = request;
    if (fromCaseworkerId === toCaseworkerId)
      throw ruleBroken('REASSIGNMENT.SAME_CASEWORKER', 'A caseload is reassigned to another caseworker');
    let ids = request.householdIds;
    const listed = !ids;
    if (!ids) {
      ids = await this.cases.openCasesOf(fromCaseworkerId, reach, MAX_REASSIGNMENT + 1);
      if (ids.length > MAX_REASSIGNMENT)
        throw ruleBroken(
          'REASSIGNMENT.TOO_MANY_CASES',
          `${fromCaseworkerId} holds more than ${MAX_REASSIGNMENT} open cases: name the households, in parts`,
          { max: MAX_REASSIGNMENT },
        );
    }
    const plan: ReassignmentPlanDto = { fromCaseworkerId, toCaseworkerId, moves: [], alreadyMoved: [], refused: [] };
    const refuse = (householdId: string, code: RefusedMoveDto['code']) => plan.refused.push({ householdId, code });
    for (const householdId of new Set(ids)) {
      const household = await this.households.find(householdId);
      if (!household.registered) {
        refuse(householdId, 'HOUSEHOLD_NOT_REGISTERED');
        continue;
      }
      const { caseworkerId, address } = household;
      const place = { householdId, caseworkerId, kecamatan: address.kecamatan, kelurahan: address.kelurahan };
      if (householdAccess(reach, place) !== 'full') {
        // A case of the list the caller does not reach (it moved away meanwhile) is not named back.
        if (!listed) refuse(householdId, 'OUTSIDE_YOUR_REACH');
      } else if (caseworkerId === toCaseworkerId) plan.alreadyMoved.push(householdId);
      else if (caseworkerId !== fromCaseworkerId) refuse(householdId, 'NOT_IN_CASELOAD');
      else if (!household.caseOpen) refuse(householdId, 'CASE_CLOSED');
      else plan.moves.push(householdId);
    }
    return plan;
  }

  async reassign(
    request: ReassignmentRequest & { reason: string },
    reach: Reach,
    context: CommandContext,
  ): Promise<ReassignmentResponse> {
    const plan = await this.plan(request, reach);
    const reassignmentId = idFor(context.idempotencyKey, context.principal.sub, 'reassignment');
    const { toCaseworkerId, fromCaseworkerId, reason } = request;
    const moved: string[] = [];
    const alreadyMoved = [...plan.alreadyMoved];
    for (const householdId of plan.moves) {
      try {
        await this.householdCommands.execute(
          householdId,
          { type: 'AssignCaseworker', data: { caseworkerId: toCaseworkerId, at: context.now, today: context.today } },
          onOtherStream(context),
          `Reassignment ${reassignmentId}: ${reason}`,
        );
        moved.push(householdId);
      } catch (error) {
        // Moved to the receiver meanwhile (another request): it is where it should be.
        if (!(error instanceof DomainError && error.code === 'HOUSEHOLD.CASEWORKER_ALREADY_ASSIGNED')) throw error;
        alreadyMoved.push(householdId);
      }
    }
    if (moved.length + alreadyMoved.length === 0)
      throw ruleBroken('REASSIGNMENT.NOTHING_TO_MOVE', `No case of ${fromCaseworkerId} can move`, {
        refused: plan.refused,
      });
    const householdIds = [...moved, ...alreadyMoved];
    const result = await this.executor.execute({
      stream: reassignmentStream(reassignmentId),
      decider: reassignmentDecider,
      command: {
        type: 'RecordReassignment',
        data: { reassignmentId, fromCaseworkerId, toCaseworkerId, householdIds, reason },
      },
      context,
      reason,
    });
    return {
      id: reassignmentId,
      revision: result.revision,
      position: result.position,
      moved,
      alreadyMoved,
      refused: plan.refused,
    };
  }
}
