import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PersonalData } from '#libs/platform/access-log/index.js';
import { Roles, ScopedHousehold } from '#libs/platform/auth/index.js';
import { UuidParamPipe } from '#libs/platform/http/index.js';
import { GetPkhParticipationQuery } from './pkh-participation.queries.js';

@ApiTags('pkh')
@ApiBearerAuth()
@Controller('households/:id/pkh')
export class PkhParticipationController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ScopedHousehold()
  @Roles('caseworker', 'supervisor', 'auditor', 'admin')
  @PersonalData()
  @ApiOperation({ summary: "The household's PKH participation: status, components, entitlement, stages" })
  get(@Param('id', UuidParamPipe) id: string) {
    return this.queryBus.execute(new GetPkhParticipationQuery(id));
  }
}
