import { Injectable } from '@nestjs/common';
import { HouseholdDirectory } from '#libs/households/index.js';
import { CommandExecutor, type CommandContext } from '#libs/platform/command-handling/index.js';
import { commandResponse, type CommandResponse } from '#libs/platform/http/index.js';
import { trainingDecider, type InviteeStanding, type TrainingCommand } from '../domain/index.js';
import { trainingStream } from '../training-streams.js';

/**
 * Every course command goes through here. Each is decided on the course's own stream at the
 * revision read, so concurrent enrolments are serialised by the store and capacity is never
 * exceeded. An invitation first asks the household registry whether the person belongs to the
 * household named.
 */
@Injectable()
export class TrainingCommandHandler {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly households: HouseholdDirectory,
  ) {}

  async execute(
    courseId: string,
    command: TrainingCommand,
    context: CommandContext,
    reason?: string,
  ): Promise<CommandResponse> {
    const result = await this.executor.execute({
      stream: trainingStream(courseId),
      decider: trainingDecider,
      command,
      context,
      ...(reason ? { reason } : {}),
    });
    return commandResponse(courseId, result);
  }

  async invite(courseId: string, householdId: string, nik: string, context: CommandContext): Promise<CommandResponse> {
    const household = await this.households.find(householdId);
    const invitee: InviteeStanding = !household.registered
      ? 'household_not_registered'
      : household.members.some((m) => m.nik === nik)
        ? 'member'
        : 'not_a_member';
    return this.execute(
      courseId,
      { type: 'InviteParticipant', data: { householdId, nik, invitee, at: context.now } },
      context,
    );
  }
}
