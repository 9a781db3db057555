import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CallerReach, Roles, type Reach } from '#libs/platform/auth/index.js';
import { sendPage } from '#libs/platform/http/index.js';
import { ReadsFrom } from '#libs/platform/read-store/index.js';
import { kubeListProjection } from './kube-list.projection.js';
import { ListKubesQuery } from './kube-list.queries.js';
import { ListKubesQueryDto } from './kube-list.request.dto.js';
import { KubePage } from './kube-list.response.dto.js';

@ApiTags('kube')
@ApiBearerAuth()
@Controller('kubes')
export class KubeListController {
  constructor(private readonly queryBus: QueryBus) {}

  // The roles of GET /kubes/{id}: reporters count groups in the programme outcomes instead.
  @Get()
  @ReadsFrom(kubeListProjection.name)
  @Roles('caseworker', 'supervisor', 'auditor', 'admin')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary:
      'Kube groups of your area by kecamatan, kelurahan, status or business type; cursor-paginated; Accept: text/csv',
    description:
      'Only groups of the areas you cover (auditors and admins: the city). Member counts, never members: no personal data. The CSV is the same page; its next cursor is in the X-Next-Cursor header.',
  })
  @ApiOkResponse({ type: KubePage })
  async list(
    @Query() query: ListKubesQueryDto,
    @CallerReach() reach: Reach,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<KubePage | string> {
    const page = await this.queryBus.execute(new ListKubesQuery(query, reach));
    return sendPage(reply, accept, 'kubes', page, (kube) => ({ ...kube }));
  }
}
