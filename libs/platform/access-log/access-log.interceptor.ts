import {
  Inject,
  Injectable,
  Logger,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { tap, throwError, type Observable } from 'rxjs';
import type { Principal } from '#libs/platform/auth/index.js';
import { CLOCK, type Clock } from '#libs/platform/clock.js';
import { ACCESS_LOG, AccessLog } from './access-log.js';
import {
  PERSONAL_DATA,
  X_PURPOSE_HEADER,
  type PersonalDataOptions,
  type PersonalDataRequest,
} from './personal-data.decorator.js';
import { purposeOf } from './purpose.js';

type Request = FastifyRequest & { principal?: Principal };

/** The default: the household of the route's `:id`. */
const pathHousehold = (_body: unknown, request: PersonalDataRequest) => [request.params.id];

/**
 * Records every successful answer of a @PersonalData route in the access log: the token's sub
 * and role, the time, the route template, the X-Purpose and the households the answer carried.
 * Refused requests never get here (the guard runs first) and failed ones are not recorded (the
 * handler's error passes by). Recording only buffers; the request does not wait for the log.
 */
@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  private readonly logger = new Logger('AccessLog');

  constructor(
    private readonly reflector: Reflector,
    @Inject(ACCESS_LOG) private readonly log: AccessLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<PersonalDataOptions | undefined>(PERSONAL_DATA, context.getHandler());
    if (!options || context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    let purpose: string | null;
    try {
      purpose = purposeOf(request.headers[X_PURPOSE_HEADER]);
    } catch (problem) {
      return throwError(() => problem);
    }
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(
      tap((body: unknown) => {
        if (reply.statusCode >= 400) return;
        const households = this.householdsOf(options, body, request);
        if (households.length === 0 || !request.principal) return;
        this.log.record({
          at: this.clock.now().toISOString(),
          actor: request.principal.sub,
          role: request.principal.role,
          method: request.method,
          route: request.routeOptions.url ?? '(unknown route)',
          purpose,
          households,
          requestId: typeof request.id === 'string' ? request.id : null,
        });
      }),
    );
  }

  private householdsOf(options: PersonalDataOptions, body: unknown, request: Request): string[] {
    const extract = options.households ?? pathHousehold;
    const view: PersonalDataRequest = {
      params: (request.params ?? {}) as Record<string, string | undefined>,
      query: request.query,
      principal: request.principal,
    };
    let found: Iterable<string | null | undefined> | null | undefined;
    try {
      found = extract(body, view);
    } catch (error) {
      // A route whose answer changed shape under its extractor: record what the path names.
      this.logger.error(`@PersonalData extractor of ${request.routeOptions.url} failed: ${(error as Error).message}`);
      found = pathHousehold(body, view);
    }
    const households = new Set<string>();
    for (const id of found ?? []) if (typeof id === 'string' && id) households.add(id.toLowerCase());
    return [...households];
  }
}
