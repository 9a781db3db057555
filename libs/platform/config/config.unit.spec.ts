import { describe, expect, it } from '@jest/globals';
import { ConfigError, formatDuration, loadConfig, parseDurationSeconds } from './config.js';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('loadConfig', () => {
  it('gives the embedded defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      eventStore: 'sqlite',
      readStore: 'sqlite',
      kafkaBrokers: [],
      logLevel: 'info',
      sqliteSynchronous: 'FULL',
      timeZone: 'Asia/Jakarta',
      jwtSecret: undefined,
    });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      JEJAK_DATA_DIR: '/var/lib/jejak',
      JWT_SECRET: 'x'.repeat(32),
      KAFKA_BROKERS: 'k1:9092, k2:9092',
      LOG_LEVEL: 'warn',
      SQLITE_SYNCHRONOUS: 'NORMAL',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/var/lib/jejak',
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      logLevel: 'warn',
      sqliteSynchronous: 'NORMAL',
    });
  });

  it('reports every wrong variable at once, each with what it expects', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        EVENT_STORE: 'mongo',
        JWT_SECRET: 'short',
        KAFKA_BROKERS: 'nohost',
        JEJAK_TIME_ZONE: 'Mars/Base',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/PORT=eighty: expected a whole number/);
    expect(problems.join('\n')).toMatch(/EVENT_STORE=mongo: expected one of sqlite, postgres, kurrentdb/);
    expect(problems.join('\n')).toMatch(/JWT_SECRET: expected at least 32 characters/);
    expect(problems.join('\n')).toMatch(/KAFKA_BROKERS: "nohost" is not host:port/);
    expect(problems.join('\n')).toMatch(/JEJAK_TIME_ZONE=Mars\/Base/);
  });

  it("reads each programme's funding source, the city's own sources, the baseline's year and source and the cut-off", () => {
    const config = loadConfig({
      BUDGET_FUNDING: 'training=APBD-P, kube=other',
      BUDGET_SOURCES: 'APBD',
      POVERTY_BASELINE_YEAR: '2025',
      POVERTY_BASELINE_SOURCE: 'Susenas Maret 2025',
      PERIOD_CLOSE_CUTOFF_DAY: '10',
    });
    expect(config.budget).toEqual({
      allocationRupiah: 4_700_000_000,
      sources: ['APBD'],
      funding: { pkh: 'APBN', kube: 'other', training: 'APBD-P' },
    });
    expect(config.povertyTarget).toMatchObject({ baselineYear: 2025, baselineSource: 'Susenas Maret 2025' });
    expect(config.periodCloseCutoffDay).toBe(10);
    expect(loadConfig({}).budget.funding).toEqual({ pkh: 'APBN', kube: 'APBD', training: 'APBD' });
  });

  it('reads the days a complaint may stay open by category, over the defaults, and refuses a wrong pair', () => {
    const days = loadConfig({ COMPLAINT_DUE_DAYS: 'caseworker_conduct=3, payment_not_received=10' }).complaintDueDays;
    expect(days).toMatchObject({ caseworker_conduct: 3, payment_not_received: 10, eligibility_decision: 30 });
    expect(() => loadConfig({ COMPLAINT_DUE_DAYS: 'rudeness=3' })).toThrow(
      /COMPLAINT_DUE_DAYS: expected category=days/,
    );
    expect(() => loadConfig({ COMPLAINT_DUE_DAYS: 'other=0' })).toThrow(/not "other=0"/);
  });

  it('refuses an unknown programme or funding source', () => {
    expect(() => loadConfig({ BUDGET_FUNDING: 'pkh=BANK' })).toThrow(/BUDGET_FUNDING: expected programme=source/);
    expect(() => loadConfig({ BUDGET_SOURCES: 'APBD,CSR' })).toThrow(/BUDGET_SOURCES: CSR is not one of/);
  });

  it('reads LOG_LEVEL=trace and a METRICS_TOKEN', () => {
    expect(loadConfig({ LOG_LEVEL: 'trace', METRICS_TOKEN: 'scraper-token-0123456789' })).toMatchObject({
      logLevel: 'trace',
      metricsToken: 'scraper-token-0123456789',
    });
  });

  it('refuses a METRICS_TOKEN shorter than 16 characters', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: expected at least 16/);
  });

  it('accepts only HS256 tokens with the local secret by default, with 12h at most and 60 s of skew', () => {
    expect(loadConfig({}).tokens).toEqual({
      jwksUrl: undefined,
      issuer: undefined,
      audience: undefined,
      rolesClaim: 'role',
      subjectClaim: 'sub',
      maxLifetimeSeconds: 43_200,
      clockSkewSeconds: 60,
      jwksCooldownSeconds: 30,
    });
  });

  it('reads the identity provider of OIDC mode and the token rules', () => {
    const config = loadConfig({
      JWT_JWKS_URL: 'https://sso.example.org/realms/jejak/protocol/openid-connect/certs',
      JWT_ISSUER: 'https://sso.example.org/realms/jejak',
      JWT_AUDIENCE: 'jejak-api',
      JWT_ROLES_CLAIM: 'realm_access.roles',
      JWT_SUBJECT_CLAIM: 'preferred_username',
      JWT_MAX_LIFETIME: '30m',
      JWT_CLOCK_SKEW_SECONDS: '10',
      JWT_JWKS_COOLDOWN_SECONDS: '0',
    });
    expect(config.tokens).toEqual({
      jwksUrl: 'https://sso.example.org/realms/jejak/protocol/openid-connect/certs',
      issuer: 'https://sso.example.org/realms/jejak',
      audience: 'jejak-api',
      rolesClaim: 'realm_access.roles',
      subjectClaim: 'preferred_username',
      maxLifetimeSeconds: 1_800,
      clockSkewSeconds: 10,
      jwksCooldownSeconds: 0,
    });
    expect(
      loadConfig({ JWT_JWKS_URL: 'http://127.0.0.1:8080/certs', JWT_ISSUER: 'i', JWT_AUDIENCE: 'a' }).tokens.jwksUrl,
    ).toBe('http://127.0.0.1:8080/certs');
  });

  it('reports a half-configured identity provider and wrong token rules, each with what it expects', () => {
    const oidc = problemsOf({ JWT_JWKS_URL: 'https://sso.example.org/certs' });
    expect(oidc).toHaveLength(2);
    expect(oidc[0]).toMatch(/^JWT_ISSUER: required with JWT_JWKS_URL/);
    expect(oidc[1]).toMatch(/^JWT_AUDIENCE: required with JWT_JWKS_URL/);
    expect(problemsOf({ JWT_JWKS_URL: 'http://sso.example.org/certs', JWT_ISSUER: 'i', JWT_AUDIENCE: 'a' })).toEqual([
      expect.stringMatching(
        /^JWT_JWKS_URL=http:\/\/sso.example.org\/certs: expected the https:\/\/ URL .* http:\/\/ only on localhost$/,
      ),
    ]);
    expect(problemsOf({ JWT_JWKS_URL: 'certs', JWT_ISSUER: 'i', JWT_AUDIENCE: 'a' })).toHaveLength(1);
    expect(problemsOf({ JWT_ISSUER: 'https://sso.example.org/realms/jejak' })).toEqual([
      expect.stringMatching(/^JWT_ISSUER=https:.*: only read with JWT_JWKS_URL/),
    ]);
    const rules = problemsOf({
      JWT_ROLES_CLAIM: 'realm_access..roles',
      JWT_SUBJECT_CLAIM: 'preferred username',
      JWT_MAX_LIFETIME: '30d',
      JWT_CLOCK_SKEW_SECONDS: '-1',
    });
    expect(rules).toEqual([
      'JWT_ROLES_CLAIM=realm_access..roles: expected a claim name or a dotted path to one, such as realm_access.roles',
      'JWT_SUBJECT_CLAIM=preferred username: expected a claim name or a dotted path to one, such as realm_access.roles',
      'JWT_MAX_LIFETIME=30d: expected a duration from 1m to 7d, such as 12h, 30m or 3600 (seconds)',
      'JWT_CLOCK_SKEW_SECONDS=-1: expected a whole number from 0 to 300',
    ]);
  });

  it('reads and writes durations', () => {
    expect(['90', '90s', '30m', '12h', '2d', '-1m', ' 8h '].map(parseDurationSeconds)).toEqual([
      90, 90, 1_800, 43_200, 172_800, -60, 28_800,
    ]);
    expect(['', 'h', '1.5h', '8 hours', '1w'].map(parseDurationSeconds)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect([43_200, 1_800, 90, 86_400, 0].map(formatDuration)).toEqual(['12h', '30m', '90s', '1d', '0s']);
  });
});
