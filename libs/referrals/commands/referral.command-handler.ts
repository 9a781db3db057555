import { Injectable } from '@nestjs/common';
import { HouseholdDirectory } from '#libs/households/index.js';
import { CommandExecutor, idFor, type CommandContext } from '#libs/platform/command-handling/index.js';
import { commandResponse, type CommandResponse } from '#libs/platform/http/index.js';
import type { ReferralReason, ReferralService } from '#libs/reference-data/index.js';
import { referralDecider, type ReferralCommand, type ReferralHouseholdStanding } from '../domain/index.js';
import { referralStream } from '../referral-streams.js';

export interface MakeReferralRequest {
  nik: string | null;
  service: ReferralService;
  reason: ReferralReason;
  note: string | null;
  referredOn: string;
}

/**
 * Every referral command goes through here, on the referral's own stream. Making one looks up
 * the household (its members, area and caseworker); each command gets the local calendar day.
 */
@Injectable()
export class ReferralCommandHandler {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly households: HouseholdDirectory,
  ) {}

  async execute(
    referralId: string,
    command: ReferralCommand,
    context: CommandContext,
    reason?: string,
  ): Promise<CommandResponse> {
    const result = await this.executor.execute({
      stream: referralStream(referralId),
      decider: referralDecider,
      command,
      context,
      ...(reason ? { reason } : {}),
    });
    return commandResponse(referralId, result);
  }

  async make(householdId: string, request: MakeReferralRequest, context: CommandContext): Promise<CommandResponse> {
    const referralId = idFor(context.idempotencyKey, context.principal.sub, 'referral');
    const household = await this.households.find(householdId);
    const standing: ReferralHouseholdStanding = household.registered
      ? { registered: true, caseOpen: household.caseOpen, niks: household.members.map((m) => m.nik) }
      : { registered: false };
    const data = {
      referralId,
      householdId,
      ...request,
      kecamatan: household.registered ? household.address.kecamatan : '',
      kelurahan: household.registered ? household.address.kelurahan : '',
      caseworkerId: household.registered ? household.caseworkerId : null,
      referredBy: context.principal.sub,
      standing,
      today: context.today,
    };
    return this.execute(referralId, { type: 'MakeReferral', data }, context);
  }
}
