import { Body, Controller, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, CommandRoute, UuidParamPipe, type CommandResponse } from '#libs/platform/http/index.js';
import { StaffCommandHandler } from './staff.command-handler.js';
import {
  AssignAreasRequestDto,
  BreakGlassRequestDto,
  ReviewOpeningRequestDto,
  RevokeAreaRequestDto,
} from './staff.request.dto.js';
import { StaffIdPipe } from './staff-id.pipe.js';

@ApiTags('access')
@ApiBearerAuth()
@Controller()
export class StaffController {
  constructor(private readonly staff: StaffCommandHandler) {}

  @CommandRoute(
    'staff/:staffId/areas',
    'Give a caseworker kelurahan (by an admin, or a supervisor who covers them) or a supervisor a kecamatan or kelurahan (by an admin), from a day, until a day or for good',
    ['supervisor', 'admin'],
  )
  assign(
    @Param('staffId', StaffIdPipe) staffId: string,
    @Body() body: AssignAreasRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const areas = body.areas.map((a) => ({ kecamatan: a.kecamatan, kelurahan: a.kelurahan ?? null }));
    const { role, validFrom, reason } = body;
    return this.staff.assignAreas(
      staffId,
      { role, areas, validFrom, validUntil: body.validUntil ?? null, reason },
      ctx,
    );
  }

  @CommandRoute('staff/:staffId/areas/:assignmentId/revocation', 'Take an area back, from a day (today by default)', [
    'supervisor',
    'admin',
  ])
  revoke(
    @Param('staffId', StaffIdPipe) staffId: string,
    @Param('assignmentId', UuidParamPipe) assignmentId: string,
    @Body() body: RevokeAreaRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const revokedOn = body.revokedOn ?? ctx.today;
    return this.staff.revokeArea(staffId, assignmentId, { reason: body.reason, revokedOn }, ctx);
  }

  @CommandRoute(
    'staff/:staffId/openings/:openingId/review',
    "Review a break-the-glass opening (a supervisor of the household's area, or an admin; not its opener)",
    ['supervisor', 'admin'],
  )
  review(
    @Param('staffId', StaffIdPipe) staffId: string,
    @Param('openingId', UuidParamPipe) openingId: string,
    @Body() body: ReviewOpeningRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    return this.staff.reviewOpening(staffId, openingId, body.note, ctx);
  }

  @CommandRoute(
    'households/:id/break-glass',
    'Break the glass: open a household outside your caseload and area for reading, for a few hours, with a reason (auditors and its caseworker see it)',
    ['caseworker', 'supervisor'],
  )
  breakGlass(
    @Param('id', UuidParamPipe) householdId: string,
    @Body() body: BreakGlassRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    return this.staff.openHousehold(householdId, body.reason, ctx);
  }
}
