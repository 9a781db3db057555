import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';

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

  it('reads LOG_LEVEL=trace and a METRICS_TOKEN', () => {
    expect(loadConfig({ LOG_LEVEL: 'trace', METRICS_TOKEN: 'scraper-token-0123456789' })).toMatchObject({
      logLevel: 'trace',
      metricsToken: 'scraper-token-0123456789',
    });
  });

  it('refuses a METRICS_TOKEN shorter than 16 characters', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: expected at least 16/);
  });
});
