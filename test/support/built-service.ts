import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { eventually } from './eventually.js';
import { freePort } from './free-port.js';
import { TEST_SECRET } from './test-app.js';

const ROOT = resolve(import.meta.dirname, '../..');

export interface BuiltService {
  child: ChildProcess;
  /** http://127.0.0.1:<port> */
  base: string;
  /** What the process wrote so far (with `capture`). */
  output(): string;
}

/**
 * The built API (dist; call buildDist() first) in a child process on `dataDir`, full durability,
 * on a free loopback port, resolved once `ready` answers 2xx. `env` adds to or overrides the
 * test's settings (a test secret, errors only in the log).
 */
export async function startBuiltService(
  dataDir: string,
  env: Record<string, string> = {},
  { ready = '/health/live', timeoutMs = 45_000, capture = false } = {},
): Promise<BuiltService> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      JEJAK_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      JWT_SECRET: TEST_SECRET,
      LOG_LEVEL: 'error',
      ...env,
    },
    stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'ignore',
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await eventually(() => fetch(`${base}${ready}`).then((r) => r.ok), `the service to answer ${ready}`, {
    timeoutMs,
    intervalMs: 50,
  });
  return { child, base, output: () => output };
}
