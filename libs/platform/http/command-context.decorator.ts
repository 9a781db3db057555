import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '#libs/platform/auth/roles.js';
import type { CommandContext } from '#libs/platform/command-handling/command-context.js';
import type { CommandKey } from '#libs/platform/event-store/index.js';
import { HttpProblem } from './problem.js';
import { acceptableId } from './request-id.js';

interface CommandRequest {
  id: string;
  headers: Record<string, string | string[] | undefined>;
  principal: Principal;
  /** Set by the IdempotencyInterceptor when the request carries an Idempotency-Key. */
  commandKey?: CommandKey;
  /** ISO 8601 UTC, set from the application's Clock by ReceivedAtInterceptor. */
  receivedAt: string;
  /** receivedAt's calendar day in the deployment's time zone, set with it. */
  receivedOn: string;
}

const header = (request: CommandRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * What a weak entity tag in If-Match stands for: a revision no stream has, so the command's
 * precondition fails (412 with the current revision) as a mismatch does. If-Match compares
 * strongly (RFC 9110, 13.1.1): `W/"6"` never matches, not even revision 6.
 */
export const NEVER_MATCHES = -1;

/** `If-Match: "3"` (or `3`) is the revision the client last saw; a weak `W/"3"` matches nothing. */
export function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const match = /^\s*(W\/)?"?(\d{1,15})"?\s*$/.exec(value);
  if (!match) {
    throw new HttpProblem(400, 'REQUEST.INVALID_IF_MATCH', 'If-Match must be a revision number such as "3"', {
      errors: [{ field: 'If-Match', rule: 'isRevision', message: 'If-Match must be a revision number such as "3"' }],
    });
  }
  return match[1] ? NEVER_MATCHES : Number(match[2]);
}

export function commandContextOf(request: CommandRequest): CommandContext {
  const idempotencyKey = header(request, 'idempotency-key');
  const expectedRevision = parseIfMatch(header(request, 'if-match'));
  return {
    principal: request.principal,
    correlationId: acceptableId(request.headers['x-correlation-id']) ?? request.id ?? randomUUID(),
    causationId: request.id ?? randomUUID(),
    now: request.receivedAt,
    today: request.receivedOn,
    ...(expectedRevision !== undefined ? { expectedRevision } : {}),
    ...(idempotencyKey ? { idempotencyKey } : {}),
    ...(request.commandKey ? { commandKey: request.commandKey } : {}),
  };
}

/** The command context of a request: principal, correlation, If-Match and Idempotency-Key. */
export const CommandCtx = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext =>
  commandContextOf(context.switchToHttp().getRequest<CommandRequest>()),
);
