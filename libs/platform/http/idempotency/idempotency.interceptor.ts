import { createHash } from 'node:crypto';
import {
  HttpStatus,
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { Principal } from '#libs/platform/auth/roles.js';
import { CommandKeyTakenError, type CommandKey, type CommandKeyRecord } from '#libs/platform/event-store/index.js';
import { HttpProblem } from '../problem.js';
import { IDEMPOTENCY_STORE, type IdempotencyStore } from './idempotency.store.js';

type KeyedRequest = FastifyRequest & { principal?: Principal; commandKey?: CommandKey };

/**
 * `Idempotency-Key` on a POST: the key is recorded with the command's events, in the same
 * transaction (one fsync, and no claim that a crash could leave behind). A retry finds the
 * record and gets the first answer again ({id, revision, position}, its ETag and Location)
 * without running the command; one that overtakes the first attempt runs, and its append is
 * refused because the key is taken, so it answers the same. A key reused with a different body
 * is refused (422). A command that appended nothing leaves no record: its retry runs again and
 * decides the same.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<KeyedRequest>();
    const raw = request.headers['idempotency-key'];
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (request.method !== 'POST' || !key) return next.handle();
    if (key.length > 255) {
      throw new HttpProblem(400, 'IDEMPOTENCY.KEY_TOO_LONG', 'Idempotency-Key must be at most 255 characters', {
        errors: [{ field: 'Idempotency-Key', rule: 'maxLength', message: 'at most 255 characters' }],
      });
    }
    const path = request.url.split('?')[0]!;
    const commandKey: CommandKey = {
      scope: `${request.principal?.sub ?? ''} ${request.method} ${path}`,
      key,
      fingerprint: createHash('sha256')
        .update(JSON.stringify(request.body ?? null))
        .digest('hex'),
    };
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.OK;
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return from(this.run(commandKey, request, next, (record) => this.replay(record, commandKey, status, path, reply)));
  }

  private async run(
    commandKey: CommandKey,
    request: KeyedRequest,
    next: CallHandler,
    replay: (record: CommandKeyRecord) => unknown,
  ): Promise<unknown> {
    const recorded = await this.store.find(commandKey.scope, commandKey.key);
    if (recorded) return replay(recorded);
    request.commandKey = commandKey;
    try {
      return await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      if (!(error instanceof CommandKeyTakenError)) throw error;
      return replay((await this.store.find(commandKey.scope, commandKey.key))!);
    }
  }

  /** The first answer, rebuilt from what the command appended: every command answers {id, revision, position}. */
  private replay(record: CommandKeyRecord, sent: CommandKey, status: number, path: string, reply: FastifyReply) {
    if (record.fingerprint !== sent.fingerprint)
      throw new HttpProblem(422, 'IDEMPOTENCY.KEY_REUSED', 'This Idempotency-Key was used for a different request');
    const id = record.stream.slice(record.stream.indexOf('-') + 1);
    void reply.status(status).headers({
      'idempotent-replayed': 'true',
      etag: `"${record.revision}"`,
      ...(status === HttpStatus.CREATED ? { location: `${path}/${id}` } : {}),
    });
    return { id, revision: record.revision, position: record.position };
  }
}
