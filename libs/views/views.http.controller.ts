import { Controller, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { caseworkCasesProjection, FLAG_CODES, RISK_LEVELS } from '#libs/casework/index.js';
import type { FastifyReply } from 'fastify';
import { PersonalData } from '#libs/platform/access-log/index.js';
import { CallerReach, CurrentPrincipal, type Principal, type Reach } from '#libs/platform/auth/index.js';
import { HttpProblem, ReadQueryDto, ReadRoute, sendCsv, wantsCsv, QueryInteger } from '#libs/platform/http/index.js';
import { ReadsFrom } from '#libs/platform/read-store/index.js';
import { actorIndexProjection } from '#libs/audit/index.js';
import { paymentChecksProjection } from '#libs/pkh/index.js';
import { caseloadProjection } from './caseloads/caseload.projection.js';
import { CaseloadQueries, type CaseloadFilter, type CaseloadSort } from './caseloads/caseload.queries.js';
import { MonthlyReports } from './monthly-report/monthly-report.js';
import { AreaQueryDto } from './views.request.dto.js';
import { CaseloadPageDto, MonthlyReportDto } from './views.response.dto.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class CaseloadQueryDto extends AreaQueryDto {
  @ApiPropertyOptional({ enum: ['nextDue', 'lastContact', 'name'], default: 'nextDue' })
  @IsOptional()
  @IsIn(['nextDue', 'lastContact', 'name'])
  sort?: CaseloadSort;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(0)
  offset?: number;

  @ApiPropertyOptional({ description: 'Only cases with a scheduled visit or follow-up past its due date' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ enum: FLAG_CODES, description: 'Only cases with this flag set' })
  @IsOptional()
  @IsIn(FLAG_CODES)
  flag?: string;

  @ApiPropertyOptional({ enum: RISK_LEVELS, description: 'Only cases with a flag at this risk level or above' })
  @IsOptional()
  @IsIn(RISK_LEVELS)
  risk?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 10,
    description: 'Only households registered with a DTKS welfare decile from 1 to this one (4: "desil 1-4")',
  })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(10)
  maxWelfareDecile?: number;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class MonthQueryDto extends ReadQueryDto {
  @ApiProperty({ example: '2026-03', pattern: MONTH.source, description: 'YYYY-MM in the deployment time zone' })
  @Matches(MONTH, { message: 'month must be written YYYY-MM' })
  month: string;
}

@ApiTags('views and reports')
@ApiBearerAuth()
@Controller()
export class ViewsController {
  constructor(
    private readonly caseloads: CaseloadQueries,
    private readonly monthly: MonthlyReports,
  ) {}

  @ReadRoute(
    'caseloads/:caseworkerId',
    "A caseworker's open cases with programmes, last contact and follow-ups due",
    ['caseworker', 'supervisor', 'admin'],
    { type: CaseloadPageDto },
  )
  @ReadsFrom(caseloadProjection.name, caseworkCasesProjection.name)
  @PersonalData({ households: (page: { items: { householdId: string }[] }) => page.items.map((c) => c.householdId) })
  caseload(
    @Param('caseworkerId') caseworkerId: string,
    @Query() q: CaseloadQueryDto,
    @CurrentPrincipal() principal: Principal,
    @CallerReach() reach: Reach,
  ) {
    if (principal.role === 'caseworker' && principal.sub !== caseworkerId) {
      throw new HttpProblem(403, 'AUTH.NOT_YOUR_CASELOAD', 'A caseworker sees their own caseload');
    }
    const sort = q.sort ?? 'nextDue';
    return this.caseloads.open({ caseworkerId, ...area(q) }, reach, sort, q.offset ?? 0, q.limit ?? 50);
  }

  @ReadRoute(
    'caseloads',
    'Open cases of an area (kecamatan, kelurahan) with their follow-ups',
    ['supervisor', 'admin'],
    { type: CaseloadPageDto },
  )
  @ReadsFrom(caseloadProjection.name, caseworkCasesProjection.name)
  @PersonalData({ households: (page: { items: { householdId: string }[] }) => page.items.map((c) => c.householdId) })
  caseloadsOfArea(@Query() q: CaseloadQueryDto, @CallerReach() reach: Reach) {
    return this.caseloads.open(area(q), reach, q.sort ?? 'nextDue', q.offset ?? 0, q.limit ?? 50);
  }

  @ReadRoute(
    'caseworkers/:id/monthly-report',
    'What a caseworker did in a month, each activity placed by its business date (the day it happened; ' +
      'its recording day in JEJAK_TIME_ZONE when it names none, placedBy says which); Accept: text/csv for the spreadsheet',
    ['caseworker', 'supervisor', 'admin'],
    { type: MonthlyReportDto },
    { csv: true },
  )
  @ReadsFrom(actorIndexProjection.name, caseloadProjection.name, paymentChecksProjection.name)
  async monthlyReport(
    @Param('id') id: string,
    @Query() q: MonthQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (principal.role === 'caseworker' && principal.sub !== id) {
      throw new HttpProblem(403, 'AUTH.NOT_YOUR_REPORT', 'A caseworker sees their own monthly report');
    }
    const report = await this.monthly.forCaseworker(id, q.month);
    if (!wantsCsv(accept)) return report;
    return sendCsv(
      reply,
      `monthly-report-${id}-${q.month}`,
      [
        ...Object.entries(report.counts),
        ...(['checks', 'received', 'notReceived', 'problem'] as const).map(
          (k) => [`paymentFollowUps.${k}`, report.paymentFollowUps[k]] as const,
        ),
      ].map(([activity, count]) => ({ caseworker: id, month: q.month, activity, count })),
    );
  }
}

/** The filters of a caseload query: area, overdue visits, flags. */
function area(q: CaseloadQueryDto): CaseloadFilter {
  return {
    ...(q.kecamatan ? { kecamatan: q.kecamatan } : {}),
    ...(q.kelurahan ? { kelurahan: q.kelurahan } : {}),
    ...(q.overdue ? { overdue: true } : {}),
    ...(q.flag ? { flag: q.flag } : {}),
    ...(q.risk ? { risk: q.risk } : {}),
    ...(q.maxWelfareDecile ? { maxWelfareDecile: q.maxWelfareDecile } : {}),
  };
}
