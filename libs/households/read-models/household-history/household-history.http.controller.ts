import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { ReadsFrom } from '#libs/platform/read-store/index.js';
import { householdLinksProjection } from '../household-links/household-links.projection.js';
import { ReadQueryDto } from '../household-summary/household-summary.request.dto.js';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PersonalData } from '#libs/platform/access-log/index.js';
import { Roles, ScopedHousehold } from '#libs/platform/auth/index.js';
import { AsOfQueryDto, UuidParamPipe } from '#libs/platform/http/index.js';
import {
  GetHouseholdHistoryQuery,
  GetHouseholdStateAsOfQuery,
  type HouseholdHistory,
  type HouseholdStateAsOf,
} from './household-history.queries.js';

@ApiTags('households')
@ApiBearerAuth()
@Controller('households')
export class HouseholdHistoryController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/history')
  @ReadsFrom(householdLinksProjection.name)
  @ScopedHousehold()
  @Roles('caseworker', 'supervisor', 'auditor', 'admin')
  @PersonalData()
  @ApiOperation({ summary: 'Every event of the household in global order, with who, when and why' })
  history(@Param('id', UuidParamPipe) id: string, @QueryParams() _query: ReadQueryDto): Promise<HouseholdHistory> {
    return this.queryBus.execute(new GetHouseholdHistoryQuery(id));
  }

  @Get(':id/state')
  @ScopedHousehold()
  @Roles('caseworker', 'supervisor', 'auditor', 'admin')
  @PersonalData()
  @ApiOperation({ summary: 'The household as it stood at a time, replayed from the events recorded until then' })
  state(@Param('id', UuidParamPipe) id: string, @QueryParams() query: AsOfQueryDto): Promise<HouseholdStateAsOf> {
    return this.queryBus.execute(new GetHouseholdStateAsOfQuery(id, query.asOf ?? new Date().toISOString()));
  }
}
