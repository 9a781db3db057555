import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CallerReach, CurrentPrincipal, Roles, type Principal, type Reach } from '#libs/platform/auth/index.js';
import { CLOCK, type Clock } from '#libs/platform/clock.js';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';
import { sendPage } from '#libs/platform/http/index.js';
import { ReadsFrom } from '#libs/platform/read-store/index.js';
import { complaintListProjection } from './complaint-list.projection.js';
import { ListComplaintsQuery } from './complaint-list.queries.js';
import { ListComplaintsQueryDto } from './complaint-list.request.dto.js';
import { ComplaintPage } from './complaint-list.response.dto.js';

@ApiTags('complaints')
@ApiBearerAuth()
@Controller('complaints')
export class ComplaintListController {
  private readonly localDate: Intl.DateTimeFormat;

  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.localDate = new Intl.DateTimeFormat('en-CA', { timeZone: config.timeZone });
  }

  // Reporters count complaints by category in the programme outcomes instead (ADR 0014).
  @Get()
  @ReadsFrom(complaintListProjection.name)
  @Roles('caseworker', 'supervisor', 'auditor', 'admin')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary: 'Open, overdue or resolved complaints by area, assignee or category; cursor-paginated; Accept: text/csv',
    description:
      'Supervisors: the areas they cover; caseworkers: what is assigned to them; auditors and admins: the city. Never a complaint about the caller. Codes, dates and staff, never the complainant or the text. The CSV is the same page; its next cursor is in the X-Next-Cursor header.',
  })
  @ApiOkResponse({ type: ComplaintPage })
  async list(
    @Query() query: ListComplaintsQueryDto,
    @CallerReach() reach: Reach,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ComplaintPage | string> {
    const today = this.localDate.format(this.clock.now());
    const page = await this.queryBus.execute(new ListComplaintsQuery(query, reach, principal, today));
    return sendPage(reply, accept, 'complaints', page, (complaint) => ({ ...complaint }));
  }
}
