import { Controller, Get, Headers, Inject, Param, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsISO8601, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { ACCESS_LOG, type AccessEntry, type AccessLog, type AccessQuery } from '#libs/platform/access-log/index.js';
import { Roles } from '#libs/platform/auth/index.js';
import { UuidParamPipe, decodeCursor, encodeCursor, sendPage, QueryInteger } from '#libs/platform/http/index.js';

export class AccessQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the page before' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'Read at or after (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Read before (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class AccessEntryView {
  @ApiProperty({ description: 'Number in the log: entries are linked in this order' }) seq: number;
  @ApiProperty({ format: 'date-time', description: 'When the answer was given' }) at: string;
  @ApiProperty({ description: "The token's sub" }) actor: string;
  @ApiProperty({ enum: ['caseworker', 'supervisor', 'auditor', 'reporter', 'admin'] }) role: string;
  @ApiProperty({ example: 'GET' }) method: string;
  @ApiProperty({ example: '/api/v1/households/:id', description: 'Route template, never the URL' }) route: string;
  @ApiProperty({ type: String, nullable: true, description: 'The X-Purpose the client sent' }) purpose: string | null;
  @ApiProperty({ type: [String], description: 'Households the answer carried' }) households: string[];
  @ApiProperty({ type: String, nullable: true, description: 'X-Request-Id of the request' }) requestId: string | null;
  @ApiProperty({ description: 'SHA-256 of the previous hash and this entry (canonical JSON)' }) hash: string;
}

export class AccessPage {
  @ApiProperty({ type: [AccessEntryView], description: 'Newest first (highest seq first)' }) items: AccessEntryView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?cursor= for older entries' })
  nextCursor: string | null;
}

class AccessBreak {
  @ApiProperty() seq: number;
  @ApiProperty({ example: 'entry differs from what was chained (changed?)' }) reason: string;
}

export class AccessVerification {
  @ApiProperty() ok: boolean;
  @ApiProperty() entriesChecked: number;
  @ApiProperty({ description: 'Last entry that verified' }) headSeq: number;
  @ApiProperty({ description: 'Its hash: keep it outside the system to detect a rewrite' }) headHash: string;
  @ApiProperty({ type: AccessBreak, nullable: true }) firstBreak: AccessBreak | null;
}

const isCursor = (v: unknown): v is { before: number } =>
  Number.isInteger((v as { before?: unknown } | null)?.before) && (v as { before: number }).before > 0;
const AUDITORS = 'Roles: auditor, admin.';

/** The access log for auditors: who looked at a family, what a person looked at, and its chain. */
@ApiTags('audit')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Not an auditor or admin (problem+json, AUTH.ROLE_NOT_ALLOWED)' })
@Controller('audit')
export class AccessLogController {
  constructor(@Inject(ACCESS_LOG) private readonly log: AccessLog) {}

  @Get('households/:id/access')
  @Roles('auditor', 'admin')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: AccessPage })
  @ApiOperation({
    summary: 'Who looked at this household: every answer that carried it, newest first; Accept: text/csv',
    description: `${AUDITORS} Paginated by cursor, newest first (highest seq first). The CSV is the same page; its next cursor is in the X-Next-Cursor header.`,
  })
  household(
    @Param('id', UuidParamPipe) id: string,
    @Query() q: AccessQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.page({ household: id }, q, accept, reply, `access-household-${id}`);
  }

  @Get('actors/:actor/access')
  @Roles('auditor', 'admin')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: AccessPage })
  @ApiOperation({
    summary: 'What this person looked at: every answer with personal data they got, newest first; Accept: text/csv',
    description: `${AUDITORS} Paginated by cursor, newest first (highest seq first). The CSV is the same page; its next cursor is in the X-Next-Cursor header.`,
  })
  actor(
    @Param('actor') actor: string,
    @Query() q: AccessQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.page({ actor }, q, accept, reply, 'access-actor');
  }

  @Get('access/verify')
  @Roles('auditor', 'admin')
  @ApiOkResponse({ type: AccessVerification })
  @ApiOperation({
    summary: "Recompute the access log's hash chain and report the first break",
    description: `${AUDITORS} Checks every entry's link, the numbering (a removed entry leaves a gap) and the household index.`,
  })
  verify() {
    return this.log.store.verify();
  }

  private async page(
    about: Pick<AccessQuery, 'household' | 'actor'>,
    q: AccessQueryDto,
    accept: string | undefined,
    reply: FastifyReply,
    name: string,
  ): Promise<AccessPage | string> {
    const limit = q.limit ?? 100;
    const cursor = decodeCursor(q.cursor, isCursor);
    const rows = await this.log.store.find({
      ...about,
      limit: limit + 1,
      ...(cursor ? { before: cursor.before } : {}),
      ...(q.from ? { from: new Date(q.from).toISOString() } : {}),
      ...(q.to ? { to: new Date(q.to).toISOString() } : {}),
    });
    const items: AccessEntry[] = rows.slice(0, limit);
    const nextCursor = rows.length > limit ? encodeCursor({ before: items.at(-1)!.seq }) : null;
    return sendPage(reply, accept, name, { items, nextCursor }, (e) => ({
      seq: e.seq,
      at: e.at,
      actor: e.actor,
      role: e.role,
      method: e.method,
      route: e.route,
      purpose: e.purpose ?? '',
      households: e.households.join(' '),
      requestId: e.requestId ?? '',
      hash: e.hash,
    }));
  }
}
