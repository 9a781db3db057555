import { Controller, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PersonalData } from '#libs/platform/access-log/index.js';
import { Scoped } from '#libs/platform/auth/index.js';
import { AsOfQueryDto, ReadRoute, UuidParamPipe } from '#libs/platform/http/index.js';
import { GetKubeQuery } from './kube.queries.js';
import { KubeDto } from './kube.response.dto.js';

@ApiTags('kube')
@ApiBearerAuth()
@Controller('kubes')
export class KubeQueriesController {
  constructor(private readonly queryBus: QueryBus) {}

  @ReadRoute(
    ':id/state',
    'The group as it stood at a time, replayed from the events recorded until then',
    ['caseworker', 'supervisor', 'auditor', 'admin'],
    { type: KubeDto },
  )
  @Scoped({ kind: 'kube', param: 'id' })
  @PersonalData({
    households: (kube: { members: string[]; formerMembers: string[] }) => [...kube.members, ...kube.formerMembers],
  })
  stateAsOf(@Param('id', UuidParamPipe) id: string, @Query() query: AsOfQueryDto): Promise<KubeDto> {
    return this.queryBus.execute(new GetKubeQuery(id, query.asOf ?? new Date().toISOString()));
  }

  @ReadRoute(
    ':id',
    'The group: members, former members, grants, reported periods',
    ['caseworker', 'supervisor', 'auditor', 'admin'],
    { type: KubeDto },
  )
  @Scoped({ kind: 'kube', param: 'id' })
  @PersonalData({
    households: (kube: { members: string[]; formerMembers: string[] }) => [...kube.members, ...kube.formerMembers],
  })
  get(@Param('id', UuidParamPipe) id: string): Promise<KubeDto> {
    return this.queryBus.execute(new GetKubeQuery(id));
  }
}
