import type { CommandContext, CommandExecutor } from '#libs/platform/command-handling/index.js';
import { householdDecider } from '../../domain/household.decider.js';
import type { HouseholdCommand } from '../../domain/household.commands.js';
import { householdStream } from '../../household-streams.js';
import type { CommandResponse } from './command-response.js';

export async function executeOnHousehold(
  executor: CommandExecutor,
  householdId: string,
  command: HouseholdCommand,
  context: CommandContext,
  reason?: string,
): Promise<CommandResponse> {
  const result = await executor.execute({
    stream: householdStream(householdId),
    decider: householdDecider,
    command,
    context,
    ...(reason ? { reason } : {}),
  });
  return { id: householdId, revision: result.revision, position: result.position };
}
