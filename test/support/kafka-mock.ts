import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from '@jest/globals';
import { SqliteEventStore } from '#libs/platform/event-store/index.js';
import { openSqliteReadDatabase, type ReadDatabase } from '#libs/platform/read-store/index.js';

export interface MockKafka {
  brokers: string[];
  stop(): Promise<void>;
}

/**
 * librdkafka's mock cluster, hosted by Debian's kcat: a real Kafka-protocol peer with several
 * brokers, no JVM. It lives as long as the kcat process; stop() ends it by its own pid.
 */
export function startMockKafka(brokers = 3): Promise<MockKafka> {
  const child: ChildProcess = spawn(
    'kcat',
    ['-b', 'dummy:9092', '-X', `test.mock.num.brokers=${brokers}`, '-X', 'debug=mock', '-P', '-t', 'jejak.boot'],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`kcat mock cluster did not start:\n${log}`)), 10_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`kcat could not start (apt-get install kcat): ${error.message}`));
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      if (log.length < 100_000) log += chunk.toString();
      const match = /bootstrap\.servers=(\S+)/.exec(log);
      if (!match) return;
      clearTimeout(timer);
      child.stderr!.removeAllListeners('data');
      child.stderr!.resume();
      resolve({
        brokers: match[1]!.split(','),
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.stdin?.end();
            child.kill('SIGKILL');
          }),
      });
    });
  });
}

export interface RelayTestbed {
  kafka: MockKafka;
  dir: string;
  store: SqliteEventStore;
  readDb: ReadDatabase;
}

/** A mock Kafka cluster, a SQLite event store and a read store in a temporary directory. */
export function relayTestbed(name: string): { get(): RelayTestbed } {
  let bed: RelayTestbed | undefined;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), `jejak-${name}-`));
    bed = {
      kafka: await startMockKafka(3),
      dir,
      store: new SqliteEventStore({ filename: join(dir, 'events.db'), pollIntervalMs: 20 }),
      readDb: openSqliteReadDatabase(dir),
    };
  }, 20_000);
  afterAll(async () => {
    if (!bed) return;
    await bed.kafka.stop();
    await bed.readDb.close();
    await bed.store.close();
    rmSync(bed.dir, { recursive: true, force: true });
  });
  return { get: () => bed! };
}
