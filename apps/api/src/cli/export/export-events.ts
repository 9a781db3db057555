import type { EventStore } from '#libs/platform/event-store/index.js';
import type { PiiFreeView } from '#libs/platform/privacy/index.js';

/**
 * `npm run jejak -- export`: the feed after a position as NDJSON, one event a line. PII-free (as
 * reporters see it, reservations left out) unless the operator asks for personal data; returns
 * how many events were written.
 */
export async function exportEvents(
  store: EventStore,
  piiFree: PiiFreeView | null,
  write: (line: string) => void,
  after = 0,
): Promise<number> {
  let count = 0;
  for (;;) {
    const events = await store.readAll({ after, limit: 1000 });
    if (events.length === 0) return count;
    for (const e of events) {
      const shown = piiFree ? piiFree.event(e) : e;
      if (shown === null) continue;
      write(`${JSON.stringify(shown)}\n`);
      count += 1;
    }
    after = events.at(-1)!.position;
  }
}
