import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PersonalData } from '#libs/platform/access-log/index.js';
import { CallerReach, CurrentPrincipal, Roles, type Principal, type Reach } from '#libs/platform/auth/index.js';
import { HttpProblem, ReadRoute, UuidParamPipe, sendCsv, wantsCsv } from '#libs/platform/http/index.js';
import { EXTRACT_COLUMNS, ExtractHeaderError } from '../extract/dtks-extract.js';
import { noCounts, type Counts } from '../import/import-progress.js';
import { rowReport } from '../import/row-report.js';
import { ImportJobs, type ImportJob } from './import-jobs.js';
import { ImportJobDto, ImportReportDto, type ImportCountsDto } from './import-jobs.response.dto.js';

/** The upload route: the one that takes text/csv, under IMPORT_LIMIT_BYTES (create-app). */
export const IMPORT_UPLOAD_ROUTE = '/api/v1/imports';

/** Those who may register households in bulk; they also see the report's KK, NIK and name. */
const UPLOADERS = ['supervisor', 'admin'] as const;

@ApiTags('intake')
@ApiBearerAuth()
@Controller('imports')
export class ImportJobsController {
  constructor(private readonly jobs: ImportJobs) {}

  @Post()
  @HttpCode(202)
  @Roles(...UPLOADERS)
  @ApiOperation({
    summary:
      'Import a DTKS/DTSEN extract (text/csv, one row per member; ADR 0015): each KK is registered through the ' +
      "register command, rows outside the caller's areas are refused; answers the job at once, which runs on",
  })
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      description:
        `CSV with a header row naming ${EXTRACT_COLUMNS.required.join(', ')} (optional: ` +
        `${EXTRACT_COLUMNS.optional.join(', ')}); at most IMPORT_LIMIT_BYTES (16 MiB)`,
    },
  })
  @ApiAcceptedResponse({ type: ImportJobDto })
  async start(
    @Body() text: unknown,
    @CurrentPrincipal() principal: Principal,
    @CallerReach() reach: Reach,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportJobDto> {
    if (typeof text !== 'string' || text.trim() === '')
      throw new HttpProblem(400, 'IMPORT.EMPTY_FILE', 'Send the extract as the body, with its header row', {
        errors: [{ field: 'body', rule: 'isNotEmpty', message: 'the file is empty' }],
      });
    try {
      const job = await this.jobs.start(text, { sub: principal.sub, role: principal.role }, reach);
      void reply.header('location', `${IMPORT_UPLOAD_ROUTE}/${job.id}`);
      return this.status(job);
    } catch (error) {
      if (!(error instanceof ExtractHeaderError)) throw error;
      throw new HttpProblem(400, 'IMPORT.HEADER_INVALID', error.message, {
        errors: error.missing.map((column) => ({
          field: column,
          rule: 'requiredColumn',
          message: `${column} is missing`,
        })),
      });
    }
  }

  @ReadRoute(':id', "An import job's status and progress (counts, no personal data)", [...UPLOADERS, 'auditor'], {
    type: ImportJobDto,
  })
  async get(@Param('id', UuidParamPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<ImportJobDto> {
    return this.status(await this.jobOf(id, principal));
  }

  @ReadRoute(
    ':id/report',
    'The rows not registered so far (refused, or already known) with column and rule; KK, NIK and name for supervisors and admins only',
    [...UPLOADERS, 'auditor'],
    { type: ImportReportDto },
    { csv: true },
  )
  // The KK, NIK and name of an already known row are a registered household's: its reading is logged.
  @PersonalData({
    households: (report: ImportReportDto | string) =>
      typeof report === 'string' ? [] : report.items.filter((i) => i.kk !== undefined).map((i) => i.householdId),
  })
  async report(
    @Param('id', UuidParamPipe) id: string,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportReportDto | string> {
    const job = await this.jobOf(id, principal);
    const progress = await this.jobs.progressOf(id);
    const personal = (UPLOADERS as readonly string[]).includes(principal.role);
    const known = personal ? await this.jobs.identitiesOf(job) : {};
    const items = progress ? rowReport(progress, personal ? (line) => known[line] : null) : [];
    return wantsCsv(accept) ? sendCsv(reply, `import-${id}-report`, items) : { items };
  }

  /** A supervisor sees the jobs they started; admins and auditors every job. */
  private async jobOf(id: string, principal: Principal): Promise<ImportJob> {
    const job = await this.jobs.find(id);
    if (!job || (principal.role === 'supervisor' && job.startedBy.sub !== principal.sub))
      throw new HttpProblem(404, 'IMPORT.NOT_FOUND', `No import job ${id}`);
    return job;
  }

  private async status(job: ImportJob): Promise<ImportJobDto> {
    const progress = await this.jobs.progressOf(job.id);
    return {
      id: job.id,
      status: job.status,
      startedBy: job.startedBy.sub,
      sha256: job.sha256,
      startedAt: progress?.startedAt ?? null,
      finishedAt: job.status === 'finished' ? (progress?.finishedAt ?? null) : null,
      rows: job.rows,
      households: job.households,
      householdsDone: progress?.nextHousehold ?? 0,
      rowCounts: counts(progress?.rowCounts ?? noCounts()),
      householdCounts: counts(progress?.householdCounts ?? noCounts()),
      error: job.error,
    };
  }
}

const counts = (c: Counts): ImportCountsDto => ({
  registered: c.registered,
  alreadyKnown: c.already_known,
  refused: c.refused,
});
