import { Logger } from '@nestjs/common';
import { Worker, type MessagePort } from 'node:worker_threads';
import type { EventStore } from '#libs/platform/event-store/index.js';
import type { ProjectionRunner, ProjectionStatus } from './projection-runner.js';

/** What the thread serving requests tells the projector thread. */
type ToProjector =
  { type: 'appended'; position: number } | { type: 'rebuild'; id: number; name: string } | { type: 'stop' };

/** What the projector thread tells the thread serving requests. */
type FromProjector =
  | { type: 'ready'; statuses: ProjectionStatus[] }
  | { type: 'statuses'; statuses: ProjectionStatus[] }
  | { type: 'rebuilt'; id: number; error?: string }
  | { type: 'failed'; error: string }
  | { type: 'stopped' };

/** How long a stop waits for the projector thread to finish its batch and close its stores. */
const STOP_TIMEOUT_MS = 10_000;

/**
 * The projections of this process in a worker thread (PROJECTOR_THREAD=true): the thread that
 * serves requests runs its runner in observe mode, and the worker runs apps/projector's code on
 * connections of its own. Between them, messages instead of polling: each append made here wakes
 * the worker's subscriptions at once (SQLite has no cross-connection notice), and the worker sends
 * its statuses after every batch, so a read with `minPosition` is answered as soon as its read
 * models have committed. Rebuilds asked of this process are sent to the worker.
 */
export class ProjectorThread {
  private readonly logger = new Logger('ProjectorThread');
  private readonly rebuilds = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private nextRebuild = 0;
  private stopping = false;
  private readonly exited: Promise<number>;

  private constructor(
    private readonly worker: Worker,
    private readonly runner: ProjectionRunner,
    private readonly unlisten: () => void,
  ) {
    this.exited = new Promise((resolve) => worker.once('exit', resolve));
  }

  /**
   * Starts `script` (a module that calls `serveAsProjectorThread`) with `workerData`, and resolves
   * once its projections have started; rejects with the worker's own error if they cannot.
   */
  static async start(
    script: URL,
    workerData: unknown,
    runner: ProjectionRunner,
    store: EventStore,
  ): Promise<ProjectorThread> {
    const worker = new Worker(script, { workerData });
    const unlisten = store.onAppended?.((position) => worker.postMessage({ type: 'appended', position })) ?? (() => {});
    const thread = new ProjectorThread(worker, runner, unlisten);
    await new Promise<void>((resolve, reject) => {
      const early = (code: number) => reject(new Error(`The projector thread exited with code ${code} at start`));
      worker.once('error', reject);
      worker.once('exit', early);
      worker.on('message', (message: FromProjector) => {
        if (message.type === 'ready') {
          worker.off('error', reject);
          worker.off('exit', early);
          thread.runner.observed(message.statuses);
          resolve();
        } else if (message.type === 'failed') reject(new Error(message.error));
        else thread.received(message);
      });
    }).catch(async (error: unknown) => {
      unlisten();
      await worker.terminate();
      throw error;
    });
    worker.on('error', (error) => thread.logger.error(`Projector thread failed: ${error.stack ?? error}`));
    worker.once('exit', (code) => {
      if (!thread.stopping) {
        thread.logger.error(`The projector thread exited (code ${code}): read models stand still`);
        // Readiness then says so (503): the read models no longer follow the writes.
        const lastError = `The projector thread exited (code ${code})`;
        runner.observed(runner.status().map((s) => ({ ...s, state: 'failing', lastError })));
      }
      for (const pending of thread.rebuilds.values()) pending.reject(new Error('The projector thread exited'));
      thread.rebuilds.clear();
    });
    runner.delegateRebuilds((name) => thread.rebuild(name));
    return thread;
  }

  private received(message: FromProjector): void {
    if (message.type === 'statuses') this.runner.observed(message.statuses);
    else if (message.type === 'rebuilt') {
      const pending = this.rebuilds.get(message.id);
      this.rebuilds.delete(message.id);
      if (message.error === undefined) pending?.resolve();
      else pending?.reject(new Error(message.error));
    }
  }

  private rebuild(name: string): Promise<void> {
    const id = ++this.nextRebuild;
    return new Promise((resolve, reject) => {
      this.rebuilds.set(id, { resolve, reject });
      this.post({ type: 'rebuild', id, name });
    });
  }

  private post(message: ToProjector): void {
    this.worker.postMessage(message);
  }

  /** Lets the worker finish its batch and close its stores; ends it after STOP_TIMEOUT_MS regardless. */
  async stop(): Promise<void> {
    if (this.stopping) return this.exited.then(() => undefined);
    this.stopping = true;
    this.unlisten();
    const stopped = new Promise<void>((resolve) => {
      this.worker.on('message', (message: FromProjector) => message.type === 'stopped' && resolve());
      void this.exited.then(() => resolve());
    });
    this.post({ type: 'stop' });
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([stopped, new Promise((resolve) => (timer = setTimeout(resolve, STOP_TIMEOUT_MS)))]);
    clearTimeout(timer);
    await this.worker.terminate();
  }
}

/**
 * The worker's side: tells the thread that serves requests when the projections have started
 * (or why they could not), sends its statuses after every batch and failure, wakes its
 * subscriptions on that thread's appends, and runs the rebuilds it asks for. `close` stops the
 * projections and closes the stores (the Nest application context's close).
 */
export function serveAsProjectorThread(
  port: MessagePort,
  runner: ProjectionRunner,
  store: EventStore,
  close: () => Promise<void>,
): void {
  let queued = false;
  // One message per turn of the worker's loop, however many projections moved in it.
  runner.onChange(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      port.postMessage({ type: 'statuses', statuses: runner.status() } satisfies FromProjector);
    });
  });
  port.on('message', (message: ToProjector) => {
    if (message.type === 'appended') store.appendedElsewhere?.(message.position);
    else if (message.type === 'rebuild')
      runner.rebuild(message.name).then(
        () => port.postMessage({ type: 'rebuilt', id: message.id } satisfies FromProjector),
        (error: unknown) =>
          port.postMessage({
            type: 'rebuilt',
            id: message.id,
            error: String((error as Error).message),
          } satisfies FromProjector),
      );
    else if (message.type === 'stop')
      void close()
        .catch(() => undefined)
        .finally(() => {
          port.postMessage({ type: 'stopped' } satisfies FromProjector);
          port.close();
        });
  });
  port.postMessage({ type: 'ready', statuses: runner.status() } satisfies FromProjector);
}

/** The worker's side when its projections cannot start: the error goes to the thread that waits for them. */
export function projectorThreadFailed(port: MessagePort, error: unknown): void {
  port.postMessage({ type: 'failed', error: String((error as Error).stack ?? error) } satisfies FromProjector);
}
