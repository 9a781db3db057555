import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CallerReach, Roles, type Reach } from '#libs/platform/auth/index.js';
import { sendPage } from '#libs/platform/http/index.js';
import { ReadsFrom } from '#libs/platform/read-store/index.js';
import { pkhDueProjection } from './pkh-due.projection.js';
import { ListPkhDueQuery } from './pkh-due.queries.js';
import { PkhDueQueryDto, PkhStageParamDto } from './pkh-due.request.dto.js';
import { PkhDuePage } from './pkh-due.response.dto.js';

@ApiTags('pkh')
@ApiBearerAuth()
@Controller('pkh/stages')
export class PkhDueController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':stage/due')
  @ReadsFrom(pkhDueProjection.name)
  @Roles('supervisor', 'auditor', 'admin')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary:
      "A stage's due list: active families verified compliant, not paid, in no open batch; cursor-paginated; Accept: text/csv",
    description:
      'Only households of the areas you cover (auditors and admins: the city), with the amount due and why an earlier payment failed. ' +
      'Declare a batch from it (POST /pkh/batches). The CSV is the same page; its next cursor is in the X-Next-Cursor header.',
  })
  @ApiOkResponse({ type: PkhDuePage })
  async list(
    @Param() { stage }: PkhStageParamDto,
    @Query() query: PkhDueQueryDto,
    @CallerReach() reach: Reach,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PkhDuePage | string> {
    const page = await this.queryBus.execute(new ListPkhDueQuery(stage, query, reach));
    return sendPage(reply, accept, `pkh-due-${stage}`, page, (item) => ({ ...item }));
  }
}
