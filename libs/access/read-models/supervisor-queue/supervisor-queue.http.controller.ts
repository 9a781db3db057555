import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PersonalData } from '#libs/platform/access-log/index.js';
import { CallerReach, Roles, type Reach } from '#libs/platform/auth/index.js';
import { CLOCK, localDay, type Clock } from '#libs/platform/clock.js';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';
import { ReadQueryDto } from '#libs/platform/http/index.js';
import { ReadsFrom } from '#libs/platform/read-store/index.js';
import { supervisorQueueProjection } from './supervisor-queue.projection.js';
import { GetSupervisorQueueQuery, type SupervisorQueue } from './supervisor-queue.queries.js';
import { SupervisorQueueDto } from './supervisor-queue.response.dto.js';

const ENDING_WITHIN_DAYS = 30;

@ApiTags('access')
@ApiBearerAuth()
@Controller('queue')
export class SupervisorQueueController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ReadsFrom(supervisorQueueProjection.name)
  @Roles('supervisor', 'admin')
  // A revocation's reason is typed about the family: the answer is logged for those households.
  @PersonalData({ households: (queue: SupervisorQueue) => queue.revocationRequests.map((r) => r.householdId) })
  @ApiOperation({
    summary: `What awaits a decision or review in your area: exit proposals, unreviewed break-the-glass openings, caseworkers' areas ending within ${ENDING_WITHIN_DAYS} days, transfers a caseworker asked for, escalated complaints, revocations a caseworker asked for`,
  })
  @ApiOkResponse({ type: SupervisorQueueDto })
  queue(@Query() _query: ReadQueryDto, @CallerReach() reach: Reach): Promise<SupervisorQueue> {
    const today = localDay(this.clock.now().toISOString(), this.config.timeZone);
    return this.queryBus.execute(new GetSupervisorQueueQuery(reach, today, ENDING_WITHIN_DAYS));
  }
}
