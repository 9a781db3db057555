import { Controller, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CallerReach, type Reach } from '#libs/platform/auth/index.js';
import { ReadQueryDto, ReadRoute, QueryInteger } from '#libs/platform/http/index.js';
import { ReadsFrom } from '#libs/platform/read-store/index.js';
import { STAFF_ID } from '../../commands/casework.request.dto.js';
import { caseworkCasesProjection } from './casework-cases.projection.js';
import { CaseworkCaseQueries } from './casework-cases.queries.js';
import { PendingTransferPageDto } from './casework.response.dto.js';

export class PendingTransfersQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ description: 'Only transfers to this caseworker' })
  @IsOptional()
  @Matches(STAFF_ID, { message: 'toCaseworkerId must be 1 to 64 letters, digits or ._@-' })
  toCaseworkerId?: string;

  @ApiPropertyOptional({
    enum: ['supervisor', 'caseworker'],
    description: 'caseworker: asked by the receiving caseworker, for a supervisor to decide',
  })
  @IsOptional()
  @IsIn(['supervisor', 'caseworker'])
  requestedAs?: string;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(0)
  offset?: number;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

@ApiTags('casework')
@ApiBearerAuth()
@Controller('transfers')
export class PendingTransfersController {
  constructor(private readonly cases: CaseworkCaseQueries) {}

  @ReadRoute(
    'pending',
    'Transfers awaiting a decision: a caseworker’s to her, a supervisor’s in her areas (ids and areas, no names)',
    ['caseworker', 'supervisor', 'auditor', 'admin'],
    { type: PendingTransferPageDto },
  )
  @ReadsFrom(caseworkCasesProjection.name)
  pending(@Query() q: PendingTransfersQueryDto, @CallerReach() reach: Reach) {
    const filter = {
      ...(q.toCaseworkerId ? { toCaseworkerId: q.toCaseworkerId } : {}),
      ...(q.requestedAs ? { requestedAs: q.requestedAs } : {}),
    };
    return this.cases.pendingTransfers(filter, reach, q.offset ?? 0, q.limit ?? 50);
  }
}
