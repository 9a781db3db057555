/**
 * npm run bench [-- <http|store|store-writers|rebuild|rebuild-under-load|asof|scale|access-log|size|close|import|all>] [--households N] [--sizes 10000,100000,1000000] [--rows N]
 * Each benchmark prints a table and writes bench/results/<name>.json.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { accessLogBench } from './access-log.bench.js';
import { asofBench } from './asof.bench.js';
import { closeBench } from './close.bench.js';
import { httpBench } from './http.bench.js';
import { importBench } from './import.bench.js';
import { rebuildBench } from './rebuild.bench.js';
import { rebuildUnderLoadBench } from './rebuild-under-load.bench.js';
import { scaleBench } from './scale.bench.js';
import { postgresWriterRows } from './postgres-writers.js';
import { report } from './report.js';
import { sizeBench } from './size.bench.js';
import { benchEvent, storeBench } from './store.bench.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { households: { type: 'string' }, sizes: { type: 'string' }, rows: { type: 'string' } },
});
const which = positionals[0] ?? 'all';
const households = values.households ? Number(values.households) : undefined;
const sizes = (values.sizes ?? '10000,100000,1000000').split(',').map(Number);
Logger.overrideLogger(['error']);

const benches: Record<string, () => Promise<void>> = {
  store: () => storeBench({ households: households ?? 5_000 }),
  asof: () => asofBench(),
  http: () => httpBench(),
  // PostgreSQL appends one transaction per append: a smaller city there keeps the run short.
  rebuild: () => rebuildBench({ households: households ?? 10_000, postgresHouseholds: households ?? 2_000 }),
  // Issue #19: what rebuilding every read model costs the commands, on the request thread and in a projector thread.
  'rebuild-under-load': () => rebuildUnderLoadBench({ households: households ?? 3_000 }),
  scale: () => scaleBench({ sizes }),
  'access-log': () => accessLogBench(),
  size: () => sizeBench({ households: households ?? 3_000 }),
  close: () => closeBench({ sizes: households ? [households] : [1_000, 5_000] }),
  // Issue #17: a 40,000-row DTKS extract must import in minutes on the embedded default.
  import: () => importBench({ rows: values.rows ? Number(values.rows) : 40_000 }),
  // The PostgreSQL writers' part of `store` alone, beside pgbench's simple-update rate.
  'store-writers': async () =>
    report(
      'store-writers',
      await postgresWriterRows(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', benchEvent),
      [
        'pgbench: its simple-update script (-N) with as many clients as writers, same server, same run (the ceiling).',
        'roundTripsPerAppend: statements sent per append, the announcements (NOTIFY, on the LISTEN connection) included.',
      ],
    ),
};

const names = which === 'all' ? Object.keys(benches) : [which];
if (names.some((n) => !benches[n])) {
  console.error(
    `usage: npm run bench -- <${Object.keys(benches).join('|')}|all> [--households N] [--sizes a,b,c] [--rows N]`,
  );
  process.exit(2);
}
const started = Date.now();
for (const name of names) await benches[name]!();
console.log(`\nbenchmarks done in ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(0);
