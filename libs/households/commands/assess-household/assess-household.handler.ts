import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, idFor } from '#libs/platform/command-handling/index.js';
import type { CommandResponse } from '../shared/command-response.js';
import { executeOnHousehold } from '../shared/execute-on-household.js';
import { AssessHouseholdCommand } from './assess-household.command.js';

@CommandHandler(AssessHouseholdCommand)
export class AssessHouseholdHandler implements ICommandHandler<AssessHouseholdCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ householdId, request, context }: AssessHouseholdCommand): Promise<CommandResponse> {
    const { perCapitaIncome, povertyLine, assessedOn } = request;
    const assessmentId = idFor(context.idempotencyKey, context.principal.sub, `assessment:${householdId}`);
    return executeOnHousehold(
      this.executor,
      householdId,
      {
        type: 'AssessHousehold',
        data: { assessmentId, perCapitaIncome, povertyLine, assessedOn, at: context.now },
      },
      context,
    );
  }
}
