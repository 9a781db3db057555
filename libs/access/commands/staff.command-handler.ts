import { Inject, Injectable } from '@nestjs/common';
import { CommandExecutor, idFor, type CommandContext } from '#libs/platform/command-handling/index.js';
import { HouseholdDirectory } from '#libs/households/index.js';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';
import { StreamReader } from '#libs/platform/streams/index.js';
import { commandResponse, type CommandResponse } from '#libs/platform/http/index.js';
import { staffDecider, type Area, type AreaRole, type Assigner, type StaffCommand } from '../domain/index.js';
import { AccessScope } from '../scope/access-scope.js';
import { staffStream } from '../staff-streams.js';

const HOUR_MS = 3_600_000;

/**
 * Every staff command goes through here, on the staff member's stream: the areas given to them
 * and taken back, and their break-the-glass openings. It gathers the facts the decider needs:
 * what the assigner covers today, and whether a household to open exists and is out of reach.
 */
@Injectable()
export class StaffCommandHandler {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly scope: AccessScope,
    private readonly reader: StreamReader,
    private readonly households: HouseholdDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(
    staffId: string,
    command: StaffCommand,
    context: CommandContext,
    reason?: string,
  ): Promise<CommandResponse> {
    try {
      const result = await this.executor.execute({
        stream: staffStream(staffId),
        decider: staffDecider,
        command,
        context,
        ...(reason ? { reason } : {}),
      });
      return commandResponse(staffId, result);
    } finally {
      this.scope.forget(staffId);
    }
  }

  async assignAreas(
    staffId: string,
    request: { role: AreaRole; areas: Area[]; validFrom: string; validUntil: string | null; reason: string },
    context: CommandContext,
  ): Promise<CommandResponse> {
    const assigner = await this.assigner(context);
    const areas = request.areas.map((area) => ({
      ...area,
      assignmentId: idFor(
        context.idempotencyKey,
        context.principal.sub,
        `area:${staffId}:${request.role}:${area.kecamatan}:${area.kelurahan ?? ''}:${request.validFrom}`,
      ),
    }));
    const data = { staffId, ...request, areas, assigner, at: context.now };
    return this.execute(staffId, { type: 'AssignAreas', data }, context, request.reason);
  }

  async revokeArea(
    staffId: string,
    assignmentId: string,
    request: { reason: string; revokedOn: string },
    context: CommandContext,
  ): Promise<CommandResponse> {
    const revoker = await this.assigner(context);
    const data = { staffId, assignmentId, ...request, revoker, at: context.now };
    return this.execute(staffId, { type: 'RevokeAreaAssignment', data }, context, request.reason);
  }

  /** Break-the-glass: on the caller's own stream, so that it shows in their history and the household's. */
  async openHousehold(householdId: string, reason: string, context: CommandContext): Promise<CommandResponse> {
    const staffId = context.principal.sub;
    const reach = await this.scope.reachOf(context.principal);
    const access = await this.scope.householdAccess(reach, householdId);
    const household = access === 'unknown' ? 'not_registered' : access === 'full' ? 'in_reach' : 'out_of_reach';
    const openingId = idFor(context.idempotencyKey, staffId, `opening:${householdId}`);
    const until = new Date(new Date(context.now).getTime() + this.config.breakGlassHours * HOUR_MS).toISOString();
    const data = { openingId, staffId, householdId, household, reason, until, at: context.now } as const;
    return this.execute(staffId, { type: 'OpenHousehold', data }, context, reason);
  }

  async reviewOpening(
    staffId: string,
    openingId: string,
    note: string,
    context: CommandContext,
  ): Promise<CommandResponse> {
    const reviewer = await this.assigner(context);
    const { state } = await this.reader.stateAt(staffStream(staffId), staffDecider);
    const opening = state.openings.find((o) => o.openingId === openingId);
    const household = opening ? await this.households.find(opening.householdId) : { registered: false as const };
    const householdArea = household.registered
      ? { kecamatan: household.address.kecamatan, kelurahan: household.address.kelurahan }
      : null;
    const data = { staffId, openingId, note, reviewer, householdArea, at: context.now };
    return this.execute(staffId, { type: 'ReviewOpening', data }, context);
  }

  private async assigner(context: CommandContext): Promise<Assigner> {
    const { sub, role } = context.principal;
    if (role === 'admin') return { staffId: sub, role: 'admin', covers: [] };
    return { staffId: sub, role: 'supervisor', covers: [...(await this.scope.reachOf(context.principal)).areas] };
  }
}
