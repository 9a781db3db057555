import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '#libs/platform/command-handling/index.js';
import type { CommandResponse } from '../shared/command-response.js';
import { executeOnHousehold } from '../shared/execute-on-household.js';
import { toMember } from '../shared/household.request.dto.js';
import { IdentityRegistry } from '../shared/identity-registry.js';
import { AddMemberCommand } from './add-member.command.js';

/** Reserves the member's NIK for this household first, and gives it back if the household refuses. */
@CommandHandler(AddMemberCommand)
export class AddMemberHandler implements ICommandHandler<AddMemberCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly identities: IdentityRegistry,
  ) {}

  async execute({ householdId, request, context }: AddMemberCommand): Promise<CommandResponse> {
    const member = toMember(request);
    const release = await this.identities.reserveAll([{ kind: 'nik', number: member.nik }], householdId, context);
    try {
      return await executeOnHousehold(
        this.executor,
        householdId,
        { type: 'AddMember', data: { member, at: context.now } },
        context,
      );
    } catch (error) {
      await release();
      throw error;
    }
  }
}
