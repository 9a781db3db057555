import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/**
 * With BENCH_PROFILE set, a CPU profile of one phase of a benchmark (not its seeding), written to
 * bench/results/<name>.cpuprofile; without it, runs the phase alone.
 */
export async function profiled<T>(name: string, phase: () => Promise<T>): Promise<T> {
  if (!process.env.BENCH_PROFILE) return phase();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await phase();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    const dir = join(process.cwd(), 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}
