import { Inject, Injectable } from '@nestjs/common';
import { CommandExecutor, type CommandContext } from '#libs/platform/command-handling/index.js';
import { KEYRING, type Keyring } from '#libs/platform/crypto-shredding/index.js';
import { StreamReader } from '#libs/platform/streams/index.js';
import { commandResponse, type CommandResponse } from '#libs/platform/http/index.js';
import type { HouseholdCommand } from '../domain/household.commands.js';
import { householdDecider } from '../domain/household.decider.js';
import { householdStream } from '../household-streams.js';
import { IdentityRegistry } from './shared/identity-registry.js';

/**
 * Every household command goes through here: the controller builds the decider's command, the
 * decider decides on the household's stream, and the KK and NIK numbers the decided events
 * claim are reserved in the same commit as they are appended (ADR 0002, 0016) and given back
 * when a member leaves.
 */
@Injectable()
export class HouseholdCommandHandler {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly identities: IdentityRegistry,
    private readonly reader: StreamReader,
    @Inject(KEYRING) private readonly keyring: Keyring,
  ) {}

  /**
   * The second admin's approval of an erasure (ADR 0010): once `HouseholdErased` is appended, the
   * KK and NIKs are given back and the household's key is deleted. Should this process stop in
   * between, the next process to read the event deletes the key (the store does, on every read).
   */
  async approveErasure(
    householdId: string,
    command: Extract<HouseholdCommand, { type: 'ApproveErasure' }>,
    context: CommandContext,
  ): Promise<CommandResponse> {
    // Read while the key still opens the numbers: they name the reservation streams.
    const { state } = await this.reader.stateAt(householdStream(householdId), householdDecider);
    const response = await this.execute(householdId, command, context);
    await this.identities.releaseAllHeldBy(state, householdId, context);
    await this.keyring.erase(householdStream(householdId));
    return response;
  }

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
      alongside: (events) => this.identities.reservationsFor(events, householdId, context),
    });
    await this.identities.releaseFreedBy(result.events, householdId, context);
    return commandResponse(householdId, result);
  }
}
