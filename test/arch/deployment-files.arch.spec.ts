import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { loadConfig } from '#libs/platform/config/index.js';

/**
 * The deployment files, read as docker compose reads them (YAML with merge keys). No Docker engine
 * runs on the project's machines: this checks what they say, not that the images start.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(resolve(ROOT, file), 'utf8');

interface Service {
  image?: string;
  command?: string[];
  restart?: string;
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }> | string[];
  environment?: Record<string, string | number>;
  deploy?: { replicas?: number };
}
/** ${NAME:?message} and ${NAME:-default} as compose substitutes them, with a value for the required ones. */
const substitute = (text: string) =>
  text.replace(/\$\{(\w+)(?::-([^}]*)|:\?[^}]*)?\}/g, (_, name: string, fallback?: string) =>
    fallback !== undefined
      ? fallback
      : name === 'JWT_SECRET' || name === 'JEJAK_PSEUDONYM_KEY'
        ? 'x'.repeat(40)
        : `${name.toLowerCase()}-value`,
  );
const compose = (file: string) =>
  parse(substitute(read(file)), { merge: true }) as { services: Record<string, Service> };

const ONE_SHOT = ['migrate', 'kafka-topics'];
const isJejak = (s: Service) => (s.command ?? []).some((part) => part.startsWith('dist/apps/'));

describe.each(['infra/compose.scaled.yml', 'infra/compose.production.yml'])('%s', (file) => {
  const { services } = compose(file);
  const longRunning = Object.entries(services).filter(([name]) => !ONE_SHOT.includes(name));

  it('restarts every long-running service and runs the one-shot steps once', () => {
    for (const [name, s] of longRunning)
      expect({ name, restart: s.restart }).toEqual({ name, restart: 'unless-stopped' });
    for (const name of ONE_SHOT) expect(services[name]?.restart).toBe('no');
  });

  it('probes every long-running service but the reporting job, which serves no HTTP', () => {
    for (const [name, s] of longRunning)
      expect({
        name,
        probe: name === 'reporting-job' ? s.healthcheck : (s.healthcheck?.test?.length ?? 0) > 1,
      }).toEqual({
        name,
        probe: name === 'reporting-job' ? { disable: true } : true,
      });
  });

  it('starts each service after what it needs is healthy or done, never merely started', () => {
    for (const [name, s] of Object.entries(services)) {
      expect({ name, list: Array.isArray(s.depends_on) }).toEqual({ name, list: false });
      for (const [on, { condition }] of Object.entries(s.depends_on ?? {}))
        expect({ name, on, condition }).toEqual({
          name,
          on,
          condition: ONE_SHOT.includes(on) ? 'service_completed_successfully' : 'service_healthy',
        });
    }
    for (const [name, s] of Object.entries(services).filter(([n, s]) => isJejak(s) && !ONE_SHOT.includes(n)))
      expect({ name, migrated: Object.keys(s.depends_on ?? {}).includes('migrate') }).toEqual({ name, migrated: true });
    for (const step of ONE_SHOT)
      expect(Object.keys(services[step]!.depends_on ?? {})).toEqual(expect.arrayContaining(['postgres']));
    expect(services['migrate']!.command).toEqual(['node', 'dist/apps/api/src/cli.js', 'migrate']);
    expect(services['kafka-topics']!.command).toEqual(['node', 'dist/apps/api/src/cli.js', 'kafka-topics']);
    expect(Object.keys(services.projector!.depends_on ?? {})).toEqual(expect.arrayContaining(['kafka-topics']));
    expect(Object.keys(services.api!.depends_on ?? {})).toEqual(expect.arrayContaining(['projector']));
  });

  it('puts a maintained load balancer in front of the API instances, checking their readiness', () => {
    expect(services.lb?.image).toMatch(/^haproxy:\d/);
    expect(services.lb?.depends_on).toEqual({ api: { condition: 'service_healthy' } });
    expect(services.api?.environment?.RUN_PROJECTIONS).toBe('false');
    const haproxy = read('infra/haproxy.cfg');
    expect(haproxy).toMatch(/^\s*server-template api- 1-\d+ api:3000 check resolvers docker/m);
    expect(haproxy).toMatch(/option httpchk GET \/health\/ready/);
  });

  it('gives every process of Jejak a configuration that loads, with the reporting job state in PostgreSQL', () => {
    for (const [name, s] of Object.entries(services).filter(([, s]) => isJejak(s))) {
      const env = Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, String(v)]));
      const config = loadConfig(env);
      expect({ name, store: config.eventStore, databaseUrl: Boolean(config.databaseUrl) }).toEqual({
        name,
        store: 'postgres',
        databaseUrl: true,
      });
      expect(config.kafka.allowUnsafeTopics).toBe(false);
    }
  });
});

describe('the production example', () => {
  const { services } = compose('infra/compose.production.yml');
  it('runs three Kafka brokers and topics with three replicas, two in sync', () => {
    const brokers = Object.entries(services).filter(([, s]) => s.image?.startsWith('apache/kafka'));
    expect(brokers.map(([, s]) => s.environment?.KAFKA_NODE_ID)).toEqual([1, 2, 3]);
    for (const [, s] of brokers) {
      expect(String(s.environment?.KAFKA_CONTROLLER_QUORUM_VOTERS).split(',')).toHaveLength(3);
      expect(s.environment?.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    }
    const config = loadConfig(
      Object.fromEntries(Object.entries(services.projector!.environment!).map(([k, v]) => [k, String(v)])),
    );
    expect(config.kafkaBrokers).toHaveLength(3);
    expect(config.kafka.topics).toMatchObject({ replicationFactor: 3, minInsyncReplicas: 2 });
    expect(services.api?.deploy?.replicas).toBe(3);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const final = stages.at(-1)!;

  it('builds in one stage and runs from another, as a user other than root', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages[0]).toMatch(/npm ci/);
    expect(final).toMatch(/COPY --from=build/);
    expect(final).toMatch(/^USER (?!root|0\b)\w+/m);
    expect(final).not.toMatch(/npm (ci|install)/);
  });

  it('ships production dependencies only, keeping the optional ones', () => {
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(dockerfile).not.toMatch(/--omit=optional/);
  });

  it('runs every process with the V8 flags of npm start, as the benchmarks run their servers', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    const flagsOf = (command: string) => command.match(/--max-semi-space-size=\d+/g) ?? [];
    const started = flagsOf(scripts.start!);
    expect(started).toHaveLength(1);
    for (const script of ['jejak', 'bench']) expect(flagsOf(scripts[script]!)).toEqual(started);
    expect(final).toMatch(new RegExp(`^ENV NODE_OPTIONS=${started[0]}$`, 'm'));
    expect(read('bench/node-flags.ts')).toContain(`'${started[0]}'`);
  });

  it("runs the service from npm as npm's own child, which a SIGTERM to npm reaches", () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    // Without exec the script's shell keeps node as its child and does not pass the signal on.
    expect(scripts.start).toMatch(/^exec node /);
    expect(scripts.jejak).toMatch(/&& exec node /);
  });

  it('probes readiness and leaves local artefacts out of the build context', () => {
    expect(final).toMatch(/^HEALTHCHECK .*\n?.*\/health\/ready/m);
    const ignored = read('.dockerignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', 'data', '.env', '.git']));
  });
});
