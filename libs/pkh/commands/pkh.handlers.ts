import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { householdDecider, householdStream } from '#libs/households/index.js';
import { CommandExecutor, type CommandContext } from '#libs/platform/command-handling/index.js';
import { ruleBroken } from '#libs/platform/domain/index.js';
import { benefitIndexOn } from '#libs/reference-data/index.js';
import {
  eligibleComponents,
  pkhDecider,
  type HouseholdFacts,
  type MissedCommitment,
  type PkhCommand,
  type DisbursementChannel,
} from '../domain/index.js';
import { pkhStream } from '../pkh-streams.js';

export type PkhAction =
  | { type: 'enrol'; enrolledOn: string }
  | { type: 'verify'; stage: string; compliant: boolean; missed: MissedCommitment[]; verifiedOn: string }
  | {
      type: 'disburse';
      stage: string;
      amount: number;
      channel: DisbursementChannel;
      reference: string;
      disbursedOn: string;
    }
  | { type: 'reinstate'; reason: string }
  | { type: 'terminate'; reason: string }
  | { type: 'graduate'; kind: 'natural' | 'self_declared' | 'poverty_exit'; reason: string; graduatedOn: string };

export interface PkhCommandResponse {
  id: string;
  revision: number;
  position: number;
}

export class PkhCommandMessage extends Command<PkhCommandResponse> {
  constructor(
    readonly householdId: string,
    readonly action: PkhAction,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** Turns a PKH action into a decider command, with what the household registry knows where needed. */
@CommandHandler(PkhCommandMessage)
export class PkhCommandHandler implements ICommandHandler<PkhCommandMessage> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ householdId, action, context }: PkhCommandMessage): Promise<PkhCommandResponse> {
    const command = await this.toCommand(householdId, action, context.now);
    const reason = 'reason' in action ? action.reason : undefined;
    const result = await this.executor.execute({
      stream: pkhStream(householdId),
      decider: pkhDecider,
      command,
      context,
      ...(reason ? { reason } : {}),
    });
    return { id: householdId, revision: result.revision, position: result.position };
  }

  private async toCommand(householdId: string, action: PkhAction, at: string): Promise<PkhCommand> {
    switch (action.type) {
      case 'enrol': {
        const index = benefitIndexOn(action.enrolledOn);
        if (!index)
          throw ruleBroken('PKH.NO_BENEFIT_INDEX', `No PKH benefit index is in force on ${action.enrolledOn}`);
        return {
          type: 'EnrolInPkh',
          data: { householdId, enrolledOn: action.enrolledOn, household: await this.facts(householdId), index, at },
        };
      }
      case 'verify':
        return { type: 'VerifyPkhCompliance', data: { householdId, ...withoutType(action), at } };
      case 'disburse':
        return { type: 'DisbursePkhBenefit', data: { householdId, ...withoutType(action), at } };
      case 'reinstate':
        return { type: 'ReinstatePkh', data: { householdId, reason: action.reason, at } };
      case 'terminate':
        return { type: 'TerminatePkh', data: { householdId, reason: action.reason, at } };
      case 'graduate': {
        const household = await this.facts(householdId);
        const index = benefitIndexOn(action.graduatedOn);
        const eligibleComponentsNow = index
          ? eligibleComponents(household.members, action.graduatedOn, index).length
          : 0;
        return { type: 'GraduateFromPkh', data: { householdId, ...withoutType(action), eligibleComponentsNow, at } };
      }
    }
  }

  private async facts(householdId: string): Promise<HouseholdFacts> {
    const { state } = await this.executor.stateAt(householdStream(householdId), householdDecider);
    if (state.status !== 'registered')
      return { registered: false, caseOpen: false, welfareStatus: 'unassessed', members: [] };
    return {
      registered: true,
      caseOpen: state.caseStatus === 'open',
      welfareStatus: state.welfareStatus,
      members: state.members,
    };
  }
}

function withoutType<T extends { type: string }>(action: T): Omit<T, 'type'> {
  const { type: _type, ...rest } = action;
  return rest;
}
