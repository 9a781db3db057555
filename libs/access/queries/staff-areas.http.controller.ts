import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '#libs/platform/auth/index.js';
import { HttpProblem } from '#libs/platform/http/problem.js';
import { StaffIdPipe } from '../commands/staff-id.pipe.js';
import { GetStaffAreasQuery, type StaffAreas } from './staff-areas.queries.js';
import { StaffAreasDto } from './staff-areas.response.dto.js';

@ApiTags('access')
@ApiBearerAuth()
@Controller('staff')
export class StaffAreasController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':staffId/areas')
  @Roles('caseworker', 'supervisor', 'auditor', 'admin')
  @ApiOperation({
    summary:
      "A staff member's areas (past, present, revoked) and break-the-glass openings; a caseworker sees their own",
  })
  @ApiOkResponse({ type: StaffAreasDto })
  get(@Param('staffId', StaffIdPipe) staffId: string, @CurrentPrincipal() principal: Principal): Promise<StaffAreas> {
    if (principal.role === 'caseworker' && principal.sub !== staffId)
      throw new HttpProblem(403, 'ACCESS.NOT_YOUR_AREAS', 'A caseworker sees their own areas');
    return this.queryBus.execute(new GetStaffAreasQuery(staffId));
  }
}
