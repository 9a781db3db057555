import { Injectable } from '@nestjs/common';
import { HouseholdDirectory } from '#libs/households/index.js';
import { CommandExecutor, type CommandContext } from '#libs/platform/command-handling/index.js';
import { commandResponse, type CommandResponse } from '#libs/platform/http/index.js';
import { benefitIndexOn } from '#libs/reference-data/index.js';
import {
  pkhDecider,
  stageStartsOn,
  type HouseholdFacts,
  type MissedCommitment,
  type PkhCommand,
} from '../domain/index.js';

const STAGE = /^\d{4}-[1-4]$/;
import { pkhStream } from '../pkh-streams.js';

/**
 * Every PKH command goes through here, on the household's PKH stream. Enrolment and graduation
 * first gather what the household registry knows and the benefit index in force; the decider
 * refuses what the programme's rules refuse.
 */
@Injectable()
export class PkhCommandHandler {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly households: HouseholdDirectory,
  ) {}

  async execute(
    householdId: string,
    command: PkhCommand,
    context: CommandContext,
    reason?: string,
  ): Promise<CommandResponse> {
    const result = await this.executor.execute({
      stream: pkhStream(householdId),
      decider: pkhDecider,
      command,
      context,
      ...(reason ? { reason } : {}),
    });
    return commandResponse(householdId, result);
  }

  async enrol(householdId: string, enrolledOn: string, context: CommandContext): Promise<CommandResponse> {
    const household = await this.facts(householdId);
    const index = benefitIndexOn(enrolledOn) ?? null;
    return this.execute(
      householdId,
      { type: 'EnrolInPkh', data: { householdId, enrolledOn, household, index, at: context.now } },
      context,
    );
  }

  async graduate(
    householdId: string,
    request: { kind: 'natural' | 'self_declared' | 'poverty_exit'; reason: string; graduatedOn: string },
    context: CommandContext,
  ): Promise<CommandResponse> {
    const { members } = await this.facts(householdId);
    const index = benefitIndexOn(request.graduatedOn) ?? null;
    return this.execute(
      householdId,
      { type: 'GraduateFromPkh', data: { householdId, ...request, members, index, at: context.now } },
      context,
      request.reason,
    );
  }

  /**
   * A stage's verification, with the members on the stage's first day and the index in force
   * then: the decider re-evaluates the components and records the change with the stage.
   */
  async verify(
    householdId: string,
    request: { stage: string; compliant: boolean; missed: MissedCommitment[]; verifiedOn: string },
    context: CommandContext,
  ): Promise<CommandResponse> {
    const on = STAGE.test(request.stage) ? stageStartsOn(request.stage) : null;
    const reassessment = on
      ? { on, members: [...(await this.households.membersOn(householdId, on))], index: benefitIndexOn(on) ?? null }
      : undefined;
    return this.execute(
      householdId,
      {
        type: 'VerifyPkhCompliance',
        data: { householdId, ...request, ...(reassessment ? { reassessment } : {}), at: context.now },
      },
      context,
    );
  }

  private async facts(householdId: string): Promise<HouseholdFacts> {
    const household = await this.households.find(householdId);
    if (!household.registered) return { registered: false, caseOpen: false, welfareStatus: 'unassessed', members: [] };
    const { caseOpen, welfareStatus, members } = household;
    return { registered: true, caseOpen, welfareStatus, members: [...members] };
  }
}
