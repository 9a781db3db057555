import { Controller, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PersonalData } from '#libs/platform/access-log/index.js';
import { ScopedHousehold } from '#libs/platform/auth/index.js';
import { CLOCK, localDay, type Clock } from '#libs/platform/clock.js';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';
import { notFound } from '#libs/platform/domain/index.js';
import { ReadQueryDto, ReadRoute, UuidParamPipe } from '#libs/platform/http/index.js';
import { ReadsFrom } from '#libs/platform/read-store/index.js';
import { caseworkCasesProjection } from './casework-cases.projection.js';
import { CaseworkCaseQueries, caseworkViewOf, type CaseworkView } from './casework-cases.queries.js';
import { CaseworkDto } from './casework.response.dto.js';

@ApiTags('casework')
@ApiBearerAuth()
@Controller('households')
export class CaseworkReadController {
  constructor(
    private readonly cases: CaseworkCaseQueries,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ScopedHousehold()
  @ReadRoute(
    ':id/casework',
    "The case's transfer awaiting a decision, open visits and follow-ups (overdue marked) and flags",
    ['caseworker', 'supervisor', 'auditor', 'admin'],
    { type: CaseworkDto },
  )
  @ReadsFrom(caseworkCasesProjection.name)
  @PersonalData({ households: (view: CaseworkView) => [view.householdId] })
  async casework(@Param('id', UuidParamPipe) householdId: string, @Query() _q: ReadQueryDto): Promise<CaseworkView> {
    const row = await this.cases.ofHousehold(householdId);
    if (!row) throw notFound('CASEWORK.HOUSEHOLD_NOT_REGISTERED', `No household is registered under ${householdId}`);
    return caseworkViewOf(row, localDay(this.clock.now().toISOString(), this.config.timeZone));
  }
}
