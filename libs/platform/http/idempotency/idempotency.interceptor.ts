import { createHash } from 'node:crypto';
import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { Principal } from '#libs/platform/auth/roles.js';
import { HttpProblem } from '../problem.js';
import { IDEMPOTENCY_STORE, type IdempotencyStore } from './idempotency.store.js';

const REPLAYED_HEADERS = ['etag', 'location'];

/**
 * `Idempotency-Key` on a POST: the first successful answer is stored and replayed for retries of
 * the same request (same actor, route and body); nothing is appended again. A key reused with a
 * different body is refused (422), and one whose first attempt is still running answers 409.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const raw = request.headers['idempotency-key'];
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (request.method !== 'POST' || !key) return next.handle();
    if (key.length > 255) {
      throw new HttpProblem(400, 'IDEMPOTENCY.KEY_TOO_LONG', 'Idempotency-Key must be at most 255 characters', {
        errors: [{ field: 'Idempotency-Key', rule: 'maxLength', message: 'at most 255 characters' }],
      });
    }
    const scope = `${request.principal?.sub ?? ''} ${request.method} ${request.url.split('?')[0]}`;
    const fingerprint = createHash('sha256')
      .update(JSON.stringify(request.body ?? null))
      .digest('hex');
    return from(this.run(scope, key, fingerprint, reply, next));
  }

  private async run(
    scope: string,
    key: string,
    fingerprint: string,
    reply: FastifyReply,
    next: CallHandler,
  ): Promise<unknown> {
    const claim = await this.store.claim(scope, key, fingerprint, new Date());
    switch (claim.state) {
      case 'completed':
        void reply.headers({ ...claim.response.headers, 'idempotent-replayed': 'true' });
        return claim.response.body;
      case 'in_progress':
        throw new HttpProblem(
          409,
          'IDEMPOTENCY.IN_PROGRESS',
          'A request with this Idempotency-Key is still being processed',
          {},
          {
            'retry-after': '1',
          },
        );
      case 'different_request':
        throw new HttpProblem(422, 'IDEMPOTENCY.KEY_REUSED', 'This Idempotency-Key was used for a different request');
      case 'claimed':
        break;
    }
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const headers: Record<string, string> = {};
      for (const name of REPLAYED_HEADERS) {
        const value = reply.getHeader(name);
        if (typeof value === 'string') headers[name] = value;
      }
      await this.store.complete(scope, key, { status: reply.statusCode, headers, body });
      return body;
    } catch (error) {
      await this.store.release(scope, key);
      throw error;
    }
  }
}
