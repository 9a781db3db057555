import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Row = Record<string, string | number>;

/** Prints a benchmark's table and writes it, with the machine, to bench/results/<name>.json. */
export function report(name: string, rows: Row[], notes: string[] = []): void {
  console.log(`\n== ${name} ==`);
  console.table(rows);
  for (const note of notes) console.log(`  ${note}`);
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `${name}.json`),
    JSON.stringify(
      {
        name,
        at: new Date().toISOString(),
        node: process.version,
        cpus: (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? null,
        rows,
        notes,
      },
      null,
      2,
    ),
  );
}

export const perSecond = (count: number, ms: number): number => Math.round((count / ms) * 1000);
export const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);

/** Median and tail of latency samples in milliseconds, rounded to 0.01 ms. */
export function percentiles(samples: number[]): { p50: number; p90: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.floor(q * (sorted.length - 1))]! * 100) / 100;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99) };
}
