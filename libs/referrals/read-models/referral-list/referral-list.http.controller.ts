import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CallerReach, Roles, type Reach } from '#libs/platform/auth/index.js';
import { sendPage } from '#libs/platform/http/index.js';
import { ReadsFrom } from '#libs/platform/read-store/index.js';
import { referralListProjection } from './referral-list.projection.js';
import { ListReferralsQuery } from './referral-list.queries.js';
import { ListReferralsQueryDto } from './referral-list.request.dto.js';
import { ReferralPage } from './referral-list.response.dto.js';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class ReferralListController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ReadsFrom(referralListProjection.name)
  @Roles('caseworker', 'supervisor', 'auditor', 'admin')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary: 'Pending (or answered) referrals by service, referrer or area; cursor-paginated; Accept: text/csv',
    description:
      'Only referrals of households you reach (your caseload and areas; auditors and admins: the city). Codes, dates and staff, never the member or the notes. The CSV is the same page; its next cursor is in the X-Next-Cursor header.',
  })
  @ApiOkResponse({ type: ReferralPage })
  async list(
    @Query() query: ListReferralsQueryDto,
    @CallerReach() reach: Reach,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReferralPage | string> {
    const page = await this.queryBus.execute(new ListReferralsQuery(query, reach));
    return sendPage(reply, accept, 'referrals', page, (referral) => ({ ...referral }));
  }
}
