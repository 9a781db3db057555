import { Controller, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiExtraModels, ApiTags } from '@nestjs/swagger';
import { PersonalData } from '#libs/platform/access-log/index.js';
import { ScopedHousehold } from '#libs/platform/auth/index.js';
import { AsOfQueryDto, ReadRoute, UuidParamPipe } from '#libs/platform/http/index.js';
import { GetPkhParticipationQuery } from './pkh-participation.queries.js';
import { PkhParticipationDto, PkhStageDto } from './pkh-participation.response.dto.js';

@ApiTags('pkh')
@ApiBearerAuth()
@ApiExtraModels(PkhStageDto)
@Controller('households/:id/pkh')
export class PkhParticipationController {
  constructor(private readonly queryBus: QueryBus) {}

  @ReadRoute(
    '',
    "The household's PKH participation: status, components, entitlement, stages; ?asOf= as the store had it then",
    ['caseworker', 'supervisor', 'auditor', 'admin'],
    { type: PkhParticipationDto },
  )
  @ScopedHousehold()
  @PersonalData()
  get(@Param('id', UuidParamPipe) id: string, @QueryParams() query: AsOfQueryDto): Promise<PkhParticipationDto> {
    return this.queryBus.execute(new GetPkhParticipationQuery(id, query.asOf));
  }
}
