import { Inject, Injectable } from '@nestjs/common';
import { HouseholdDirectory } from '#libs/households/index.js';
import { CommandExecutor, idFor, type CommandContext } from '#libs/platform/command-handling/index.js';
import { localDay } from '#libs/platform/clock.js';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';
import { commandResponse, type CommandResponse } from '#libs/platform/http/index.js';
import { complaintDecider, type ComplaintCommand } from '../domain/index.js';
import { complaintStream } from '../complaint-streams.js';

type ReceiveData = Extract<ComplaintCommand, { type: 'ReceiveComplaint' }>['data'];
export type ReceiveRequest = Omit<
  ReceiveData,
  'complaintId' | 'aboutHouseholdId' | 'kecamatan' | 'kelurahan' | 'registered' | 'dueDays' | 'today'
>;

/**
 * Every complaint command goes through here, on the complaint's own stream. Intake looks up the
 * household's area (the complaint is listed and reached by it) and the deployment's due days;
 * each command gets the local calendar day it is received on.
 */
@Injectable()
export class ComplaintCommandHandler {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly households: HouseholdDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The calendar day of an instant in JEJAK_TIME_ZONE (a request's is its context's `today`). */
  today(now: string): string {
    return localDay(now, this.config.timeZone);
  }

  async execute(
    complaintId: string,
    command: ComplaintCommand,
    context: CommandContext,
    reason?: string,
  ): Promise<CommandResponse> {
    const result = await this.executor.execute({
      stream: complaintStream(complaintId),
      decider: complaintDecider,
      command,
      context,
      ...(reason ? { reason } : {}),
    });
    return commandResponse(complaintId, result);
  }

  async receive(householdId: string, request: ReceiveRequest, context: CommandContext): Promise<CommandResponse> {
    const complaintId = idFor(context.idempotencyKey, context.principal.sub, 'complaint');
    const household = await this.households.find(householdId);
    const area = household.registered ? household.address : { kecamatan: '', kelurahan: '' };
    const data: ReceiveData = {
      complaintId,
      aboutHouseholdId: householdId,
      kecamatan: area.kecamatan,
      kelurahan: area.kelurahan,
      registered: household.registered,
      ...request,
      dueDays: this.config.complaintDueDays,
      today: context.today,
    };
    return this.execute(complaintId, { type: 'ReceiveComplaint', data }, context);
  }
}
