/**
 * The V8 flags every Jejak process runs with (package.json's start, jejak and bench scripts; the
 * image's NODE_OPTIONS): the servers a benchmark starts run as `npm start` runs them. A young
 * generation of 64 MiB semi-spaces lets a read model's batch (5,000 events and the rows made of
 * them) die young where 16 MiB promoted it to the old generation: garbage-collection pauses of the
 * actor index's rebuild alone went from 6.1 to 1.1 ms per 1,000 events (ADR 0017, ninth round).
 */
export const NODE_FLAGS = ['--max-semi-space-size=64'];

/** A benchmark server's flags: NODE_FLAGS, and with BENCH_PROFILE (when `profile` allows) a CPU profile under bench/results/. */
export const serverExecArgv = (profile = true): string[] => [
  ...NODE_FLAGS,
  ...(profile && process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=bench/results'] : []),
];
