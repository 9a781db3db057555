import type { CanActivate, ExecutionContext } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '#libs/platform/auth/roles.js';
import { HttpProblem } from './problem.js';

export interface RateLimits {
  windowSeconds: number;
  /** Commands (POST under /api/v1) per principal and window; 0: no limit. */
  commands: number;
  /** Reads and searches (GET under /api/v1) per principal and window; 0: no limit. */
  reads: number;
}

type LimitedRequest = FastifyRequest & { principal?: Principal };
type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/** Who a limit counts for: the verified token's subject, else the client's address. */
const trackerOf = (request: LimitedRequest): string =>
  request.principal ? `sub:${request.principal.sub}` : `ip:${request.ip}`;

/**
 * Rate limits per principal, counted by @fastify/rate-limit (registered with `global: false` on
 * the Fastify instance): one budget for commands and one for reads and searches, each across all
 * routes of its kind. A Nest guard applies them, after the AuthGuard has verified the token, so
 * that a client cannot spend another's budget by naming its subject. Operations routes (/health,
 * /metrics) and /docs are never limited: a load balancer's probes must not be refused. Over the
 * limit: 429 problem+json with Retry-After.
 */
export class RateLimitGuard implements CanActivate {
  private readonly commands: Limiter | undefined;
  private readonly reads: Limiter | undefined;

  constructor(fastify: FastifyInstance, { windowSeconds, commands, reads }: RateLimits) {
    const limiter = (kind: string, max: number): Limiter | undefined =>
      max > 0
        ? fastify.createRateLimit({
            max,
            timeWindow: windowSeconds * 1_000,
            keyGenerator: (request) => `${kind}|${trackerOf(request as LimitedRequest)}`,
          })
        : undefined;
    this.commands = limiter('commands', commands);
    this.reads = limiter('reads', reads);
  }

  static isOn(limits: RateLimits): boolean {
    return limits.commands > 0 || limits.reads > 0;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<LimitedRequest>();
    if (!request.url.startsWith('/api/')) return true;
    const limiter =
      request.method === 'POST' ? this.commands : ['GET', 'HEAD'].includes(request.method) ? this.reads : undefined;
    if (!limiter) return true;
    const limit = await limiter(request);
    if (limit.isAllowed || !limit.isExceeded) return true;
    const seconds = Math.max(1, limit.ttlInSeconds);
    throw new HttpProblem(
      429,
      'REQUEST.RATE_LIMITED',
      `More than ${limit.max} requests of this kind in ${limit.timeWindow / 1_000} s; retry after ${seconds} s`,
      { retryAfterSeconds: seconds },
      { 'retry-after': String(seconds) },
    );
  }
}
