import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp, type CreateAppOptions } from '../../apps/api/src/create-app.js';
import { dropSchema, testDatabaseUrl } from './postgres.js';
import { giveWholeCity } from './staff-areas.js';
import { OpenApiResponses } from './openapi-responses.js';
import { TestClock } from './test-clock.js';
import { jejakClient, type JejakClient } from '#libs/client/index.js';
import { signToken, type Role } from '#libs/platform/auth/index.js';
import { loadConfig } from '#libs/platform/config/index.js';
import { EVENT_STORE, type EventStore } from '#libs/platform/event-store/index.js';
import {
  PROJECTION_RUNNER,
  READ_DATABASE,
  type ProjectionRunner,
  type ReadDatabase,
} from '#libs/platform/read-store/index.js';

export const TEST_SECRET = 'test-secret-that-is-at-least-32-characters-long';

export interface TestApp {
  app: NestFastifyApplication;
  http: ReturnType<typeof request>;
  dataDir: string;
  /** Where the events are: a PostgreSQL schema (JEJAK_TEST_STORES=postgres) or dataDir/events.db. */
  postgresSchema: string | null;
  store: EventStore;
  runner: ProjectionRunner;
  readDatabase: ReadDatabase;
  /** The time commands are received and events recorded: moves only when the test advances it. */
  clock: TestClock;
  /**
   * A token for `sub` (default `<role>-01`). A caseworker or supervisor is first given the whole
   * city (once per store), so that tests about other things reach what they make; `reach: 'own'`
   * leaves their areas to the test.
   */
  token(role: Role, sub?: string, options?: { reach?: 'city' | 'own' }): Promise<string>;
  /** Checks a response against the served OpenAPI document (what `http` and `client` do to theirs). */
  responses: OpenApiResponses;
  /** The typed client generated from the OpenAPI document, as `role` (`sub`), over HTTP. */
  client(role: Role, sub?: string): Promise<JejakClient>;
  /** Another instance of the application on the same stores (the scaled layout's N API instances). */
  sibling(env?: Record<string, string>): Promise<TestApp>;
  close(): Promise<void>;
}

/**
 * The real application in a fresh temporary place: SQLite files in a new directory, or, with
 * JEJAK_TEST_STORES=postgres, events and read models in a new schema of the test PostgreSQL.
 */
export function startTestApp(
  env: Record<string, string> = {},
  options: Pick<CreateAppOptions, 'logDestination'> = {},
): Promise<TestApp> {
  return start(env, true, new TestClock(), options);
}

async function start(
  env: Record<string, string>,
  owner: boolean,
  clock: TestClock,
  options: Pick<CreateAppOptions, 'logDestination'> = {},
): Promise<TestApp> {
  const dataDir = env.JEJAK_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'jejak-e2e-'));
  const postgres = process.env.JEJAK_TEST_STORES === 'postgres';
  const schema = env.DATABASE_SCHEMA ?? `e2e_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const stores = postgres
    ? { EVENT_STORE: 'postgres', READ_STORE: 'postgres', DATABASE_URL: testDatabaseUrl(), DATABASE_SCHEMA: schema }
    : {};
  const config = loadConfig({
    JEJAK_DATA_DIR: dataDir,
    JWT_SECRET: TEST_SECRET,
    LOG_LEVEL: 'error',
    // Tests send bursts; the rate limit test turns the limits on for itself.
    RATE_LIMIT_COMMANDS: '0',
    RATE_LIMIT_READS: '0',
    ...stores,
    ...env,
  });
  const app = await createApp(config, { ...options, clock });
  const document = await servedDocument(app);
  const responses = new OpenApiResponses(document);
  const http = checkedAgainstDocument(request(app.getHttpServer()), responses);
  let baseUrl: string | undefined;
  const storeKey = postgres ? schema : dataDir;
  const testApp: TestApp = {
    app,
    http,
    dataDir,
    postgresSchema: postgres ? schema : null,
    store: app.get<EventStore>(EVENT_STORE),
    runner: app.get<ProjectionRunner>(PROJECTION_RUNNER),
    readDatabase: app.get<ReadDatabase>(READ_DATABASE),
    clock,
    responses,
    async token(role, sub = `${role}-01`, { reach = 'city' } = {}) {
      const given = citywide.get(storeKey) ?? new Set<string>();
      citywide.set(storeKey, given);
      if (reach === 'city' && !given.has(`${role} ${sub}`)) {
        given.add(`${role} ${sub}`);
        await giveWholeCity(app, role, sub, clock.now().toISOString());
      }
      return signToken(TEST_SECRET, { sub, role });
    },
    async client(role, sub) {
      // The generated client speaks HTTP to a listening server; each answer is checked like `http`'s.
      if (!baseUrl) {
        // The seed may have made it listen already.
        if (!app.getHttpServer().listening) await app.listen(0, '127.0.0.1');
        baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
      }
      return jejakClient({
        baseUrl,
        token: await testApp.token(role, sub),
        async onResponse({ request: sent, response }) {
          const text = await response.clone().text();
          const json = /json/.test(response.headers.get('content-type') ?? '');
          responses.check({
            method: sent.method,
            url: sent.url,
            status: response.status,
            headers: Object.fromEntries(response.headers.entries()),
            body: json && text ? JSON.parse(text) : text,
            text,
          });
        },
      });
    },
    // Instances of one deployment read one time.
    sibling: (more = {}) => start({ ...env, JEJAK_DATA_DIR: dataDir, DATABASE_SCHEMA: schema, ...more }, false, clock),
    async close() {
      await app.close();
      if (!owner) return;
      rmSync(dataDir, { recursive: true, force: true });
      if (postgres) await dropSchema(schema);
    },
  };
  return testApp;
}

async function servedDocument(app: NestFastifyApplication): Promise<Record<string, unknown>> {
  // Through supertest: Fastify's inject pulls in an ESM-only cookie parser that Jest cannot require.
  const served = await request(app.getHttpServer()).get('/docs/openapi.json');
  return served.body as Record<string, unknown>;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

/**
 * Every request a test sends through `http` has its response checked against the OpenAPI
 * document the app serves (status, media type, body, required headers): a response the document
 * does not describe fails the test.
 */
function checkedAgainstDocument(agent: ReturnType<typeof request>, responses: OpenApiResponses) {
  return new Proxy(agent, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof property !== 'string' || !METHODS.has(property) || typeof value !== 'function') return value;
      return (url: string, ...rest: unknown[]) => {
        const test = (value as (url: string, ...rest: unknown[]) => request.Test).call(target, url, ...rest);
        return test.expect((res) =>
          responses.check({
            method: property,
            url,
            status: res.status,
            headers: res.headers,
            body: res.body,
            text: res.text,
          }),
        );
      };
    },
  });
}

/** Per store (data directory or schema): the staff already given the whole city. */
const citywide = new Map<string, Set<string>>();

let nikCounter = 0;
/** A fresh valid 16-digit number for each call (KK or NIK), unique within a test run. */
export function uniqueNumber(prefix = '3275'): string {
  nikCounter += 1;
  return `${prefix}${String(process.pid % 1000).padStart(3, '0')}${String(nikCounter).padStart(9, '0')}`;
}

export function household(overrides: Record<string, unknown> = {}) {
  return {
    kk: uniqueNumber(),
    address: { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya', street: 'Jl. Melati No. 7', rt: '003', rw: '011' },
    members: [
      { nik: uniqueNumber(), name: 'Siti Aminah', birthDate: '1985-01-05', sex: 'female', relationship: 'head' },
      { nik: uniqueNumber(), name: 'Budi Santoso', birthDate: '1982-07-19', sex: 'male', relationship: 'spouse' },
      {
        nik: uniqueNumber(),
        name: 'Rina',
        birthDate: '2016-03-02',
        sex: 'female',
        relationship: 'child',
        schoolLevel: 'primary',
      },
    ],
    ...overrides,
  };
}

/** A sewing course of ten places in April 2026, as scheduled in an area (the request's body). */
export function sewingCourse(area: { kecamatan: string; kelurahan: string }) {
  return {
    kind: 'vocational' as const,
    skill: 'sewing',
    title: 'Menjahit',
    provider: 'BLK',
    capacity: 10,
    sessions: 4,
    startsOn: '2026-04-01',
    endsOn: '2026-04-28',
    ...area,
    costPerParticipant: 0,
  };
}
