import { Injectable } from '@nestjs/common';
import { HouseholdCommandHandler, HouseholdDirectory } from '#libs/households/index.js';
import {
  CommandExecutor,
  PreconditionFailedError,
  type CommandContext,
} from '#libs/platform/command-handling/index.js';
import { notFound } from '#libs/platform/domain/index.js';
import { commandResponse, type CommandResponse } from '#libs/platform/http/index.js';
import { StreamReader } from '#libs/platform/streams/index.js';
import { caseworkStream } from '../casework-streams.js';
import { caseworkDecider, type CaseworkCommand } from '../domain/index.js';

/** What a command on another stream may not carry: the client's If-Match and Idempotency-Key are the casework's. */
export function onOtherStream(context: CommandContext): CommandContext {
  const { expectedRevision: _revision, commandKey: _key, ...rest } = context;
  return rest;
}

/**
 * Every casework command: the household's facts from the households capability, the decision
 * on the casework stream. An accepted transfer also moves the case itself (CaseworkerAssigned on
 * the household's stream), first, so that a retry after a crash in between finds the transfer
 * still pending and finishes it (ADR 0018).
 */
@Injectable()
export class CaseworkCommandHandler {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly reader: StreamReader,
    private readonly households: HouseholdDirectory,
    private readonly householdCommands: HouseholdCommandHandler,
  ) {}

  /** The household as the casework decider needs it; 404 when none is registered under the id. */
  async household(householdId: string): Promise<{ caseworkerId: string | null; caseOpen: boolean }> {
    const household = await this.households.find(householdId);
    if (!household.registered)
      throw notFound('CASEWORK.HOUSEHOLD_NOT_REGISTERED', `No household is registered under ${householdId}`);
    return { caseworkerId: household.caseworkerId, caseOpen: household.caseOpen };
  }

  async execute(householdId: string, command: CaseworkCommand, context: CommandContext, reason?: string) {
    const result = await this.executor.execute({
      stream: caseworkStream(householdId),
      decider: caseworkDecider,
      command,
      context,
      ...(reason ? { reason } : {}),
    });
    return commandResponse(householdId, result);
  }

  async acceptTransfer(householdId: string, context: CommandContext): Promise<CommandResponse> {
    const household = await this.household(householdId);
    const command: CaseworkCommand = {
      type: 'AcceptTransfer',
      data: { householdId, actor: context.principal, at: context.now, today: context.today },
    };
    const stream = caseworkStream(householdId);
    const { state, revision } = await this.reader.stateAt(stream, caseworkDecider);
    // Refused here (a stale If-Match, who decides, nothing pending) before the case moves.
    const expected = context.expectedRevision;
    if (expected !== undefined && expected !== revision) throw new PreconditionFailedError(stream, expected, revision);
    caseworkDecider.decide(command, state);
    const { transferId, toCaseworkerId } = state.pendingTransfer!;
    if (household.caseworkerId !== toCaseworkerId)
      await this.householdCommands.execute(
        householdId,
        { type: 'AssignCaseworker', data: { caseworkerId: toCaseworkerId, at: context.now, today: context.today } },
        onOtherStream(context),
        `Transfer ${transferId} accepted`,
      );
    return this.execute(householdId, command, context);
  }
}
