import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponse } from './http/index.js';
import { HealthDto, ProbeDto } from './operations.response.dto.js';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, TokenOptional, type Principal } from './auth/index.js';
import { APP_CONFIG, type AppConfig } from './config/index.js';
import { EVENT_STORE, type EventStore } from './event-store/index.js';
import { lagOf, servesReads, within } from './observability/readiness.js';
import { PROJECTION_RUNNER, type ProjectionRunner, type ProjectionStatus } from './read-store/index.js';

export interface Health {
  status: 'ok' | 'starting' | 'degraded';
  eventStore: { kind: string; head: number | null; error?: string };
  projections: Array<ProjectionStatus & { lag: number }>;
}

/** A readiness probe that waits longer than this on the event store gets a 503. */
const STORE_TIMEOUT_MS = 2_000;

/** What an anonymous caller (a load balancer's probe) is told: up or down, by the status code too. */
export interface Status {
  status: string;
}

/**
 * Liveness (`/health/live`: the process answers) apart from readiness (`/health/ready`: the
 * event store answers and every projection runs, else 503), through Terminus. `/health` is the
 * readiness probe with the body it has always had. Without a token each answers its status only;
 * the store's head and each projection's state, checkpoint, lag and last error need a token (any
 * role).
 */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
  ) {}

  @Get()
  @TokenOptional()
  @ApiProblemResponse(401, ['AUTH.TOKEN_INVALID'], 'A token was sent and is not valid')
  @ApiOperation({
    summary:
      'Readiness with every projection listed: 200 when the store answers and every read model runs; 503 otherwise. ' +
      'Without a token: the status only',
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'Not ready: the store or a projection is down' })
  async legacy(
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<Health | Status> {
    const eventStore: Health['eventStore'] = { kind: this.config.eventStore, head: null };
    let head = 0;
    try {
      head = eventStore.head = await within(this.store.headPosition(), STORE_TIMEOUT_MS, 'the event store');
    } catch (error) {
      eventStore.error = (error as Error).message;
    }
    const statuses = this.runner.status();
    const projections = statuses.map((p) => ({ ...p, lag: lagOf(head, p) }));
    const status =
      statuses.length === 0 || statuses.some((p) => p.state === 'starting')
        ? 'starting'
        : eventStore.error !== undefined || !statuses.every(servesReads)
          ? 'degraded'
          : 'ok';
    if (status !== 'ok') void reply.status(503);
    return principal ? { status, eventStore, projections } : { status };
  }

  @Get('live')
  @TokenOptional()
  @ApiProblemResponse(401, ['AUTH.TOKEN_INVALID'], 'A token was sent and is not valid')
  // Ours, not Terminus's: it describes its answers only where it can require @nestjs/swagger,
  // which is not everywhere this ESM app runs (under Jest it cannot), and the document must not vary.
  @ApiOkResponse({ type: ProbeDto, description: 'Up (liveness) or ready (readiness)' })
  @ApiServiceUnavailableResponse({ type: ProbeDto, description: 'Not ready (readiness only)' })
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: 200 while the process answers requests' })
  async live(@CurrentPrincipal() principal: Principal | undefined): Promise<HealthCheckResult | Status> {
    const result = await this.health.check([]);
    return principal ? result : { status: result.status };
  }

  @Get('ready')
  @TokenOptional()
  @ApiProblemResponse(401, ['AUTH.TOKEN_INVALID'], 'A token was sent and is not valid')
  // Ours, not Terminus's: it describes its answers only where it can require @nestjs/swagger,
  // which is not everywhere this ESM app runs (under Jest it cannot), and the document must not vary.
  @ApiOkResponse({ type: ProbeDto, description: 'Up (liveness) or ready (readiness)' })
  @ApiServiceUnavailableResponse({ type: ProbeDto, description: 'Not ready (readiness only)' })
  @HealthCheck()
  @ApiOperation({
    summary:
      'Readiness: 200 when the event store answers and every read model runs (the Kafka relay and reactors may fail); 503 (same body) otherwise. ' +
      'Without a token: the status only',
  })
  async ready(
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<HealthCheckResult | Status> {
    const result = await this.readiness(reply);
    return principal ? result : { status: result.status };
  }

  private async readiness(reply: FastifyReply): Promise<HealthCheckResult> {
    const head = await within(this.store.headPosition(), STORE_TIMEOUT_MS, 'the event store').catch(
      (error: unknown) => error as Error,
    );
    const statuses = this.runner.status();
    const checks: Array<() => HealthIndicatorResult> = [
      () => {
        const store = this.indicators.check('eventStore');
        return head instanceof Error
          ? store.down({ kind: this.config.eventStore, message: head.message })
          : store.up({ kind: this.config.eventStore, head });
      },
      ...statuses.map((p) => () => {
        const projection = this.indicators.check(p.name);
        const data = { state: p.state, checkpoint: p.checkpoint, lag: head instanceof Error ? null : lagOf(head, p) };
        if (!servesReads(p)) return projection.down({ ...data, lastError: p.lastError });
        return projection.up({ ...data, lastError: p.lastError });
      }),
    ];
    if (statuses.length === 0) checks.push(() => this.indicators.check('projections').down({ message: 'starting' }));
    try {
      return await this.health.check(checks);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void reply.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
