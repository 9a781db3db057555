import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Kysely } from 'kysely';
import { actorIndexProjection, eraseReasonsOf, revocationsOf, type ActorIndexTables } from '#libs/audit/actor-index.js';
import { ERASED } from '#libs/platform/crypto-shredding/index.js';
import {
  fillTable,
  queryPlan,
  scratchReadDatabase,
  type ScratchReadDatabase,
} from '../support/scratch-read-database.js';

/**
 * The actor index keeps a row per event; its households are indexed only where they are looked
 * for (partial indexes): a household's revocations and its reasons. These lookups must stay index
 * walks, or each would read the whole table: a query whose conditions no longer imply the index's.
 */
describe.each(['sqlite', 'postgres'] as const)('the actor index looked up by household (%s)', (dialect) => {
  let scratch: ScratchReadDatabase;
  let db: Kysely<ActorIndexTables>;

  beforeEach(async () => {
    scratch = await scratchReadDatabase(dialect, 'actor-index');
    db = scratch.database.writer as Kysely<ActorIndexTables>;
    await actorIndexProjection.setup(db);
    const rows = Array.from({ length: 3_000 }, (_, i) => ({
      position: i + 1,
      actor: `caseworker-${i % 30}`,
      role: 'pendamping',
      type: i % 500 === 0 ? 'EventRevoked' : 'VisitDone',
      stream: `casework-h${i % 300}`,
      occurred_at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      recorded_at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      reason: i % 100 === 0 ? 'keluarga pindah' : null,
      household_id: `h${i % 300}`,
      business_date: null,
    }));
    await fillTable(db, dialect, 'audit_actor_events', rows);
  });
  afterEach(() => scratch.dispose());
  const plan = (query: Parameters<typeof queryPlan>[2]) => queryPlan(db, dialect, query);

  it("finds a household's revocations through their partial index, and only those", async () => {
    const query = revocationsOf(db, ['h0', 'h200'], 0);
    expect(await plan(query)).toContain('audit_actor_events_revocations_by_household');
    // Revocations are on positions 1, 501, 1001, ... (i % 500 === 0), of households h0, h200, h100 in turn.
    const found = (await query.execute()).map((r) => [Number(r.position), r.stream]);
    expect(found.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [1, 'casework-h0'],
      [501, 'casework-h200'],
      [1501, 'casework-h0'],
      [2001, 'casework-h200'],
    ]);
  });

  it("blanks a household's reasons through their partial index, and no other row", async () => {
    const update = eraseReasonsOf(db, 'h0');
    expect(await plan(update)).toContain('audit_actor_events_reasons_by_household');
    await update.execute();
    const left = await db
      .selectFrom('audit_actor_events')
      .select(['household_id', 'reason'])
      .where('reason', 'is not', null)
      .execute();
    // Reasons are on every hundredth row (households h0, h100, h200 in turn): h0's are erased.
    expect(left.filter((r) => r.household_id === 'h0').every((r) => r.reason === ERASED)).toBe(true);
    expect(left.filter((r) => r.household_id !== 'h0').every((r) => r.reason === 'keluarga pindah')).toBe(true);
    expect(left).toHaveLength(30);
  });
});
