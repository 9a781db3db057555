import { Controller, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags, OmitType } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { Kysely } from 'kysely';
import { PersonalData } from '#libs/platform/access-log/index.js';
import { CurrentPrincipal, type Principal } from '#libs/platform/auth/index.js';
import { ReadQueryDto, ReadRoute } from '#libs/platform/http/index.js';
import { IsIsoDateTime, QueryInteger } from '#libs/platform/http/validators.js';
import { PiiFreeView } from '#libs/platform/privacy/index.js';
import { EVENT_STORE, categoryOf, type EventStore, type RecordedEvent } from '#libs/platform/event-store/index.js';
import { READ_DATABASE, ReadsFrom, type ReadDatabase } from '#libs/platform/read-store/index.js';
import { ACTOR_INDEX_TABLE, actorIndexProjection, type ActorIndexTables } from './actor-index.js';
import { auditChainProjection, verifyAuditChain } from './audit-chain.js';
import { ActorEventsDto, ChainVerificationDto, FeedPageDto } from './audit.response.dto.js';
import { householdsInActorEvents, householdsInFeed } from './households-named.js';

export class FeedQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ description: 'Resume after this global position', default: 0 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(0)
  after?: number;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'Stream category: household, pkh, kube, training' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  category?: string;

  @ApiPropertyOptional({ description: 'Event type' })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  type?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 64)
  actor?: string;

  @ApiPropertyOptional({ description: 'At or after (ISO 8601 date-time with Z or an offset)', format: 'date-time' })
  @IsOptional()
  @IsIsoDateTime()
  from?: string;

  @ApiPropertyOptional({ description: 'Before (ISO 8601 date-time with Z or an offset)', format: 'date-time' })
  @IsOptional()
  @IsIsoDateTime()
  to?: string;
}

/** The actor is the path's: the feed's category, type and actor filters do not apply there. */
export class ActorEventsQueryDto extends OmitType(FeedQueryDto, ['actor', 'category', 'type'] as const) {}

const INTERNAL = new Set(['identity', 'kubemembership']);
const SCAN_LIMIT = 20_000;

@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditController {
  private readonly db: Kysely<ActorIndexTables>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_DATABASE) private readonly database: ReadDatabase,
    @Inject(PiiFreeView) private readonly piiFree: PiiFreeView,
  ) {
    this.db = database.reader;
  }

  @ReadRoute(
    'events',
    'The global ordered feed with metadata, resumable by position (reporters get no personal data)',
    ['auditor', 'admin', 'reporter'],
    { type: FeedPageDto },
  )
  @ReadsFrom()
  @PersonalData({ households: householdsInFeed })
  async feed(@Query() q: FeedQueryDto, @CurrentPrincipal() principal: Principal): Promise<FeedPageDto> {
    const limit = q.limit ?? 100;
    const from = q.from ? new Date(q.from).getTime() : -Infinity;
    const to = q.to ? new Date(q.to).getTime() : Infinity;
    const matches = (e: RecordedEvent) =>
      !INTERNAL.has(categoryOf(e.stream)) &&
      (!q.actor || e.metadata.actor === q.actor) &&
      new Date(e.recordedAt).getTime() >= from &&
      new Date(e.recordedAt).getTime() < to;
    const events: RecordedEvent[] = [];
    let after = q.after ?? 0;
    let scanned = 0;
    const head = await this.store.headPosition();
    // Filters the store cannot apply are applied here, on a bounded scan; `next` resumes it.
    while (events.length < limit && after < head && scanned < SCAN_LIMIT) {
      const batch = await this.store.readAll({
        after,
        limit: 500,
        filter: { ...(q.category ? { categories: [q.category] } : {}), ...(q.type ? { types: [q.type] } : {}) },
      });
      if (batch.length === 0) {
        after = head;
        break;
      }
      for (const event of batch) {
        scanned += 1;
        after = event.position;
        if (matches(event)) events.push(event);
        if (events.length === limit) break;
      }
    }
    // Reporters see the feed as every PII-free reader does (ADR 0010): allow-listed, pseudonymised.
    return {
      events: principal.role === 'reporter' ? events.flatMap((e) => this.piiFree.event(e) ?? []) : events,
      next: after,
      head,
    };
  }

  @ReadRoute(
    'audit/actors/:actor/events',
    'Who did what: the events an actor caused in a time range (occurredAt)',
    ['auditor', 'admin'],
    { type: ActorEventsDto },
  )
  @ReadsFrom(actorIndexProjection.name)
  @PersonalData({ households: householdsInActorEvents })
  async byActor(@Param('actor') actor: string, @Query() q: ActorEventsQueryDto): Promise<ActorEventsDto> {
    let query = this.db
      .selectFrom(ACTOR_INDEX_TABLE)
      .selectAll()
      .where('actor', '=', actor)
      .where('position', '>', q.after ?? 0)
      .orderBy('position')
      .limit(q.limit ?? 100);
    if (q.from) query = query.where('occurred_at', '>=', new Date(q.from).toISOString());
    if (q.to) query = query.where('occurred_at', '<', new Date(q.to).toISOString());
    const rows = await query.execute();
    return {
      actor,
      events: rows.map((r) => ({ ...r, position: Number(r.position) })),
      next: rows.length ? Number(rows.at(-1)!.position) : (q.after ?? 0),
    };
  }

  @ReadRoute(
    'audit/verify',
    'Recompute the hash chain over the stored events and report the first break',
    ['auditor', 'admin'],
    { type: ChainVerificationDto },
  )
  @ReadsFrom(auditChainProjection.name)
  verify(@Query() _q: ReadQueryDto): Promise<ChainVerificationDto> {
    return verifyAuditChain(this.store, this.database.reader);
  }
}
