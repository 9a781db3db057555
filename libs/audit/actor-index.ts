import { sql, type Kysely, type Transaction } from 'kysely';
import { CASEWORK_CATEGORY, type CaseworkEvent } from '#libs/casework/index.js';
import { HOUSEHOLD_ERASED_BY, type HouseholdEvent } from '#libs/households/index.js';
import { REFERRAL_CATEGORY, type ReferralEvent } from '#libs/referrals/index.js';
import { OUTCOME_CATEGORIES, businessDateOf, type OutcomeEvent } from '#libs/reporting/index.js';
import { ERASED, keyOwnerOf } from '#libs/platform/crypto-shredding/index.js';
import { categoryOf, idOf, type RecordedEvent } from '#libs/platform/event-store/index.js';
import { writeRows, type Projection } from '#libs/platform/read-store/index.js';
import type { EventRevoked } from '#libs/platform/domain/index.js';

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
    /** The household the event speaks of, if any: its reasons go when its key is erased. */
    household_id: string | null;
    /**
     * The local day the activity happened on, as the event states it (a visit's `doneOn`, a
     * verification's `verifiedOn`); null when it names none: it happened when it was recorded.
     */
    business_date: string | null;
  };
}

const householdOf = (e: RecordedEvent): string | null => {
  const owner = keyOwnerOf(e.stream, e);
  return owner ? idOf(owner) : null;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (value: string | undefined): string | null => (value && DAY.test(value) ? value : null);
const OUTCOME = new Set<string>(OUTCOME_CATEGORIES);

/**
 * The business date of any activity the monthly report counts: the outcome events' from
 * `businessDateOf` (libs/reporting), the visits' and referrals' from their own day fields (here,
 * since casework imports the reporting library: reporting importing casework would be a cycle).
 */
export function activityDateOf(e: RecordedEvent): string | null {
  const category = categoryOf(e.stream);
  if (OUTCOME.has(category)) return businessDateOf({ type: e.type, data: e.data } as OutcomeEvent);
  if (category === CASEWORK_CATEGORY) {
    const event = { type: e.type, data: e.data } as CaseworkEvent;
    switch (event.type) {
      case 'VisitDone':
        return day(event.data.doneOn);
      case 'VisitMissed':
        return day(event.data.missedOn);
      default:
        return null;
    }
  }
  if (category === REFERRAL_CATEGORY) {
    const event = { type: e.type, data: e.data } as ReferralEvent;
    switch (event.type) {
      case 'ReferralMade':
        return day(event.data.referredOn);
      case 'ReferralAccepted':
        return day(event.data.acceptedOn);
      case 'ReferralRejected':
        return day(event.data.rejectedOn);
      case 'ReferralServiceDone':
        return day(event.data.doneOn);
      case 'ReferralRevoked':
        return day(event.data.revokedOn);
      default:
        return null;
    }
  }
  return null;
}

/** The type of a revocation (ADR 0019), which the monthly report looks for by household. */
export const REVOKED: EventRevoked['type'] = 'EventRevoked';

/**
 * Who did what: every event by its actor, for audits and the caseworkers' monthly report.
 * Version 2 keeps each event's business date (the monthly report places activities by it);
 * version 3 indexes households only where they are looked for (revocations, reasons).
 */
export const actorIndexProjection: Projection = {
  name: 'actor-index',
  version: 3,
  filter: {},
  tables: [ACTOR_INDEX_TABLE],
  // Read by the audit routes and the monthly report only; a batch looks rows up by the reasons index alone (an erasure).
  deferredIndexes: [
    'audit_actor_events_by_actor',
    'audit_actor_events_by_actor_business_date',
    'audit_actor_events_by_actor_position',
    'audit_actor_events_revocations_by_household',
  ],
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
      .addColumn('household_id', 'text')
      .addColumn('business_date', 'text')
      .execute();
    // A household's rows are looked for in two cases only, each a small part of the table: its
    // revocations (the monthly report) and its reasons (erased with its key). Two partial indexes
    // serve them, where an index of every row cost each event's insert another index entry
    // (revocationsOf and eraseReasonsOf below; a test EXPLAINs both on both stores).
    await db.schema
      .createIndex('audit_actor_events_revocations_by_household')
      .ifNotExists()
      .on(ACTOR_INDEX_TABLE)
      .columns(['household_id'])
      .where(sql.ref('type'), '=', sql.lit(REVOKED))
      .execute();
    await db.schema
      .createIndex('audit_actor_events_reasons_by_household')
      .ifNotExists()
      .on(ACTOR_INDEX_TABLE)
      .columns(['household_id'])
      .where(sql.ref('reason'), 'is not', null)
      .execute();
    await db.schema
      .createIndex('audit_actor_events_by_actor')
      .ifNotExists()
      .on(ACTOR_INDEX_TABLE)
      .columns(['actor', 'occurred_at'])
      .execute();
    // The monthly report reads an actor's month by business date.
    await db.schema
      .createIndex('audit_actor_events_by_actor_business_date')
      .ifNotExists()
      .on(ACTOR_INDEX_TABLE)
      .columns(['actor', 'business_date'])
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
        household_id: householdOf(e),
        business_date: activityDateOf(e),
      }));
    await writeRows(trx, rows, (chunk) =>
      trx
        .insertInto(ACTOR_INDEX_TABLE)
        .values(chunk)
        .onConflict((oc) => oc.column('position').doNothing()),
    );
    // A reason is free text about the family: once its key is erased, the copy here goes too
    // (ADR 0010; a rebuild reads the markers from the store anyway).
    for (const e of events.filter((x) => HOUSEHOLD_ERASED_BY.includes(x.type as HouseholdEvent['type'])))
      await eraseReasonsOf(trx, idOf(e.stream)).execute();
  },
};

/** Blanks the reasons of a household's rows (an index walk: audit_actor_events_reasons_by_household). */
export const eraseReasonsOf = (db: Kysely<ActorIndexTables>, householdId: string) =>
  db
    .updateTable(ACTOR_INDEX_TABLE)
    .set({ reason: ERASED })
    .where('household_id', '=', householdId)
    .where('reason', 'is not', null);

/**
 * The revocations recorded on these households' streams after `after`, as the actor index has them
 * (an index walk: audit_actor_events_revocations_by_household). The type is a literal, as in the
 * index: a plan made without the bound values (a prepared statement's generic plan) still matches.
 */
export const revocationsOf = (db: Kysely<ActorIndexTables>, householdIds: readonly string[], after: number) =>
  db
    .selectFrom(ACTOR_INDEX_TABLE)
    .select(['position', 'stream'])
    .where('household_id', 'in', householdIds)
    .where('type', '=', sql.lit(REVOKED))
    .where('position', '>', after);
