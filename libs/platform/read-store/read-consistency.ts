import {
  Inject,
  Injectable,
  SetMetadata,
  UseInterceptors,
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiServiceUnavailableResponse } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';
import { EVENT_STORE, type EventStore } from '#libs/platform/event-store/index.js';
import { HttpProblem } from '#libs/platform/http/problem.js';
import type { ProjectionRunner } from './projection-runner.js';

export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');
const READ_MODELS = 'jejak:read-models';

/**
 * Read-your-writes: a command answers with the global position of its last event; a read that
 * passes it as ?minPosition= waits (bounded) until the read models it reads (`readModels`, by
 * default every read model) have reached it. Never the Kafka relay or the reactors: they own no
 * read model, and a broker outage must not turn reads into 503s.
 */
export async function awaitPosition(
  runner: ProjectionRunner,
  minPosition: number | undefined,
  timeoutMs: number,
  readModels?: readonly string[],
): Promise<void> {
  if (minPosition === undefined || minPosition <= 0) return;
  if (await runner.waitFor(minPosition, timeoutMs, readModels)) return;
  const position = runner.readModelPosition(readModels);
  throw new HttpProblem(
    503,
    'READ_MODEL.NOT_CAUGHT_UP',
    `The read models have reached position ${position}, not yet ${minPosition}; retry shortly`,
    { position, minPosition },
    { 'retry-after': '1' },
  );
}

/**
 * A read served from read models: `?minPosition=` (declared by ReadQueryDto, which the route's
 * query DTO extends) makes it wait for the projections named here, by their names. With none
 * named, the route reads the event store itself (the feed): it waits until the store holds the
 * position, which every projection reaching it proves.
 */
export const ReadsFrom = (...readModels: string[]) =>
  applyDecorators(
    SetMetadata(READ_MODELS, readModels),
    UseInterceptors(ReadYourWritesInterceptor),
    ApiServiceUnavailableResponse({
      description:
        'minPosition is not reached within READ_WAIT_TIMEOUT_MS (problem+json, READ_MODEL.NOT_CAUGHT_UP); retry after Retry-After seconds',
      headers: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } },
    }),
  );

/**
 * Interceptors run before the validation pipe, so this reads the raw query value the way the DTO
 * will convert it; a value the DTO refuses is not waited for and ends in its 400.
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const raw = context.switchToHttp().getRequest<{ query?: Record<string, unknown> }>().query?.minPosition;
    const minPosition = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
    if (Number.isSafeInteger(minPosition) && minPosition > 0) {
      const readModels = this.reflector.get<string[]>(READ_MODELS, context.getHandler()) ?? [];
      if (readModels.length || (await this.store.headPosition()) < minPosition)
        await awaitPosition(this.runner, minPosition, this.config.readWaitTimeoutMs, readModels);
    }
    return next.handle();
  }
}
