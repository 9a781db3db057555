import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '#libs/platform/command-handling/index.js';
import type { CommandResponse } from '../shared/command-response.js';
import { executeOnHousehold } from '../shared/execute-on-household.js';
import { IdentityRegistry } from '../shared/identity-registry.js';
import { RemoveMemberCommand } from './remove-member.command.js';

/** After the household records the removal, the NIK is free to join another household. */
@CommandHandler(RemoveMemberCommand)
export class RemoveMemberHandler implements ICommandHandler<RemoveMemberCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly identities: IdentityRegistry,
  ) {}

  async execute({ householdId, nik, request, context }: RemoveMemberCommand): Promise<CommandResponse> {
    const { reason, detail, effectiveOn } = request;
    const result = await executeOnHousehold(
      this.executor,
      householdId,
      { type: 'RemoveMember', data: { nik, reason, detail: detail ?? null, effectiveOn, at: context.now } },
      context,
      detail ? `${reason}: ${detail}` : reason,
    );
    await this.identities.release({ kind: 'nik', number: nik }, householdId, context);
    return result;
  }
}
