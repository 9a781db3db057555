import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from './auth/index.js';
import { APP_CONFIG, type AppConfig } from './config/index.js';
import { EVENT_STORE, type EventStore } from './event-store/index.js';
import { PROJECTION_RUNNER, type ProjectionRunner, type ProjectionStatus } from './read-store/index.js';

export interface Health {
  status: 'ok' | 'starting' | 'degraded';
  eventStore: { kind: string; head: number };
  projections: Array<ProjectionStatus & { lag: number }>;
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Ready (200) when the store answers and every projection runs; 503 otherwise' })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<Health> {
    const head = await this.store.headPosition();
    const projections = this.runner.status().map((p) => ({ ...p, lag: Math.max(0, head - p.checkpoint) }));
    const failing = projections.some((p) => p.state === 'failing' || p.state === 'stopped');
    const status = projections.length === 0 ? 'starting' : failing ? 'degraded' : 'ok';
    if (status !== 'ok') void reply.status(503);
    return { status, eventStore: { kind: this.config.eventStore, head }, projections };
  }
}
