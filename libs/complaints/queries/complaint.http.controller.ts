import { Controller, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PersonalData } from '#libs/platform/access-log/index.js';
import { CurrentPrincipal, ScopedHousehold, type Principal } from '#libs/platform/auth/index.js';
import { ReadRoute, UuidParamPipe } from '#libs/platform/http/index.js';
import { GetComplaintQuery } from './complaint.queries.js';
import { ComplaintDto } from './complaint.response.dto.js';

@ApiTags('complaints')
@ApiBearerAuth()
@Controller('households/:id/complaints')
export class ComplaintQueriesController {
  constructor(private readonly queryBus: QueryBus) {}

  @ReadRoute(
    ':complaintId',
    'The complaint with its complainant and text: supervisors, auditors, admins and the assigned caseworker; never the caseworker it is about',
    ['caseworker', 'supervisor', 'auditor', 'admin'],
    { type: ComplaintDto },
  )
  @ScopedHousehold()
  @PersonalData()
  get(
    @Param('id', UuidParamPipe) id: string,
    @Param('complaintId', UuidParamPipe) complaintId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ComplaintDto> {
    return this.queryBus.execute(new GetComplaintQuery(id, complaintId, principal));
  }
}
