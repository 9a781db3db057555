import { IncomingMessage, type ServerResponse } from 'node:http';
import { Module, type DynamicModule, type LoggerService } from '@nestjs/common';
import { LoggerModule, Logger as PinoNestLogger, PinoLogger, type Params } from 'nestjs-pino';
import { pino, type DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import type { AppConfig } from '#libs/platform/config/index.js';
import { requestIdOf } from '#libs/platform/http/request-id.js';
import { redactUrl, scrubLine } from './redact.js';

export interface LoggingOptions {
  level: AppConfig['logLevel'];
  /** Where the JSON lines go; standard output unless a test captures them. */
  destination?: DestinationStream;
}

type Request = IncomingMessage & { originalUrl?: string };

/** What a request line says of the request: its method and its URL with personal data taken out. */
const requestForLog = (req: Request) => ({ method: req.method, url: redactUrl(req.originalUrl ?? req.url ?? '') });
const SYNTHETIC_ERROR = /^failed with status code \d+$/;
const REQUEST_LINES = new Set<string>(['debug', 'trace']);

/**
 * pino through nestjs-pino and pino-http: JSON lines, at debug and trace one per request, each
 * carrying `reqId` (the id the response's X-Request-Id header names), as does every line logged
 * while the request is handled. Headers (so Authorization and cookies) and bodies are never
 * serialised, URLs lose their NIK/KK segments and query values, and any run of 16 digits left in
 * a line is replaced before it is written.
 *
 * Kept cheap for the requests of a level without request lines: pino-http binds a child logger
 * to each request, where `req` serialises to nothing; the request line describes the request.
 */
export function loggingParams({ level, destination }: LoggingOptions): Params {
  const options: Options<Request> = {
    level,
    wrapSerializers: false,
    serializers: {
      // A raw request (pino-http's per-request binding) says nothing; the request line says it once.
      req: (req: unknown) => (req instanceof IncomingMessage ? undefined : req),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      err: pino.stdSerializers.err,
    },
    hooks: { streamWrite: scrubLine },
    quietReqLogger: true,
    // Request lines exist at debug and trace only: above, a 5xx is logged by the exception
    // filter (with the same reqId), and no listener per request is needed. Nest mounts the
    // middleware twice on routes excluded from the global prefix (/health as /health and
    // /health/), so pino-http may meet a request twice: it logs it once.
    autoLogging: REQUEST_LINES.has(level) && { ignore: (req) => req.allLogs.length > 1 },
    genReqId: (req) => req.id ?? requestIdOf(req.headers),
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'debug'),
    customSuccessObject: (req, _res, value: object) => ({ req: requestForLog(req), ...value }),
    // A 5xx without a thrown error gets pino-http's made-up error, whose stack says nothing: the
    // real one is on the line the exception filter logs with the same reqId.
    customErrorObject: (req, _res, error, value: object) => ({
      req: requestForLog(req),
      ...value,
      ...(SYNTHETIC_ERROR.test(error.message) ? { err: undefined } : {}),
    }),
  };
  // Above debug no request line is written, and binding a logger to each request (an
  // AsyncLocalStorage scope, a child logger) was a sixth of a command's CPU: the middleware runs
  // only where request lines are written. A 5xx is logged by the exception filter with its reqId.
  const perRequest = REQUEST_LINES.has(level) ? {} : { forRoutes: [] };
  return { pinoHttp: destination ? [options, destination] : options, ...perRequest } as Params;
}

export interface Logging {
  /** LoggerModule.forRoot: the request logging middleware and the Logger that app.useLogger takes. */
  module: DynamicModule;
  /** The same pino logger as a Nest LoggerService, for what is logged before the application exists. */
  logger: LoggerService;
}

/**
 * The process's logger. nestjs-pino builds one pino instance per process (its first params win),
 * so build this once, at the entry point.
 */
export function createLogging(options: LoggingOptions): Logging {
  const params = loggingParams(options);
  return { module: LoggerModule.forRoot(params), logger: new PinoNestLogger(new PinoLogger(params), params) };
}

@Module({})
class LoggedApplication {}

/** The application's root module with the logger registered beside it, once, as nestjs-pino requires. */
export function withLogging(application: DynamicModule, logging: Logging): DynamicModule {
  return { module: LoggedApplication, imports: [logging.module, application] };
}
