import type { Kysely, Transaction } from 'kysely';
import { categoryOf, type RecordedEvent } from '#libs/platform/event-store/index.js';
import type { Projection } from '#libs/platform/read-store/index.js';

export const ACTOR_INDEX_TABLE = 'audit_actor_events';
const INTERNAL = new Set(['identity', 'kubemembership']);

export interface ActorIndexTables {
  audit_actor_events: {
    position: number;
    actor: string;
    role: string;
    type: string;
    stream: string;
    occurred_at: string;
    recorded_at: string;
    reason: string | null;
  };
}

/** Who did what: every event by its actor, for audits and the caseworkers' monthly report. */
export const actorIndexProjection: Projection = {
  name: 'actor-index',
  version: 1,
  filter: {},
  tables: [ACTOR_INDEX_TABLE],
  async setup(db: Kysely<ActorIndexTables>) {
    await db.schema
      .createTable(ACTOR_INDEX_TABLE)
      .ifNotExists()
      .addColumn('position', 'bigint', (c) => c.primaryKey())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('stream', 'text', (c) => c.notNull())
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .execute();
    await db.schema
      .createIndex('audit_actor_events_by_actor')
      .ifNotExists()
      .on(ACTOR_INDEX_TABLE)
      .columns(['actor', 'occurred_at'])
      .execute();
    // Paging through an actor's events by position stays an index walk however many they did.
    await db.schema
      .createIndex('audit_actor_events_by_actor_position')
      .ifNotExists()
      .on(ACTOR_INDEX_TABLE)
      .columns(['actor', 'position'])
      .execute();
  },
  async apply() {
    throw new Error('The actor index writes whole batches (applyBatch)');
  },
  async applyBatch(trx: Transaction<ActorIndexTables>, events: readonly RecordedEvent[]) {
    const rows = events
      .filter((e) => !INTERNAL.has(categoryOf(e.stream)))
      .map((e) => ({
        position: e.position,
        actor: String(e.metadata.actor),
        role: String(e.metadata.role),
        type: e.type,
        stream: e.stream,
        occurred_at: String(e.metadata.occurredAt),
        recorded_at: e.recordedAt,
        reason: typeof e.metadata.reason === 'string' ? e.metadata.reason : null,
      }));
    for (let i = 0; i < rows.length; i += 500) {
      await trx
        .insertInto(ACTOR_INDEX_TABLE)
        .values(rows.slice(i, i + 500))
        .onConflict((oc) => oc.column('position').doNothing())
        .execute();
    }
  },
};
