import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CallerReach, Roles, type Reach } from '#libs/platform/auth/index.js';
import { sendPage } from '#libs/platform/http/index.js';
import { ReadsFrom } from '#libs/platform/read-store/index.js';
import { paymentChecksProjection } from './payment-checks.projection.js';
import { ListPaymentChecksQuery } from './payment-checks.queries.js';
import { PaymentChecksQueryDto } from './payment-checks.request.dto.js';
import { PaymentCheckPage } from './payment-checks.response.dto.js';

@ApiTags('pkh')
@ApiBearerAuth()
@Controller('pkh/payment-checks')
export class PaymentChecksController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ReadsFrom(paymentChecksProjection.name)
  @Roles('caseworker', 'supervisor', 'auditor', 'admin')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary: "The post-payment checks' sampled families, to call or visit; cursor-paginated; Accept: text/csv",
    description:
      'Only families you reach (your areas and caseload; auditors and admins: the city), with what was found so far. ' +
      'Record an answer with POST /pkh/batches/{id}/checks/{householdId}. The CSV is the same page; its next cursor is in the X-Next-Cursor header.',
  })
  @ApiOkResponse({ type: PaymentCheckPage })
  async list(
    @Query() query: PaymentChecksQueryDto,
    @CallerReach() reach: Reach,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PaymentCheckPage | string> {
    const page = await this.queryBus.execute(new ListPaymentChecksQuery(query, reach));
    return sendPage(reply, accept, 'pkh-payment-checks', page, (item) => ({ ...item }));
  }
}
