import { isAbsolute, resolve } from 'node:path';
import { kafkaSettings, poolSizes, type KafkaSettings, type PoolSizes } from './deploy-config.js';
import { budgetConfig, type BudgetConfig } from './budget-config.js';
import { complaintDueDays } from './complaint-config.js';
import type { ComplaintCategory } from '#libs/reference-data/index.js';
import { tokenConfig, type TokenConfig } from './token-config.js';
import { REBUILD_HELD_ROWS } from '#libs/platform/read-store/batch-fold.js';

export { connectionsPerProcess, type KafkaSettings, type PoolSizes } from './deploy-config.js';

export * from './budget-config.js';
export { formatDuration, parseDurationSeconds, type TokenConfig } from './token-config.js';

/** Every setting the service reads, parsed and checked once at start (see .env.example). */
export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  jwtSecret: string | undefined;
  /** The key of person and household pseudonyms; unset: data/pseudonym-key, made on first start. */
  pseudonymKey: string | undefined;
  eventStore: 'sqlite' | 'postgres' | 'kurrentdb';
  readStore: 'sqlite' | 'postgres';
  databaseUrl: string | undefined;
  /** PostgreSQL schema for the events, read models and idempotency keys. */
  databaseSchema: string;
  /** How long a process waits for PostgreSQL at start (back-off up to 5 s) before it gives up. */
  databaseWaitSeconds: number;
  /** false: this process serves the API only and follows the checkpoints of apps/projector. */
  runProjections: boolean;
  /**
   * With runProjections: the projections run in a worker thread of this process (apps/projector's
   * code on connections of its own) instead of on the thread that serves requests.
   */
  projectorThread: boolean;
  /** Once live, how long the projections let appends gather before they read them (0: at each append). */
  projectionLiveBatchMs: number;
  /** The rows a read model's rebuild may keep in memory from batch to batch (ADR 0017, tenth round). */
  rebuildHeldRows: number;
  kafkaTopicPrefix: string;
  /** Idempotent producer (on by default; librdkafka's mock cluster in tests cannot do it). */
  kafkaIdempotent: boolean;
  /** Where the example reporting job keeps its outcome summary. */
  reportingJobStateFile: string;
  /** Whether Kafka messages may carry NIK, names and addresses. */
  kafkaIncludePii: boolean;
  kurrentdbConnectionString: string | undefined;
  kafkaBrokers: string[];
  /** Retries, waiting at start, shutdown, and the topics' settings. */
  kafka: KafkaSettings;
  /** PostgreSQL connections per pool of this process. */
  pgPools: PoolSizes;
  /** debug and trace add a line per request (never its body, headers or personal data). */
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  /** Bearer token a Prometheus scraper sends to GET /metrics; unset: /metrics is public. */
  metricsToken: string | undefined;
  bodyLimitBytes: number;
  /** Largest DTKS extract POSTed as text/csv to /imports (ADR 0015): about 110 bytes a row. */
  importLimitBytes: number;
  /** Days an import job's row report keeps the KK, NIK and name of the rows not registered (ADR 0015). */
  importReportRetentionDays: number;
  /** Longest a client may take to send a whole request, headers and body (0: no limit). */
  requestTimeoutMs: number;
  /** Longest a connection may sit idle, mid-request or kept alive between requests (0: Node's defaults). */
  connectionTimeoutMs: number;
  readWaitTimeoutMs: number;
  /** How long a break-the-glass opening lasts. */
  breakGlassHours: number;
  /** Days after which a closed household is listed for erasure review; null: never (ADR 0010). */
  retentionClosedDays: number | null;
  /** Requests per principal (token subject; else client address) and window; 0 turns a limit off. */
  rateLimit: { windowSeconds: number; commands: number; reads: number };
  sqliteSynchronous: 'FULL' | 'NORMAL';
  timeZone: string;
  kube: { minMembers: number; maxMembers: number };
  /** Days a complaint of each category may stay open before it is overdue (ADR 0014). */
  complaintDueDays: Record<ComplaintCategory, number>;
  /** Minutes between sweeps that escalate overdue complaints, in each API process; 0: none (ADR 0014). */
  complaintEscalationSweepMinutes: number;
  /** Days after a PKH stage verified as not compliant that a home visit falls due; 0: no visit by rule (ADR 0018). */
  casework: { visitAfterNonComplianceDays: number };
  /** A PKH disbursement batch above this many rupiah needs a second approver, an admin (ADR 0013). */
  pkhBatchSecondApprovalAbove: number;
  povertyTarget: {
    baselinePersons: number;
    baselineRatePercent: number;
    /** The year the baseline counts, and who counted it. */
    baselineYear: number;
    baselineSource: string;
    targetReductionPercent: number;
  };
  budget: BudgetConfig;
  /** A month's report may be closed from this day of the next month on (the ministry's cut-off). */
  periodCloseCutoffDay: number;
  /** Bearer tokens: HS256 with jwtSecret, or, when jwksUrl is set, the identity provider's only. */
  tokens: TokenConfig;
  /** The access log writes its buffer when it holds batchSize reads or flushIntervalMs after the first. */
  accessLog: { flushIntervalMs: number; batchSize: number };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

/** Reads the environment once; reports every wrong variable together, each with what it expects. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}=${raw}: expected a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T, hint = ''): T => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name}=${raw}: expected one of ${allowed.join(', ')}${hint}`);
      return fallback;
    }
    return raw as T;
  };

  const decimal = (name: string, fallback: number): number => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0 || value > 100) {
      problems.push(`${name}=${raw}: expected a percentage from 0 to 100`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    if (raw === 'true' || raw === 'false') return raw === 'true';
    problems.push(`${name}=${raw}: expected true or false`);
    return fallback;
  };
  const jwtSecret = text('JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    problems.push('JWT_SECRET: expected at least 32 characters (HS256 needs a 256-bit key)');
  }
  const pseudonymKey = text('JEJAK_PSEUDONYM_KEY');
  if (pseudonymKey !== undefined && pseudonymKey.length < 32) {
    problems.push('JEJAK_PSEUDONYM_KEY: expected at least 32 characters (a guessable key makes pseudonyms reversible)');
  }
  const metricsToken = text('METRICS_TOKEN');
  if (metricsToken !== undefined && !/^[\x21-\x7e]{16,}$/.test(metricsToken)) {
    problems.push('METRICS_TOKEN: expected at least 16 printable characters without spaces');
  }
  const kafkaBrokers = (text('KAFKA_BROKERS') ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  for (const broker of kafkaBrokers) {
    if (!/^[^\s:]+:\d{1,5}$/.test(broker)) problems.push(`KAFKA_BROKERS: "${broker}" is not host:port`);
  }
  const timeZone = text('JEJAK_TIME_ZONE') ?? 'Asia/Jakarta';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    problems.push(`JEJAK_TIME_ZONE=${timeZone}: not an IANA time zone`);
  }
  const dataDir = text('JEJAK_DATA_DIR') ?? './data';
  const tokens = tokenConfig(text, int, problems);

  const config: AppConfig = {
    port: int('PORT', 3000, 0, 65535),
    host: text('HOST') ?? '0.0.0.0',
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(dataDir),
    jwtSecret,
    pseudonymKey,
    eventStore: oneOf('EVENT_STORE', ['sqlite', 'postgres', 'kurrentdb'] as const, 'sqlite'),
    readStore: oneOf('READ_STORE', ['sqlite', 'postgres'] as const, 'sqlite'),
    databaseUrl: text('DATABASE_URL'),
    databaseSchema: text('DATABASE_SCHEMA') ?? 'public',
    databaseWaitSeconds: int('DATABASE_WAIT_SECONDS', 60, 0, 3600),
    runProjections: bool('RUN_PROJECTIONS', true),
    projectorThread: bool('PROJECTOR_THREAD', false),
    projectionLiveBatchMs: int('PROJECTION_LIVE_BATCH_MS', 0, 0, 1_000),
    rebuildHeldRows: int('REBUILD_HELD_ROWS', REBUILD_HELD_ROWS, 0, 100_000_000),
    kafkaTopicPrefix: text('KAFKA_TOPIC_PREFIX') ?? 'jejak',
    kafkaIncludePii: bool('KAFKA_INCLUDE_PII', false),
    kafkaIdempotent: bool('KAFKA_IDEMPOTENT', true),
    reportingJobStateFile: resolve(text('REPORTING_JOB_STATE_FILE') ?? resolve(dataDir, 'reporting-job.json')),
    kurrentdbConnectionString: text('KURRENTDB_CONNECTION_STRING'),
    kafkaBrokers,
    kafka: kafkaSettings(int, bool, problems),
    pgPools: poolSizes(int),
    logLevel: oneOf('LOG_LEVEL', ['trace', 'debug', 'info', 'warn', 'error'] as const, 'info'),
    metricsToken,
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 262_144, 1_024, 16_777_216),
    importLimitBytes: int('IMPORT_LIMIT_BYTES', 16_777_216, 1_024, 268_435_456),
    importReportRetentionDays: int('IMPORT_REPORT_RETENTION_DAYS', 30, 1, 3_650),
    requestTimeoutMs: int('REQUEST_TIMEOUT_MS', 30_000, 0, 600_000),
    connectionTimeoutMs: int('CONNECTION_TIMEOUT_MS', 60_000, 0, 600_000),
    readWaitTimeoutMs: int('READ_WAIT_TIMEOUT_MS', 5_000, 0, 60_000),
    breakGlassHours: int('BREAK_GLASS_HOURS', 3, 1, 72),
    retentionClosedDays:
      text('JEJAK_RETENTION_CLOSED_DAYS') === undefined ? null : int('JEJAK_RETENTION_CLOSED_DAYS', 0, 1, 36_500),
    rateLimit: {
      windowSeconds: int('RATE_LIMIT_WINDOW_SECONDS', 60, 1, 3_600),
      commands: int('RATE_LIMIT_COMMANDS', 600, 0, 1_000_000),
      reads: int('RATE_LIMIT_READS', 1_200, 0, 1_000_000),
    },
    sqliteSynchronous: oneOf('SQLITE_SYNCHRONOUS', ['FULL', 'NORMAL'] as const, 'FULL'),
    timeZone,
    kube: { minMembers: int('KUBE_MIN_MEMBERS', 5, 2, 100), maxMembers: int('KUBE_MAX_MEMBERS', 20, 2, 500) },
    complaintDueDays: complaintDueDays(text('COMPLAINT_DUE_DAYS'), problems),
    complaintEscalationSweepMinutes: int('COMPLAINT_ESCALATION_SWEEP_MINUTES', 60, 0, 1_440),
    casework: { visitAfterNonComplianceDays: int('CASEWORK_VISIT_AFTER_NON_COMPLIANCE_DAYS', 30, 0, 365) },
    pkhBatchSecondApprovalAbove: int('PKH_BATCH_SECOND_APPROVAL_ABOVE', 500_000_000, 0, Number.MAX_SAFE_INTEGER),
    povertyTarget: {
      baselinePersons: int('POVERTY_BASELINE_PERSONS', 137_000, 1, 1_000_000_000),
      baselineRatePercent: decimal('POVERTY_BASELINE_RATE_PERCENT', 5.33),
      baselineYear: int('POVERTY_BASELINE_YEAR', 2024, 2000, 2100),
      baselineSource: text('POVERTY_BASELINE_SOURCE') ?? 'BPS Kota Bekasi',
      targetReductionPercent: decimal('POVERTY_TARGET_REDUCTION_PERCENT', 5),
    },
    budget: budgetConfig(
      int('BUDGET_ALLOCATION_RUPIAH', 4_700_000_000, 0, Number.MAX_SAFE_INTEGER),
      text('BUDGET_SOURCES'),
      text('BUDGET_FUNDING'),
      problems,
    ),
    periodCloseCutoffDay: int('PERIOD_CLOSE_CUTOFF_DAY', 25, 1, 28),
    tokens,
    accessLog: {
      flushIntervalMs: int('ACCESS_LOG_FLUSH_INTERVAL_MS', 250, 1, 60_000),
      batchSize: int('ACCESS_LOG_BATCH_SIZE', 500, 1, 10_000),
    },
  };
  if ((config.eventStore === 'postgres' || config.readStore === 'postgres') && !config.databaseUrl) {
    problems.push('DATABASE_URL: required when EVENT_STORE or READ_STORE is postgres (postgres://user@host:5432/db)');
  }
  if (config.databaseUrl && !/^postgres(ql)?:\/\//.test(config.databaseUrl)) {
    problems.push('DATABASE_URL: expected a postgres:// connection string');
  }
  if (!/^[a-z_][a-z0-9_]*$/.test(config.databaseSchema)) {
    problems.push(`DATABASE_SCHEMA=${config.databaseSchema}: expected a lower-case SQL identifier`);
  }
  if (config.eventStore === 'kurrentdb' && !config.kurrentdbConnectionString) {
    problems.push(
      'KURRENTDB_CONNECTION_STRING: required when EVENT_STORE is kurrentdb (kurrentdb://host:2113?tls=false)',
    );
  }
  if (config.kube.minMembers > config.kube.maxMembers)
    problems.push('KUBE_MIN_MEMBERS: must not exceed KUBE_MAX_MEMBERS');
  if (problems.length) throw new ConfigError(problems);
  return config;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
