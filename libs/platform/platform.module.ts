import {
  Global,
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { ACCESS_LOG, AccessLogInterceptor } from './access-log/index.js';
import type { Adapters } from './adapters.js';
import { AuthGuard, JWT_SECRET, resolveJwtSecret } from './auth/index.js';
import { CLOCK, ReceiptClock } from './clock.js';
import { CommandExecutor, Reservations, Revocations } from './command-handling/index.js';
import { APP_CONFIG, type AppConfig } from './config/index.js';
import { EVENT_STORE } from './event-store/index.js';
import { KEYRING } from './crypto-shredding/index.js';
import { StreamReader } from './streams/index.js';
import { AdminController } from './admin.http.controller.js';
import { HealthController } from './health.http.controller.js';
import { Metrics, MetricsController } from './observability/index.js';
import {
  IDEMPOTENCY_STORE,
  IdempotencyInterceptor,
  ProblemDetailsFilter,
  ReceivedAtInterceptor,
  RevisionEtagInterceptor,
  createValidationPipe,
} from './http/index.js';
import type { PrivacyPolicy } from './domain/index.js';
import { PiiFreeView, Pseudonyms, resolvePseudonymKey } from './privacy/index.js';
import {
  PROJECTION_RUNNER,
  ProjectionRunner,
  ProjectorThread,
  READ_DATABASE,
  type Projection,
} from './read-store/index.js';

export interface CommandServices {
  executor: CommandExecutor;
  reader: StreamReader;
}

export interface PlatformOptions {
  config: AppConfig;
  /** Opened by the caller (openAdapters), closed by this module on shutdown. */
  adapters: Adapters;
  /** What PII-free readers may see of each event (libs/privacy): every PII-free path redacts by it. */
  privacy: PrivacyPolicy;
  /**
   * Projections and reactors (a reactor reads streams and issues commands, so it gets both; the
   * Kafka relay redacts with the PII-free view).
   */
  projections: (services: CommandServices, piiFree: PiiFreeView) => readonly Projection[];
  /**
   * The module a worker thread runs to serve this application's projections (it calls
   * `serveAsProjectorThread`), used when the configuration asks for a projector thread.
   */
  projectorThread?: URL;
}

/**
 * Stores, auth, the command path, error mapping and the projection runner, wired from the
 * configuration. Capabilities import nothing of this but the tokens and classes they inject.
 */
export const ADAPTERS = Symbol('ADAPTERS');
const PROJECTOR_THREAD = Symbol('PROJECTOR_THREAD');

@Global()
@Module({})
export class PlatformModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Platform');
  private thread: ProjectorThread | undefined;

  constructor(
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(ADAPTERS) private readonly adapters: Adapters,
    @Inject(PROJECTOR_THREAD) private readonly threadScript: URL | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  static forRoot({ config, adapters, privacy, projections, projectorThread }: PlatformOptions): DynamicModule {
    // PROJECTOR_THREAD: this thread follows the checkpoints of a worker that runs the projections.
    const threadScript = config.runProjections && config.projectorThread && projectorThread ? projectorThread : null;
    // With an OIDC provider no local token is accepted: no secret to make or read.
    const secret = config.tokens.jwksUrl
      ? ''
      : resolveJwtSecret(config.jwtSecret, config.dataDir, (m) => new Logger('Auth').warn(m));
    const pseudonymKey = resolvePseudonymKey(config.pseudonymKey, config.dataDir, (m) => new Logger('Privacy').warn(m));
    const piiFree = new PiiFreeView(privacy, new Pseudonyms(pseudonymKey));
    const reader = new StreamReader(adapters.eventStore);
    adapters.keyring.onErased(() => reader.forgetSnapshots());
    const executor = new CommandExecutor(adapters.eventStore, reader);
    const receipt = new ReceiptClock(adapters.clock);
    const runner = new ProjectionRunner(
      adapters.eventStore,
      adapters.readDatabase,
      projections({ executor, reader }, piiFree),
      {
        mode: config.runProjections && !threadScript ? 'run' : 'observe',
        liveBatchMs: config.projectionLiveBatchMs,
        rebuildHeldRows: config.rebuildHeldRows,
        // The projector thread reports every batch; polling the checkpoints is only a safety net then.
        ...(threadScript ? { observeIntervalMs: 1_000 } : {}),
      },
    );
    return {
      module: PlatformModule,
      // Terminus logs nothing itself: a failing projection is logged by the runner, not at every probe.
      imports: [CqrsModule.forRoot(), TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController, MetricsController, AdminController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: ADAPTERS, useValue: adapters },
        { provide: PROJECTOR_THREAD, useValue: threadScript },
        { provide: CLOCK, useValue: receipt },
        { provide: ReceiptClock, useValue: receipt },
        { provide: EVENT_STORE, useValue: adapters.eventStore },
        { provide: IDEMPOTENCY_STORE, useValue: adapters.idempotency },
        { provide: READ_DATABASE, useValue: adapters.readDatabase },
        { provide: ACCESS_LOG, useValue: adapters.accessLog },
        { provide: KEYRING, useValue: adapters.keyring },
        { provide: PROJECTION_RUNNER, useValue: runner },
        { provide: JWT_SECRET, useValue: secret },
        { provide: PiiFreeView, useValue: piiFree },
        { provide: StreamReader, useValue: reader },
        { provide: CommandExecutor, useValue: executor },
        Reservations,
        Revocations,
        Metrics,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: ReceivedAtInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: RevisionEtagInterceptor },
        { provide: APP_INTERCEPTOR, useClass: AccessLogInterceptor },
      ],
      exports: [
        APP_CONFIG,
        CLOCK,
        ReceiptClock,
        EVENT_STORE,
        IDEMPOTENCY_STORE,
        READ_DATABASE,
        ACCESS_LOG,
        KEYRING,
        PROJECTION_RUNNER,
        JWT_SECRET,
        PiiFreeView,
        { provide: StreamReader, useValue: reader },
        { provide: CommandExecutor, useValue: executor },
        Reservations,
        Revocations,
        Metrics,
      ],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
    if (this.threadScript) {
      // The worker opens the same stores itself; what it runs is this configuration without the thread.
      const workerConfig: AppConfig = { ...this.config, projectorThread: false };
      this.thread = await ProjectorThread.start(
        this.threadScript,
        { config: workerConfig },
        this.runner,
        this.adapters.eventStore,
      );
    }
    this.logger.log(
      `Projections started${this.thread ? ' in a worker thread' : ''}: ${this.runner
        .status()
        .map((p) => p.name)
        .join(', ')}`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.thread?.stop();
    await this.runner.stop();
    await this.adapters.close();
  }
}
