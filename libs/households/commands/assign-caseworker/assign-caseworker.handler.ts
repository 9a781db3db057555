import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '#libs/platform/command-handling/index.js';
import type { CommandResponse } from '../shared/command-response.js';
import { executeOnHousehold } from '../shared/execute-on-household.js';
import { AssignCaseworkerCommand } from './assign-caseworker.command.js';

@CommandHandler(AssignCaseworkerCommand)
export class AssignCaseworkerHandler implements ICommandHandler<AssignCaseworkerCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ householdId, request, context }: AssignCaseworkerCommand): Promise<CommandResponse> {
    return executeOnHousehold(
      this.executor,
      householdId,
      {
        type: 'AssignCaseworker',
        data: { caseworkerId: request.caseworkerId, at: context.now },
      },
      context,
      request.reason,
    );
  }
}
