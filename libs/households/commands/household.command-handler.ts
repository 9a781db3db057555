import { Injectable } from '@nestjs/common';
import { CommandExecutor, type CommandContext } from '#libs/platform/command-handling/index.js';
import { commandResponse, type CommandResponse } from '#libs/platform/http/index.js';
import type { HouseholdCommand } from '../domain/household.commands.js';
import { householdDecider } from '../domain/household.decider.js';
import { householdStream } from '../household-streams.js';
import { IdentityRegistry } from './shared/identity-registry.js';

/**
 * Every household command goes through here: the controller builds the decider's command, the
 * decider decides on the household's stream, and the KK and NIK numbers the decided events
 * claim are reserved before they are appended (ADR 0002) and given back when a member leaves.
 */
@Injectable()
export class HouseholdCommandHandler {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly identities: IdentityRegistry,
  ) {}

  async execute(
    householdId: string,
    command: HouseholdCommand,
    context: CommandContext,
    reason?: string,
  ): Promise<CommandResponse> {
    const result = await this.executor.execute({
      stream: householdStream(householdId),
      decider: householdDecider,
      command,
      context,
      ...(reason ? { reason } : {}),
      beforeAppend: (events) => this.identities.reserveClaimedBy(events, householdId, context),
    });
    await this.identities.releaseFreedBy(result.events, householdId, context);
    return commandResponse(householdId, result);
  }
}
