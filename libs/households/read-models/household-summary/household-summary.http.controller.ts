import { Controller, Inject, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PersonalData } from '#libs/platform/access-log/index.js';
import { CallerReach, ScopedHousehold, type Reach, type Role } from '#libs/platform/auth/index.js';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';
import { ReadRoute, UuidParamPipe, type Page } from '#libs/platform/http/index.js';
import { ReadsFrom } from '#libs/platform/read-store/index.js';
import { householdSummaryProjection } from './household-summary.projection.js';
import { CLOCK, localDay, type Clock } from '#libs/platform/clock.js';
import { ListErasureReviewQuery, type ErasureReview } from './erasure-review.queries.js';
import { GetHouseholdQuery, ListHouseholdsQuery } from './household-summary.queries.js';
import { ErasureReviewQueryDto, ListHouseholdsQueryDto, ReadQueryDto } from './household-summary.request.dto.js';
import type { HouseholdSummary } from './household-summary.table.js';
import { ErasureReviewDto, HouseholdPageDto, HouseholdSummaryDto } from './household-summary.response.dto.js';

const READERS = ['caseworker', 'supervisor', 'auditor', 'admin'] as const satisfies Role[];

@ApiTags('households')
@ApiBearerAuth()
@Controller('households')
export class HouseholdSummaryController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ReadRoute(
    '',
    'List households by area, welfare status, caseworker or text (KK, NIK, name); cursor-paginated',
    ['caseworker', 'supervisor', 'auditor', 'admin'],
    { type: HouseholdPageDto },
  )
  @ReadsFrom(householdSummaryProjection.name)
  @PersonalData({ households: (page: Page<HouseholdSummary>) => page.items.map((h) => h.id) })
  list(@QueryParams() query: ListHouseholdsQueryDto, @CallerReach() reach: Reach): Promise<Page<HouseholdSummary>> {
    return this.queryBus.execute(new ListHouseholdsQuery(query, reach));
  }

  @ReadRoute(
    'erasure-review',
    'Households closed for longer than JEJAK_RETENTION_CLOSED_DAYS and not erased, for erasure review (none without a period)',
    ['admin', 'auditor'],
    { type: ErasureReviewDto },
  )
  @ReadsFrom(householdSummaryProjection.name)
  erasureReview(@QueryParams() query: ErasureReviewQueryDto): Promise<ErasureReview> {
    const today = localDay(this.clock.now().toISOString(), this.config.timeZone);
    return this.queryBus.execute(
      new ListErasureReviewQuery(this.config.retentionClosedDays, today, query.limit ?? 100, query.after ?? 0),
    );
  }

  @ReadRoute(':id', 'A household as the read model has it; ETag is its revision', [...READERS], {
    type: HouseholdSummaryDto,
  })
  @ReadsFrom(householdSummaryProjection.name)
  @ScopedHousehold()
  @PersonalData()
  get(@Param('id', UuidParamPipe) id: string, @QueryParams() _query: ReadQueryDto): Promise<HouseholdSummary> {
    return this.queryBus.execute(new GetHouseholdQuery(id));
  }
}
