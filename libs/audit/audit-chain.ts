import { PostgresAdapter, type Kysely, type Transaction } from 'kysely';
import type { EventStore } from '#libs/platform/event-store/index.js';
import { GENESIS_HASH } from '#libs/platform/hash-chain/index.js';
import { writeRows, type Projection } from '#libs/platform/read-store/index.js';
import { ChainHasher } from './chain-links.js';

export { GENESIS_HASH };

/** Links the chain's batches (large ones in a worker thread). */
const hasher = new ChainHasher();

/** How many batches or pages this process linked in the worker thread (what the tests look at). */
export const auditChainLinksInWorker = (): number => hasher.inWorker;
export const AUDIT_CHAIN_TABLE = 'audit_chain';

interface ChainTables {
  audit_chain: { position: number; event_id: string; hash: string };
}

/**
 * Tamper evidence: a side table holding, for every event of the global feed, a hash chained to
 * the previous event's. Changing, removing or inserting an event in the store breaks the chain
 * from there on; `verifyAuditChain` recomputes it and reports the first break. The chain is never
 * rebuilt from the events (that would bless a tampered store).
 */
export const auditChainProjection: Projection = {
  name: 'audit-chain',
  version: 1,
  filter: {},
  tables: [AUDIT_CHAIN_TABLE],
  rebuildable: false,
  async setup(db: Kysely<ChainTables>) {
    await db.schema
      .createTable(AUDIT_CHAIN_TABLE)
      .ifNotExists()
      .addColumn('position', 'bigint', (c) => c.primaryKey())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
  },
  async apply() {
    throw new Error('The audit chain links whole batches (applyBatch)');
  },
  async applyBatch(trx: Transaction<ChainTables>, events) {
    const last = await trx
      .selectFrom(AUDIT_CHAIN_TABLE)
      .select(['position', 'hash'])
      .orderBy('position', 'desc')
      .limit(1)
      .executeTakeFirst();
    const unlinked = last ? events.filter((e) => e.position > Number(last.position)) : events;
    // On PostgreSQL the feed applies the other read models meanwhile (a connection each, with more
    // than one writer: the default); on SQLite it applies them one after another on this thread,
    // which would only wait.
    const offThread = trx.getExecutor().adapter instanceof PostgresAdapter;
    const hashes = await hasher.link(last?.hash ?? GENESIS_HASH, unlinked, offThread);
    const rows = unlinked.map((event, i) => ({ position: event.position, event_id: event.eventId, hash: hashes[i]! }));
    await writeRows(trx, rows, (chunk) => trx.insertInto(AUDIT_CHAIN_TABLE).values(chunk));
  },
};

export interface ChainVerification {
  ok: boolean;
  eventsChecked: number;
  headPosition: number;
  headHash: string;
  firstBreak: { position: number; eventId: string | null; reason: string } | null;
}

/** Recomputes the chain from the store and compares it, event by event, with the side table. */
export async function verifyAuditChain(
  store: EventStore,
  db: Kysely<ChainTables>,
  upTo?: number,
): Promise<ChainVerification> {
  const chained = Number(
    (
      await db
        .selectFrom(AUDIT_CHAIN_TABLE)
        .select((eb) => eb.fn.max('position').as('p'))
        .executeTakeFirst()
    )?.p ?? 0,
  );
  const until = Math.min(upTo ?? chained, chained);
  let previous = GENESIS_HASH;
  let after = 0;
  let checked = 0;
  const broken = (position: number, eventId: string | null, reason: string): ChainVerification => ({
    ok: false,
    eventsChecked: checked,
    headPosition: until,
    headHash: previous,
    firstBreak: { position, eventId, reason },
  });
  while (after < until) {
    const events = (await store.readAll({ after, limit: 1000 })).filter((e) => e.position <= until);
    const rows = await db
      .selectFrom(AUDIT_CHAIN_TABLE)
      .select(['position', 'event_id', 'hash'])
      .where('position', '>', after)
      .where('position', '<=', events.at(-1)?.position ?? until)
      .orderBy('position')
      .execute();
    if (events.length === 0)
      return rows[0]
        ? broken(Number(rows[0].position), rows[0].event_id, 'chained event is missing from the store')
        : broken(after, null, 'store ends early');
    // Each event's link, computed in the worker thread for a full page: verifying a large store
    // no longer holds the thread that serves requests (10 ms or so of it per 1,000 events).
    const links = await hasher.link(previous, events);
    for (let i = 0; i < Math.max(events.length, rows.length); i++) {
      const event = events[i];
      const row = rows[i];
      if (!row || !event || Number(row.position) !== event.position) {
        const position = Math.min(Number(row?.position ?? Infinity), event?.position ?? Infinity);
        return broken(
          position,
          event?.eventId ?? row?.event_id ?? null,
          event && (!row || event.position < Number(row.position))
            ? 'event not in the chain (inserted?)'
            : 'chained event is missing from the store',
        );
      }
      previous = links[i]!;
      if (previous !== row.hash)
        return broken(event.position, event.eventId, 'event differs from what was chained (changed?)');
      checked += 1;
    }
    after = events.at(-1)!.position;
  }
  return { ok: true, eventsChecked: checked, headPosition: until, headHash: previous, firstBreak: null };
}
