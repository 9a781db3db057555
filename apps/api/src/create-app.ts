import 'reflect-metadata';
import type { IncomingHttpHeaders, IncomingMessage, ServerOptions, ServerResponse } from 'node:http';
import rateLimit from '@fastify/rate-limit';
import { Logger, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet, { type HelmetOptions } from 'helmet';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '#libs/platform/config/index.js';
import {
  HttpProblem,
  ProblemDto,
  addValidationRules,
  completeDocument,
  RateLimitGuard,
  answerClientError,
  checkBodyShape,
  requestIdOf,
  sendProblem,
  toProblem,
} from '#libs/platform/http/index.js';
import { openAdapters, type AdapterOptions } from '#libs/platform/index.js';
import { Metrics, createLogging, withLogging } from '#libs/platform/observability/index.js';
import { PERSONAL_DATA_AT_REST } from '#libs/privacy/index.js';
import { IMPORT_UPLOAD_ROUTE } from '#libs/intake/index.js';
import { AppModule } from './app.module.js';
import { PROBLEM_CODES } from './problem-codes.js';

/** Operations routes and the dashboard's page, served outside /api/v1 and without a token. */
const OPERATIONS_ROUTES = ['health', 'health/live', 'health/ready', 'metrics', 'dashboard', 'dashboard/:asset'];

export interface CreateAppOptions extends AdapterOptions {
  /** Where the log lines go (standard output by default); tests capture them here. */
  logDestination?: DestinationStream;
}

/**
 * Node checks request timeouts on a timer (every 30 s by default, so a 30 s limit could take a
 * minute to bite): every quarter of the limit here, between 250 ms and 5 s. Headers get the
 * whole request's time at most.
 */
function serverTimeouts(requestTimeoutMs: number): ServerOptions {
  if (requestTimeoutMs === 0) return {};
  return {
    headersTimeout: Math.min(requestTimeoutMs, 60_000),
    connectionsCheckingInterval: Math.min(Math.max(Math.floor(requestTimeoutMs / 4), 250), 5_000),
  };
}

/**
 * The headers helmet sets for `options`, worked out once: they depend on no request (no CSP
 * nonces here). @fastify/helmet built helmet's middleware anew for every request, options parsed
 * and all: 3 % of the request thread's time at 64 connections.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return headers;
}

/** Builds the HTTP application (shared by main.ts and the tests; only tests pass options: a clock, a log destination). */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    // A slow or stalled client is cut off (408 problem+json): Fastify's defaults wait forever.
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.connectionTimeoutMs,
    // An idle keep-alive connection is closed after the same time (Fastify's default is 72 s).
    ...(config.connectionTimeoutMs > 0 ? { keepAliveTimeout: config.connectionTimeoutMs } : {}),
    http: serverTimeouts(config.requestTimeoutMs),
    // The caller's X-Request-Id (or X-Correlation-Id) when it is a sane id, else a new UUID.
    genReqId: (raw: { headers: IncomingHttpHeaders }) => requestIdOf(raw.headers),
    // pino-http (nestjs-pino) logs the requests.
    logger: false,
    // What Node's parser and Fastify's router refuse before any hook runs is problem+json too.
    clientErrorHandler: answerClientError,
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) =>
      sendProblem(reply, request, toProblem(error), { instance: false }),
  });
  const logging = createLogging({ level: config.logLevel, destination: options.logDestination });
  // Before the modules are built, so that what they log while wiring is structured too.
  Logger.overrideLogger(logging.logger);
  const app = await NestFactory.create<NestFastifyApplication>(
    withLogging(AppModule.forRoot(config, await openAdapters(config, PERSONAL_DATA_AT_REST, options)), logging),
    adapter,
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(PinoNestLogger));
  app.setGlobalPrefix('api/v1', {
    exclude: OPERATIONS_ROUTES.map((path) => ({ path, method: RequestMethod.GET })),
  });
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  // helmet's headers on every response (nosniff, frame and referrer policies, HSTS, a CSP). Its
  // default CSP suits the Swagger UI at /docs (own scripts, an inline <style>, data: icons), less
  // upgrade-insecure-requests, which would break /docs served over plain HTTP on a local network.
  const security = securityHeaders({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(security);
    done();
  });
  if (RateLimitGuard.isOn(config.rateLimit)) {
    // Counted by @fastify/rate-limit, applied by a guard that runs after the AuthGuard (per principal).
    await app.register(rateLimit, { global: false });
    app.useGlobalGuards(new RateLimitGuard(fastify, config.rateLimit));
  }
  // Before app.init() registers the routes: each route gets its request-duration and command counters.
  app.get(Metrics).instrument(fastify);
  // A DTKS extract is uploaded as text/csv, to its route only and under its own limit (ADR 0015).
  fastify.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: config.importLimitBytes },
    (_request, body, done) => done(null, body),
  );
  // Any other route is refused before its body is read, so the larger limit serves the upload only.
  fastify.addHook('onRequest', async (request, reply) => {
    const route = request.routeOptions.url;
    if (
      route === undefined ||
      route === IMPORT_UPLOAD_ROUTE ||
      !/^text\/csv\s*(;|$)/i.test(request.headers['content-type'] ?? '')
    )
      return;
    if (!['POST', 'PUT', 'PATCH'].includes(request.method)) return;
    sendProblem(
      reply,
      request,
      new HttpProblem(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json'),
    );
    return reply;
  });
  // Commands take JSON only; anything else is refused before it reaches a controller.
  fastify.addHook('preValidation', async (request, reply) => {
    if (!['POST', 'PUT', 'PATCH'].includes(request.method) || request.body === undefined) return;
    const type = request.headers['content-type'] ?? '';
    if (request.routeOptions.url === IMPORT_UPLOAD_ROUTE) {
      if (/^text\/csv\s*(;|$)/i.test(type)) return;
      sendProblem(
        reply,
        request,
        new HttpProblem(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send the extract as text/csv'),
      );
      return reply;
    }
    if (!/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type)) {
      sendProblem(
        reply,
        request,
        new HttpProblem(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json'),
      );
      return reply;
    }
    // Depth, list lengths and property counts are bounded before the DTO classes see the body.
    const shape = checkBodyShape(request.body);
    if (shape) {
      sendProblem(reply, request, shape);
      return reply;
    }
  });
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // Everything under /api/v1 may hold personal data (reports too, for simplicity): never stored
    // by a browser or a proxy. The operations routes and /docs may be cached.
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  const built = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Jejak API')
      .setDescription(
        'Event-sourced case management for social-welfare programmes. Commands answer {id, revision, position}; ' +
          'send revision back as If-Match, position as ?minPosition= to read your own write. Errors are RFC 9457 problem+json.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
    { extraModels: [ProblemDto] },
  );
  const document = completeDocument(addValidationRules(built), PROBLEM_CODES);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', useGlobalPrefix: false });
  await app.init();
  await fastify.ready();
  return app;
}
