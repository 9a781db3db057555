import { readFileSync } from 'node:fs';
import pg from 'pg';

/** Clock ticks per second in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU a phase took: this process's and that of the PostgreSQL backends serving it, in ms. */
export interface PhaseCpu {
  nodeMs: number;
  serverMs: number;
}

/**
 * The CPU time of this process and of the PostgreSQL backends it connects through (those whose
 * application_name is `appName`: set PGAPPNAME to it before opening pools), so that a rebuild can
 * be compared with the read as work done, which other load on a shared machine changes far less
 * than wall time. The backends are found every 100 ms and read from /proc: the server must run on
 * this machine; elsewhere serverMs stays 0.
 */
export class ServerCpu {
  private readonly ticks = new Map<number, number>();
  private readonly timer: NodeJS.Timeout;
  private sampling: Promise<void> = Promise.resolve();

  private constructor(
    private readonly client: pg.Client,
    private readonly appName: string,
  ) {
    this.timer = setInterval(() => void this.sample(), 100);
  }

  static async open(url: string, appName: string): Promise<ServerCpu> {
    const client = new pg.Client({ connectionString: url, application_name: `${appName}-meter` });
    await client.connect();
    return new ServerCpu(client, appName);
  }

  /** Runs `phase` and returns what it took, with the CPU of both sides. */
  async measure<T>(phase: () => Promise<T>): Promise<{ result: T; cpu: PhaseCpu }> {
    await this.sample();
    const before = new Map(this.ticks);
    const node = process.cpuUsage();
    const result = await phase();
    const { user, system } = process.cpuUsage(node);
    await this.sample();
    let ticks = 0;
    for (const [pid, now] of this.ticks) ticks += now - (before.get(pid) ?? 0);
    return { result, cpu: { nodeMs: (user + system) / 1000, serverMs: (ticks * 1000) / TICKS_PER_SECOND } };
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.sampling;
    await this.client.end();
  }

  private sample(): Promise<void> {
    this.sampling = this.sampling.then(async () => {
      const { rows } = await this.client
        .query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [this.appName])
        .catch(() => ({ rows: [] as Array<{ pid: number }> }));
      for (const { pid } of rows) {
        const used = cpuTicks(pid);
        if (used !== undefined) this.ticks.set(pid, used);
      }
    });
    return this.sampling;
  }
}

/** utime + stime of a process, in clock ticks; undefined when it is gone or not on this machine. */
function cpuTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), from the state on: utime is the 12th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}
