import type { Duplex } from 'node:stream';
import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '#libs/platform/domain/index.js';
import { PreconditionFailedError } from '#libs/platform/command-handling/command-context.js';
import { ConcurrencyError } from '#libs/platform/event-store/index.js';
import { HttpProblem, titleFor } from './problem.js';

const DOMAIN_STATUS = { rule: 422, not_found: 404, conflict: 409 } as const;

/** Fastify's own errors (body parsing, limits, content types) carry a code and a status code. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQUEST.BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'REQUEST.INVALID_CONTENT_LENGTH',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'REQUEST.EMPTY_JSON_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'REQUEST.MALFORMED_JSON',
  FST_ERR_MAX_PARAM_LENGTH: 'REQUEST.URI_TOO_LONG',
  FST_ERR_BAD_URL: 'REQUEST.BAD_URL',
};

/** Fastify's message for these repeats the client's URL: a fixed detail instead. */
const FASTIFY_DETAILS: Record<string, string> = {
  FST_ERR_MAX_PARAM_LENGTH: 'A path segment is longer than any id this API uses',
  FST_ERR_BAD_URL: 'The URL holds a percent-encoding that does not decode',
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
      error.expected < 0
        ? `If-Match holds a weak tag, which never matches; the resource is at revision ${current ?? 'none'}`
        : `If-Match names revision ${error.expected} but the resource is at revision ${current ?? 'none'}`,
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
      FASTIFY_DETAILS[fastifyCode] ?? (error as Error).message,
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

/**
 * Writes a problem as the reply. `instance` is the request's path unless told otherwise (the
 * router's own refusals leave it out: their path is what was wrong with the request). Headers set
 * for the answer the problem replaces (a CSV's Content-Disposition) are dropped.
 */
export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  problem: HttpProblem,
  { instance = true }: { instance?: boolean } = {},
): void {
  reply.problemCode = problem.code;
  void reply
    .removeHeader('content-disposition')
    .status(problem.status)
    .headers(problem.headers)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send(problem.body(instance ? request.url.split('?')[0] : undefined));
}

/**
 * Errors Node's HTTP parser meets before there is a request (headers too large, a malformed
 * request line or header, a request that took too long): a problem written on the socket itself.
 */
export function clientErrorProblem(error: { code?: string }): HttpProblem {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new HttpProblem(431, 'REQUEST.HEADERS_TOO_LARGE', 'The request line and headers are too large');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new HttpProblem(408, 'REQUEST.TIMEOUT', 'The request was not received in time');
    default:
      return new HttpProblem(400, 'REQUEST.MALFORMED', 'The request is not well-formed HTTP/1.1');
  }
}

export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // A reset connection has nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const problem = clientErrorProblem(error);
    const body = JSON.stringify(problem.body());
    socket.write(
      `HTTP/1.1 ${problem.status} ${titleFor(problem.status)}\r\n` +
        'content-type: application/problem+json; charset=utf-8\r\n' +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const problem = toProblem(error);
    const request = http.getRequest<FastifyRequest>();
    if (error instanceof HttpProblem && problem.status === 503) {
      // A deliberate "not now" (a read model behind, the identity provider away): the client retries
      // after Retry-After; an operator wants it counted, not a stack per request.
      this.logger.warn({ reqId: request.id, code: problem.code, msg: problem.detail });
    } else if (problem.status >= 500) {
      const err = error instanceof Error ? error : new Error(String(error));
      // The request's id, whether or not a logger is bound to the request (see logging.ts).
      this.logger.error({ reqId: request.id, err, msg: err.stack ?? err.message });
    }
    sendProblem(http.getResponse<FastifyReply>(), request, problem);
  }
}
