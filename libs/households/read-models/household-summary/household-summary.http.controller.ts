import { Controller, Inject, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PersonalData } from '#libs/platform/access-log/index.js';
import { CallerReach, ScopedHousehold, type Reach, type Role } from '#libs/platform/auth/index.js';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';
import { ReadRoute, UuidParamPipe, type Page } from '#libs/platform/http/index.js';
import { PROJECTION_RUNNER, awaitPosition, type ProjectionRunner } from '#libs/platform/read-store/index.js';
import { GetHouseholdQuery, ListHouseholdsQuery } from './household-summary.queries.js';
import { ListHouseholdsQueryDto, ReadQueryDto } from './household-summary.request.dto.js';
import type { HouseholdSummary } from './household-summary.table.js';
import { HouseholdPageDto, HouseholdSummaryDto } from './household-summary.response.dto.js';

const READERS = ['caseworker', 'supervisor', 'auditor', 'admin'] as const satisfies Role[];

@ApiTags('households')
@ApiBearerAuth()
@Controller('households')
export class HouseholdSummaryController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(PROJECTION_RUNNER) private readonly projections: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ReadRoute(
    '',
    'List households by area, welfare status, caseworker or text (KK, NIK, name); cursor-paginated',
    ['caseworker', 'supervisor', 'auditor', 'admin'],
    { type: HouseholdPageDto },
  )
  @PersonalData({ households: (page: Page<HouseholdSummary>) => page.items.map((h) => h.id) })
  async list(
    @QueryParams() query: ListHouseholdsQueryDto,
    @CallerReach() reach: Reach,
  ): Promise<Page<HouseholdSummary>> {
    await awaitPosition(this.projections, query.minPosition, this.config.readWaitTimeoutMs);
    return this.queryBus.execute(new ListHouseholdsQuery(query, reach));
  }

  @ReadRoute(':id', 'A household as the read model has it; ETag is its revision', [...READERS], {
    type: HouseholdSummaryDto,
  })
  @ScopedHousehold()
  @PersonalData()
  async get(@Param('id', UuidParamPipe) id: string, @QueryParams() query: ReadQueryDto): Promise<HouseholdSummary> {
    await awaitPosition(this.projections, query.minPosition, this.config.readWaitTimeoutMs);
    return this.queryBus.execute(new GetHouseholdQuery(id));
  }
}
