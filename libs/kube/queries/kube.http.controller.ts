import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PersonalData } from '#libs/platform/access-log/index.js';
import { Roles, Scoped } from '#libs/platform/auth/index.js';
import { AsOfQueryDto, UuidParamPipe } from '#libs/platform/http/index.js';
import { GetKubeQuery } from './kube.queries.js';

@ApiTags('kube')
@ApiBearerAuth()
@Controller('kubes')
export class KubeQueriesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/state')
  @Roles('caseworker', 'supervisor', 'auditor', 'admin')
  @Scoped({ kind: 'kube', param: 'id' })
  @PersonalData({
    households: (kube: { members: string[]; formerMembers: string[] }) => [...kube.members, ...kube.formerMembers],
  })
  @ApiOperation({ summary: 'The group as it stood at a time, replayed from the events recorded until then' })
  stateAsOf(@Param('id', UuidParamPipe) id: string, @Query() query: AsOfQueryDto) {
    return this.queryBus.execute(new GetKubeQuery(id, query.asOf ?? new Date().toISOString()));
  }

  @Get(':id')
  @Roles('caseworker', 'supervisor', 'auditor', 'admin')
  @Scoped({ kind: 'kube', param: 'id' })
  @PersonalData({
    households: (kube: { members: string[]; formerMembers: string[] }) => [...kube.members, ...kube.formerMembers],
  })
  @ApiOperation({ summary: 'The group: members, former members, grants, reported periods' })
  get(@Param('id', UuidParamPipe) id: string) {
    return this.queryBus.execute(new GetKubeQuery(id));
  }
}
