import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '#libs/platform/auth/auth.decorators.js';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';
import { HttpProblem } from '#libs/platform/http/problem.js';
import { ApiProblemResponse } from '#libs/platform/http/openapi/route-kind.js';
import { Metrics } from './metrics.js';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * Prometheus scrapes here. A scraper has no user's JWT: with METRICS_TOKEN set it sends
 * `Authorization: Bearer <METRICS_TOKEN>`; unset, the route is public (no label holds personal data).
 */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  private readonly expected: Buffer | undefined;

  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.expected = config.metricsToken === undefined ? undefined : digest(`Bearer ${config.metricsToken}`);
  }

  @Get()
  @Public()
  @ApiOkResponse({
    description: 'Prometheus text exposition format',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiProblemResponse(401, ['AUTH.METRICS_TOKEN_INVALID'], 'METRICS_TOKEN is set and was not sent')
  @ApiOperation({
    summary:
      'Prometheus metrics (text exposition format); needs Authorization: Bearer <METRICS_TOKEN> when that is set',
  })
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    if (this.expected && !timingSafeEqual(digest(authorization ?? ''), this.expected)) {
      throw new HttpProblem(
        401,
        'AUTH.METRICS_TOKEN_INVALID',
        'Send the metrics token: Authorization: Bearer <METRICS_TOKEN>',
        {},
        { 'www-authenticate': 'Bearer' },
      );
    }
    void reply.header('content-type', this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
