import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { ConsoleLogger, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '#libs/platform/config/index.js';
import { sendProblem, toProblem } from '#libs/platform/http/index.js';
import { AppModule } from './app.module.js';

const LOG_LEVELS = {
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  info: ['fatal', 'error', 'warn', 'log'],
  warn: ['fatal', 'error', 'warn'],
  error: ['fatal', 'error'],
} as const;

/** Builds the HTTP application (shared by main.ts and the tests). */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    logger: config.logLevel === 'debug' ? { level: 'info' } : false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new ConsoleLogger({ json: true, logLevels: [...LOG_LEVELS[config.logLevel]] }),
    abortOnError: false,
  });
  app.setGlobalPrefix('api/v1', { exclude: [{ path: 'health', method: RequestMethod.GET }] });
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  // Errors raised by Fastify before Nest sees the request (body limit, bad JSON, media type).
  fastify.setErrorHandler((error, request, reply) => sendProblem(reply, request, toProblem(error)));
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const document = SwaggerModule.createDocument(
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
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', useGlobalPrefix: false });
  await app.init();
  await fastify.ready();
  return app;
}
