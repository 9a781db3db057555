import { Body, Param } from '@nestjs/common';
import { ScopedHousehold } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, CommandRoute, UuidParamPipe, type CommandResponse } from '#libs/platform/http/index.js';
import { HouseholdCommandHandler } from '../household.command-handler.js';
import { HouseholdCommandController } from '../shared/household-command-route.js';
import { MemberKeyPipe } from '../shared/member-key.pipe.js';
import { toAddress, toMember } from '../shared/household.request.dto.js';
import {
  DeathRequestDto,
  MoveHouseholdRequestDto,
  MoveInRequestDto,
  MoveOutRequestDto,
} from './member-changes.request.dto.js';

const STAFF = ['caseworker', 'supervisor', 'admin'] as const;

/** Members who die, leave or arrive, and the family's move within the city. */
@HouseholdCommandController()
export class MemberMovesController {
  constructor(private readonly households: HouseholdCommandHandler) {}

  @ScopedHousehold()
  @CommandRoute(':id/members/:nik/death', 'Record a death, from the family or a Dukcapil notice', [...STAFF])
  async death(
    @Param('id', UuidParamPipe) householdId: string,
    @Param('nik', MemberKeyPipe) nik: string,
    @Body() body: DeathRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    const { diedOn, source, reference, newHeadNik } = body;
    return this.households.execute(
      householdId,
      {
        type: 'RecordDeath',
        data: {
          nik,
          diedOn,
          source,
          reference: reference ?? null,
          newHeadNik: newHeadNik ?? null,
          at: context.now,
          today: context.today,
        },
      },
      context,
      `death reported by ${source}`,
    );
  }

  @ScopedHousehold()
  @CommandRoute(':id/members/:nik/departure', 'A member moves out of the family (their NIK is free again)', [...STAFF])
  async moveOut(
    @Param('id', UuidParamPipe) householdId: string,
    @Param('nik', MemberKeyPipe) nik: string,
    @Body() body: MoveOutRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    const { movedOn, destination, newHeadNik } = body;
    return this.households.execute(
      householdId,
      {
        type: 'MoveMemberOut',
        data: {
          nik,
          movedOn,
          destination: destination ?? null,
          newHeadNik: newHeadNik ?? null,
          at: context.now,
          today: context.today,
        },
      },
      context,
    );
  }

  @ScopedHousehold()
  @CommandRoute(':id/members/arrivals', 'A member moves in; the NIK must not belong to another household', [...STAFF])
  async moveIn(
    @Param('id', UuidParamPipe) householdId: string,
    @Body() body: MoveInRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    const { movedOn, origin } = body;
    return this.households.execute(
      householdId,
      {
        type: 'MoveMemberIn',
        data: { member: toMember(body.member), movedOn, origin: origin ?? null, at: context.now, today: context.today },
      },
      context,
    );
  }

  @ScopedHousehold()
  @CommandRoute(
    ':id/relocation',
    'The family moves within the city; in another kelurahan the case shows in that area’s queues',
    [...STAFF],
  )
  async relocate(
    @Param('id', UuidParamPipe) householdId: string,
    @Body() body: MoveHouseholdRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    return this.households.execute(
      householdId,
      {
        type: 'MoveHousehold',
        data: { address: toAddress(body.address), movedOn: body.movedOn, at: context.now, today: context.today },
      },
      context,
    );
  }
}
