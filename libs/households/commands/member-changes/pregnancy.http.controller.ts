import { Body, Param } from '@nestjs/common';
import { ScopedHousehold } from '#libs/platform/auth/index.js';
import { idFor, type CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, CommandRoute, UuidParamPipe, type CommandResponse } from '#libs/platform/http/index.js';
import { HouseholdCommandHandler } from '../household.command-handler.js';
import { HouseholdCommandController } from '../shared/household-command-route.js';
import { MemberKeyPipe } from '../shared/member-key.pipe.js';
import { PregnancyEndingRequestDto, PregnancyRequestDto } from './member-changes.request.dto.js';

const STAFF = ['caseworker', 'supervisor', 'admin'] as const;

/** A pregnancy begins and ends; a birth registers each child, its NIK pending until Dukcapil issues it. */
@HouseholdCommandController()
export class PregnancyController {
  constructor(private readonly households: HouseholdCommandHandler) {}

  @ScopedHousehold()
  @CommandRoute(':id/members/:nik/pregnancy', 'Record that a member is pregnant (special category data)', [...STAFF])
  async begin(
    @Param('id', UuidParamPipe) householdId: string,
    @Param('nik', MemberKeyPipe) nik: string,
    @Body() body: PregnancyRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    const { reportedOn, expectedDeliveryOn } = body;
    return this.households.execute(
      householdId,
      {
        type: 'RecordPregnancy',
        data: {
          nik,
          reportedOn,
          expectedDeliveryOn: expectedDeliveryOn ?? null,
          at: context.now,
          today: context.today,
        },
      },
      context,
    );
  }

  @ScopedHousehold()
  @CommandRoute(
    ':id/members/:nik/pregnancy/ending',
    'End a pregnancy: a birth registers the child (without a NIK it is keyed pending-<uuid>), a loss none',
    [...STAFF],
  )
  async end(
    @Param('id', UuidParamPipe) householdId: string,
    @Param('nik', MemberKeyPipe) nik: string,
    @Body() body: PregnancyEndingRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    const { endedOn, outcome } = body;
    // A retry under the same Idempotency-Key names the same pending child.
    const children = (body.children ?? []).map((c, i) => ({
      nik: c.nik ?? `pending-${idFor(context.idempotencyKey, context.principal.sub, `newborn-${nik}-${endedOn}-${i}`)}`,
      name: c.name.trim(),
      sex: c.sex,
    }));
    return this.households.execute(
      householdId,
      { type: 'EndPregnancy', data: { nik, endedOn, outcome, children, at: context.now, today: context.today } },
      context,
    );
  }
}
