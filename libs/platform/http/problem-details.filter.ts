import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '#libs/platform/domain/index.js';
import { PreconditionFailedError } from '#libs/platform/command-handling/command-context.js';
import { ConcurrencyError } from '#libs/platform/event-store/index.js';
import { HttpProblem } from './problem.js';

const DOMAIN_STATUS = { rule: 422, not_found: 404, conflict: 409 } as const;

/** Fastify's own errors (body parsing, limits, content types) carry a code and a status code. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQUEST.BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'REQUEST.INVALID_CONTENT_LENGTH',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'REQUEST.EMPTY_JSON_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'REQUEST.MALFORMED_JSON',
};

const HTTP_CODES: Record<number, string> = {
  404: 'HTTP.NOT_FOUND',
  405: 'HTTP.METHOD_NOT_ALLOWED',
  413: 'REQUEST.BODY_TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
};

/**
 * Maps every error to RFC 9457 problem+json once: domain refusals, concurrency, validation,
 * framework and transport errors. Nothing else in the code catches to build a response, and no
 * stack trace leaves the server.
 */
export function toProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof DomainError) {
    return new HttpProblem(DOMAIN_STATUS[error.kind], error.code, error.message, error.details);
  }
  if (error instanceof PreconditionFailedError) {
    const current = error.actual ?? null;
    return new HttpProblem(
      412,
      'STREAM.REVISION_MISMATCH',
      `If-Match names revision ${error.expected} but the resource is at revision ${current ?? 'none'}`,
      { currentRevision: current },
      current === null ? {} : { etag: `"${current}"` },
    );
  }
  if (error instanceof ConcurrencyError) {
    return new HttpProblem(
      409,
      'STREAM.CONCURRENT_CHANGE',
      'The resource changed while the command ran; read it again and retry',
      {
        currentRevision: error.actual ?? null,
      },
    );
  }
  if (error instanceof SyntaxError && 'statusCode' in error) {
    return new HttpProblem(400, 'REQUEST.MALFORMED_JSON', 'The request body is not valid JSON');
  }
  const fastifyCode = (error as { code?: unknown })?.code;
  const statusCode = (error as { statusCode?: unknown })?.statusCode;
  if (typeof fastifyCode === 'string' && typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return new HttpProblem(
      statusCode,
      FASTIFY_CODES[fastifyCode] ?? `REQUEST.${fastifyCode}`,
      (error as Error).message,
    );
  }
  if (error instanceof HttpException) {
    // Nest wraps Fastify's transport errors (body limit, JSON parsing) in an HttpException.
    const cause = (error.cause as { code?: unknown } | undefined)?.code;
    const status = error.getStatus();
    if (status === 400 && (cause === 'FST_ERR_CTP_INVALID_JSON_BODY' || /not valid JSON/i.test(error.message))) {
      return new HttpProblem(400, 'REQUEST.MALFORMED_JSON', 'The request body is not valid JSON');
    }
    const code = (typeof cause === 'string' && FASTIFY_CODES[cause]) || HTTP_CODES[status];
    if (code) return new HttpProblem(status, code, status === 404 ? 'No such resource' : error.message);
    const name = error.constructor.name
      .replace(/Exception$/, '')
      .replace(/([a-z])([A-Z])/g, '$1_$2')
      .toUpperCase();
    return new HttpProblem(status, `HTTP.${name || 'ERROR'}`, error.message);
  }
  return new HttpProblem(500, 'SERVER.UNEXPECTED', 'An unexpected error occurred; it has been logged');
}

declare module 'fastify' {
  interface FastifyReply {
    /** The code of the problem this reply sends (for the commands metric), else null. */
    problemCode: string | null;
  }
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: HttpProblem): void {
  reply.problemCode = problem.code;
  void reply
    .status(problem.status)
    .headers(problem.headers)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send(problem.body(request.url.split('?')[0]));
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const problem = toProblem(error);
    if (problem.status >= 500)
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    sendProblem(http.getResponse<FastifyReply>(), http.getRequest<FastifyRequest>(), problem);
  }
}
