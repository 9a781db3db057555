import { Inject, Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { FEED_RELAY_NAME } from '#libs/platform/event-feed/feed-relay.js';
import { EVENT_STORE, openSqliteConnections, type EventStore } from '#libs/platform/event-store/index.js';
import { IDEMPOTENCY_STORE, type IdempotencyStore } from '#libs/platform/http/index.js';
import { PROJECTION_RUNNER, type ProjectionRunner, type ProjectionStatus } from '#libs/platform/read-store/index.js';
import { isRunning, lagOf } from './readiness.js';

interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}
const hasPool = (store: unknown): store is { poolStats(): PoolStats } =>
  typeof (store as { poolStats?: unknown })?.poolStats === 'function';

const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Marks the hook this adds to a route, so that a route copied with its hooks (HEAD) gets no second one. */
const OBSERVES = Symbol('observes-requests');
type OnResponse = (request: FastifyRequest, reply: FastifyReply, done: () => void) => void;

/** The feed relay publishes the events to Kafka; it runs like a projection, named kafka-relay by default. */
const isRelay = (name: string): boolean => name === FEED_RELAY_NAME || name.endsWith('-relay');

/**
 * Prometheus metrics of this process, in the text exposition format at GET /metrics. Label
 * values are route templates, problem codes and projection names, never a URL or anything a
 * client typed: no personal data. Counters and histograms are updated by one hook per route
 * (children cached per route, so a request allocates no label objects); lags, pools and
 * connections are read when Prometheus scrapes.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly commands: Counter<'command' | 'outcome'>;
  private readonly requestDuration: Histogram<'method' | 'route' | 'status'>;
  private scrape: Promise<{ head: number; projections: ProjectionStatus[] }> | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(IDEMPOTENCY_STORE) private readonly idempotency: IdempotencyStore,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.commands = new Counter({
      name: 'jejak_commands_total',
      help: 'Commands (POST, PUT, PATCH, DELETE requests) by route template and outcome: ok, else the problem code',
      labelNames: ['command', 'outcome'],
      registers,
    });
    this.requestDuration = new Histogram({
      name: 'jejak_http_request_duration_seconds',
      help: 'Time from receiving a request to sending its response, by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });

    this.gauge('jejak_event_store_head_position', 'Position of the last event in the store', [], async (gauge) => {
      gauge.set((await this.positions()).head);
    });
    this.gauge(
      'jejak_projection_lag_events',
      'Events in the store a projection (read model, reactor or relay) has not handled yet: head minus checkpoint',
      ['projection'],
      async (gauge) => {
        const { head, projections } = await this.positions();
        for (const p of projections) gauge.set({ projection: p.name }, lagOf(head, p));
      },
    );
    this.gauge(
      'jejak_projection_running',
      '1 while a projection runs (live, catching up, rebuilding, followed), 0 while it is starting, failing or stopped',
      ['projection'],
      (gauge) => {
        for (const p of this.runner.status()) gauge.set({ projection: p.name }, isRunning(p) ? 1 : 0);
      },
    );
    this.gauge(
      'jejak_feed_relay_lag_events',
      'Events in the store the Kafka relay has not published yet (absent without KAFKA_BROKERS)',
      ['relay'],
      async (gauge) => {
        const { head, projections } = await this.positions();
        for (const p of projections) if (isRelay(p.name)) gauge.set({ relay: p.name }, lagOf(head, p));
      },
    );
    const pools = { events: this.store, idempotency: this.idempotency };
    const poolGauge = (name: string, help: string, read: (stats: PoolStats) => number) =>
      this.gauge(name, help, ['pool'], (gauge) => {
        for (const [pool, store] of Object.entries(pools))
          if (hasPool(store)) gauge.set({ pool }, read(store.poolStats()));
      });
    poolGauge('jejak_pg_pool_connections', 'PostgreSQL connections in a pool (pg Pool totalCount)', (s) => s.total);
    poolGauge(
      'jejak_pg_pool_idle_connections',
      'Idle PostgreSQL connections in a pool (pg Pool idleCount)',
      (s) => s.idle,
    );
    poolGauge(
      'jejak_pg_pool_waiting_clients',
      'Queries waiting for a PostgreSQL connection of a pool (pg Pool waitingCount)',
      (s) => s.waiting,
    );
    this.gauge(
      'jejak_sqlite_connections_open',
      'SQLite connections this process holds open, by database file',
      ['database'],
      (gauge) => {
        for (const [database, open] of openSqliteConnections()) gauge.set({ database }, open);
      },
    );
  }

  /** A gauge set when Prometheus scrapes (emptied first, so that a label that went away goes away too). */
  private gauge<T extends string>(
    name: string,
    help: string,
    labelNames: T[],
    read: (gauge: Gauge<T>) => void | Promise<void>,
  ): void {
    const gauge: Gauge<T> = new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      collect: async () => {
        gauge.reset();
        // A store that does not answer leaves its gauges empty; the other metrics still go out.
        await Promise.resolve()
          .then(() => read(gauge))
          .catch(() => undefined);
      },
    });
  }

  /** The head and the projections' checkpoints, read once per scrape however many gauges ask. */
  private positions(): Promise<{ head: number; projections: ProjectionStatus[] }> {
    this.scrape ??= this.store
      .headPosition()
      .then((head) => ({ head, projections: this.runner.status() }))
      .finally(() => (this.scrape = undefined));
    return this.scrape;
  }

  /**
   * Times every request of every route and counts commands: a hook on each route as Fastify
   * registers it, which knows the route's template. Call before the application initialises.
   */
  instrument(fastify: FastifyInstance): void {
    fastify.decorateReply('problemCode', null);
    fastify.addHook('onRoute', (route: RouteOptions) => {
      const hooks = route.onResponse === undefined ? [] : [route.onResponse].flat();
      if (hooks.some((hook) => OBSERVES in hook)) return;
      route.onResponse = [...hooks, this.observer(route)] as RouteOptions['onResponse'];
    });
  }

  private observer(route: RouteOptions): OnResponse {
    const template = route.url;
    const { requestDuration, commands } = this;
    // method -> status (or outcome) -> child: two lookups and no allocation once a pair is seen.
    const durations = new Map<string, Map<number, Histogram.Internal<'method' | 'route' | 'status'>>>();
    const outcomes = new Map<string, Map<string, Counter.Internal>>();
    const observe: OnResponse = (request, reply, done) => {
      const method = request.method;
      const status = reply.statusCode;
      let byStatus = durations.get(method);
      if (!byStatus) durations.set(method, (byStatus = new Map()));
      let duration = byStatus.get(status);
      if (!duration) byStatus.set(status, (duration = requestDuration.labels(method, template, String(status))));
      duration.observe(reply.elapsedTime / 1000);
      if (COMMAND_METHODS.has(method)) {
        const outcome = status < 400 ? 'ok' : (reply.problemCode ?? String(status));
        let byOutcome = outcomes.get(method);
        if (!byOutcome) outcomes.set(method, (byOutcome = new Map()));
        let counter = byOutcome.get(outcome);
        if (!counter) byOutcome.set(outcome, (counter = commands.labels(`${method} ${template}`, outcome)));
        counter.inc();
      }
      done();
    };
    return Object.assign(observe, { [OBSERVES]: true });
  }
}
