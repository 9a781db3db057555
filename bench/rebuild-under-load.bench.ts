import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken } from '#libs/platform/auth/index.js';
import { SqliteEventStore } from '#libs/platform/event-store/index.js';
import { SECRET, benchHeaders, commandMix, run, startServer, type BenchServer } from './http-load.js';
import { report, type Row } from './report.js';
import { writeSyntheticCity } from './synthetic-city.js';

interface Status {
  name: string;
  state: string;
  checkpoint: number;
  head: number;
  readModel: boolean;
}

/**
 * What a rebuild costs the commands (issue 19: a rebuild may raise command p99 by a quarter at
 * most). A synthetic city in the store, then the http command mix at 1 and 16 connections, once
 * with nothing else going on and once while every read model rebuilds from zero (asked of the
 * admin route, as an operator would), with the read models on the thread that serves requests
 * (the default) and in a projector thread (PROJECTOR_THREAD=true), each on its own data, in
 * one run.
 */
export async function rebuildUnderLoadBench(args: { households: number }): Promise<void> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const modes: Array<[string, Record<string, string>]> = [
    ['in process', {}],
    ['thread', { PROJECTOR_THREAD: 'true' }],
  ];
  for (const [mode, env] of modes) {
    const dir = mkdtempSync(join(tmpdir(), 'jejak-bench-rebuild-load-'));
    let server: BenchServer | undefined;
    try {
      const seeding = new SqliteEventStore({ filename: join(dir, 'events.db'), synchronous: 'NORMAL' });
      const events = await writeSyntheticCity(seeding, args.households);
      await seeding.close();
      server = await startServer(env, dir);
      const admin = { authorization: `Bearer ${await signToken(SECRET, { sub: 'admin-bench', role: 'admin' })}` };
      const statuses = async (): Promise<Status[]> =>
        (await (await fetch(`${server!.url}/api/v1/admin/projections`, { headers: admin })).json()) as Status[];
      const settled = async (): Promise<number> => {
        const started = performance.now();
        for (;;) {
          const all = (await statuses()).filter((s) => s.readModel);
          if (all.every((s) => s.state === 'live' && s.checkpoint >= s.head)) return performance.now() - started;
          await new Promise((r) => setTimeout(r, 200));
        }
      };
      notes.push(`${mode}: ${events} events at start, caught up in ${Math.round((await settled()) / 100) / 10} s.`);
      const headers = await benchHeaders();
      for (const connections of [1, 16]) {
        const calm = await run(server.url, connections, commandMix(false), headers);
        const readModels = (await statuses()).filter((s) => s.readModel).map((s) => s.name);
        const asked = performance.now();
        for (const name of readModels)
          await fetch(`${server.url}/api/v1/admin/projections/${name}/rebuild`, { method: 'POST', headers: admin });
        const during = await run(server.url, connections, commandMix(false), headers);
        const rebuiltIn = (performance.now() - asked + (await settled())) / 1000;
        for (const [phase, result] of [
          ['calm', calm],
          ['every read model rebuilding', during],
        ] as const)
          rows.push({
            mode,
            connections,
            phase,
            perSecond: Math.round(result.requests.average),
            p50ms: result.latency.p50,
            p99ms: result.latency.p99,
            p99OfCalm: Math.round((result.latency.p99 / Math.max(1, calm.latency.p99)) * 100) / 100,
            non2xx: result.non2xx,
            ...(phase === 'calm' ? {} : { rebuildSeconds: Math.round(rebuiltIn * 10) / 10 }),
          });
      }
    } finally {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  report('rebuild-under-load', rows, [
    ...notes,
    'The command mix for 5 s per phase; "every read model rebuilding" starts right after the rebuilds are asked.',
    'rebuildSeconds: from asking to every read model live again (the phase lasts 5 s of it).',
    'Target (issue 19): p99 while rebuilding at most 1.25 × calm.',
  ]);
}
