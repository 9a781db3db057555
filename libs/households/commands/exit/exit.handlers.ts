import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, idFor, type CommandContext } from '#libs/platform/command-handling/index.js';
import type { CommandResponse } from '../shared/command-response.js';
import { executeOnHousehold } from '../shared/execute-on-household.js';

export type ExitDecision =
  | { type: 'ProposeExit'; reason: string }
  | { type: 'ApproveExit'; exitedOn?: string }
  | { type: 'RejectExit'; reason: string }
  | { type: 'ReopenCase'; reason: string; reopenedOn?: string };

/** Propose, approve or reject an exit from poverty, or reopen a closed case. */
export class DecideExitCommand extends Command<CommandResponse> {
  constructor(
    readonly householdId: string,
    readonly decision: ExitDecision,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(DecideExitCommand)
export class DecideExitHandler implements ICommandHandler<DecideExitCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ householdId, decision, context }: DecideExitCommand): Promise<CommandResponse> {
    const at = context.now;
    const actor = context.principal.sub;
    const today = at.slice(0, 10);
    switch (decision.type) {
      case 'ProposeExit': {
        const proposalId = idFor(context.idempotencyKey, actor, `exit-proposal:${householdId}`);
        const data = { proposalId, reason: decision.reason, actor, at };
        return executeOnHousehold(this.executor, householdId, { type: 'ProposeExit', data }, context, decision.reason);
      }
      case 'ApproveExit':
        return executeOnHousehold(
          this.executor,
          householdId,
          { type: 'ApproveExit', data: { actor, exitedOn: decision.exitedOn ?? today, at } },
          context,
        );
      case 'RejectExit':
        return executeOnHousehold(
          this.executor,
          householdId,
          { type: 'RejectExit', data: { actor, reason: decision.reason, at } },
          context,
          decision.reason,
        );
      case 'ReopenCase': {
        const data = { reason: decision.reason, reopenedOn: decision.reopenedOn ?? today, at };
        return executeOnHousehold(this.executor, householdId, { type: 'ReopenCase', data }, context, decision.reason);
      }
    }
  }
}
