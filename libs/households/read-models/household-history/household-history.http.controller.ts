import { Controller, Param, Query as QueryParams } from '@nestjs/common';
import { ReadsFrom } from '#libs/platform/read-store/index.js';
import { householdLinksProjection } from '../household-links/household-links.projection.js';
import { ReadQueryDto } from '../household-summary/household-summary.request.dto.js';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PersonalData } from '#libs/platform/access-log/index.js';
import { ScopedHousehold } from '#libs/platform/auth/index.js';
import { AsOfQueryDto, ReadRoute, UuidParamPipe } from '#libs/platform/http/index.js';
import {
  GetHouseholdHistoryQuery,
  GetHouseholdMembersOnQuery,
  GetHouseholdStateAsOfQuery,
  type HouseholdHistory,
  type HouseholdMembersOn,
  type HouseholdStateAsOf,
} from './household-history.queries.js';
import {
  HouseholdHistoryDto,
  HouseholdMembersOnDto,
  HouseholdStateAsOfDto,
} from '../household-summary/household-summary.response.dto.js';
import { MembersOnQueryDto } from '../household-summary/household-summary.request.dto.js';

@ApiTags('households')
@ApiBearerAuth()
@Controller('households')
export class HouseholdHistoryController {
  constructor(private readonly queryBus: QueryBus) {}

  @ReadRoute(
    ':id/history',
    'Every event of the household in global order, with who, when and why',
    ['caseworker', 'supervisor', 'auditor', 'admin'],
    { type: HouseholdHistoryDto },
  )
  @ReadsFrom(householdLinksProjection.name)
  @ScopedHousehold()
  @PersonalData()
  history(@Param('id', UuidParamPipe) id: string, @QueryParams() _query: ReadQueryDto): Promise<HouseholdHistory> {
    return this.queryBus.execute(new GetHouseholdHistoryQuery(id));
  }

  @ReadRoute(
    ':id/state',
    'The household as it stood at a time, replayed from the events recorded until then',
    ['caseworker', 'supervisor', 'auditor', 'admin'],
    { type: HouseholdStateAsOfDto },
  )
  @ScopedHousehold()
  @PersonalData()
  state(@Param('id', UuidParamPipe) id: string, @QueryParams() query: AsOfQueryDto): Promise<HouseholdStateAsOf> {
    return this.queryBus.execute(new GetHouseholdStateAsOfQuery(id, query.asOf ?? new Date().toISOString()));
  }

  @ReadRoute(
    ':id/members',
    'The members on a date (births, deaths, moves and school levels by the day they happened), as known now',
    ['caseworker', 'supervisor', 'auditor', 'admin'],
    { type: HouseholdMembersOnDto },
  )
  @ScopedHousehold()
  @PersonalData()
  members(
    @Param('id', UuidParamPipe) id: string,
    @QueryParams() query: MembersOnQueryDto,
  ): Promise<HouseholdMembersOn> {
    return this.queryBus.execute(new GetHouseholdMembersOnQuery(id, query.on));
  }
}
