import { Controller, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { PersonalData } from '#libs/platform/access-log/index.js';
import { CallerReach, CurrentPrincipal, type Principal, type Reach } from '#libs/platform/auth/index.js';
import { HttpProblem, ReadRoute, sendCsv, wantsCsv } from '#libs/platform/http/index.js';
import { KECAMATAN } from '#libs/reference-data/index.js';
import { CaseloadQueries, type CaseloadSort } from './caseloads/caseload.queries.js';
import { MonthlyReports } from './monthly-report/monthly-report.js';
import { OutcomeReports } from './outcomes/outcome-reports.js';
import { CaseloadPageDto, MonthlyReportDto, PovertyTargetDto, ProgrammeOutcomesDto } from './views.response.dto.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class AreaQueryDto {
  @ApiPropertyOptional({ enum: KECAMATAN })
  @IsOptional()
  @IsIn(KECAMATAN)
  kecamatan?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 60)
  kelurahan?: string;
}

export class CaseloadQueryDto extends AreaQueryDto {
  @ApiPropertyOptional({ enum: ['nextDue', 'lastContact', 'name'], default: 'nextDue' })
  @IsOptional()
  @IsIn(['nextDue', 'lastContact', 'name'])
  sort?: CaseloadSort;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class MonthQueryDto {
  @ApiProperty({ example: '2026-03', pattern: MONTH.source, description: 'YYYY-MM in the deployment time zone' })
  @Matches(MONTH, { message: 'month must be written YYYY-MM' })
  month: string;
}

export class OutcomeQueryDto extends AreaQueryDto {
  @ApiPropertyOptional({ example: '2026-01', description: 'First month (YYYY-MM)' })
  @IsOptional()
  @Matches(MONTH, { message: 'from must be a month written YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12', description: 'Last month (YYYY-MM)' })
  @IsOptional()
  @Matches(MONTH, { message: 'to must be a month written YYYY-MM' })
  to?: string;
}

function flatten(prefix: string, value: unknown, into: Record<string, unknown> = {}): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(prefix ? `${prefix}.${k}` : k, v, into);
  } else into[prefix] = value;
  return into;
}

@ApiTags('views and reports')
@ApiBearerAuth()
@Controller()
export class ViewsController {
  constructor(
    private readonly caseloads: CaseloadQueries,
    private readonly monthly: MonthlyReports,
    private readonly outcomes: OutcomeReports,
  ) {}

  @ReadRoute(
    'caseloads/:caseworkerId',
    "A caseworker's open cases with programmes, last contact and follow-ups due",
    ['caseworker', 'supervisor', 'admin'],
    { type: CaseloadPageDto },
  )
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
  @PersonalData({ households: (page: { items: { householdId: string }[] }) => page.items.map((c) => c.householdId) })
  caseloadsOfArea(@Query() q: CaseloadQueryDto, @CallerReach() reach: Reach) {
    return this.caseloads.open(area(q), reach, q.sort ?? 'nextDue', q.offset ?? 0, q.limit ?? 50);
  }

  @ReadRoute(
    'caseworkers/:id/monthly-report',
    'What a caseworker did in a month; Accept: text/csv for the spreadsheet',
    ['caseworker', 'supervisor', 'admin'],
    { type: MonthlyReportDto },
    { csv: true },
  )
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
      Object.entries(report.counts).map(([activity, count]) => ({ caseworker: id, month: q.month, activity, count })),
    );
  }

  @ReadRoute(
    'reports/programme-outcomes',
    'PKH, Kube, training and exit outcomes per month and area; Accept: text/csv',
    ['reporter', 'supervisor', 'auditor', 'admin'],
    { type: ProgrammeOutcomesDto },
    { csv: true },
  )
  async programmeOutcomes(
    @Query() q: OutcomeQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const report = await this.outcomes.programmeOutcomes(q);
    return wantsCsv(accept) ? sendCsv(reply, 'programme-outcomes', report.rows) : report;
  }

  @ReadRoute(
    'reports/poverty-target',
    'Baseline, target, exits so far, progress, and budget against spending; Accept: text/csv',
    ['reporter', 'supervisor', 'auditor', 'admin'],
    { type: PovertyTargetDto },
    { csv: true },
  )
  async povertyTarget(@Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.outcomes.povertyTarget();
    return wantsCsv(accept)
      ? sendCsv(
          reply,
          'poverty-target',
          Object.entries(flatten('', report)).map(([measure, value]) => ({ measure, value })),
        )
      : report;
  }
}

function area(q: CaseloadQueryDto) {
  return { ...(q.kecamatan ? { kecamatan: q.kecamatan } : {}), ...(q.kelurahan ? { kelurahan: q.kelurahan } : {}) };
}
