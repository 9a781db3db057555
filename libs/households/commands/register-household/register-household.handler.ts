import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, idFor } from '#libs/platform/command-handling/index.js';
import { householdDecider } from '../../domain/household.decider.js';
import type { HouseholdCommand } from '../../domain/household.commands.js';
import { householdStream } from '../../household-streams.js';
import type { CommandResponse } from '../shared/command-response.js';
import { toMember } from '../shared/household.request.dto.js';
import { IdentityRegistry } from '../shared/identity-registry.js';
import { RegisterHouseholdCommand } from './register-household.command.js';

@CommandHandler(RegisterHouseholdCommand)
export class RegisterHouseholdHandler implements ICommandHandler<RegisterHouseholdCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly identities: IdentityRegistry,
  ) {}

  async execute({ request, context }: RegisterHouseholdCommand): Promise<CommandResponse> {
    const householdId = idFor(context.idempotencyKey, context.principal.sub, 'household');
    const members = request.members.map(toMember);
    const { kecamatan, kelurahan, street, rt, rw } = request.address;
    const command: HouseholdCommand = {
      type: 'RegisterHousehold',
      data: {
        householdId,
        kk: request.kk,
        address: { kecamatan, kelurahan, ...(street ? { street } : {}), ...(rt ? { rt } : {}), ...(rw ? { rw } : {}) },
        members,
        at: context.now,
      },
    };
    // Refuse a broken rule before any number is reserved.
    householdDecider.decide(command, householdDecider.initialState());
    const claims = [
      { kind: 'kk' as const, number: request.kk },
      ...members.map((m) => ({ kind: 'nik' as const, number: m.nik })),
    ];
    const release = await this.identities.reserveAll(claims, householdId, context);
    try {
      const { expectedRevision: _none, ...ctx } = context;
      const result = await this.executor.execute({
        stream: householdStream(householdId),
        decider: householdDecider,
        command,
        context: ctx,
      });
      return { id: householdId, revision: result.revision, position: result.position };
    } catch (error) {
      await release();
      throw error;
    }
  }
}
