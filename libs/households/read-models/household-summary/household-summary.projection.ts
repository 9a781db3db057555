import type { Kysely, Transaction } from 'kysely';
import type { RecordedEvent } from '#libs/platform/event-store/index.js';
import type { Projection } from '#libs/platform/read-store/index.js';
import { HOUSEHOLD_EVENT_TYPES, type HouseholdEvent, type Member } from '../../domain/household.events.js';
import { HOUSEHOLD_CATEGORY } from '../../household-streams.js';
import {
  HOUSEHOLD_SUMMARY_TABLE,
  headNameOf,
  searchTextOf,
  type HouseholdSummaryRow,
  type HouseholdSummaryTables,
} from './household-summary.table.js';

type Db = Kysely<HouseholdSummaryTables>;

/** One row per household: what caseworkers and supervisors list, filter and search. */
export const householdSummaryProjection: Projection = {
  name: 'household-summary',
  version: 2,
  filter: { categories: [HOUSEHOLD_CATEGORY], types: HOUSEHOLD_EVENT_TYPES },
  tables: [HOUSEHOLD_SUMMARY_TABLE],

  async setup(db: Db) {
    await db.schema
      .createTable(HOUSEHOLD_SUMMARY_TABLE)
      .ifNotExists()
      .addColumn('household_id', 'text', (c) => c.primaryKey())
      .addColumn('kk', 'text', (c) => c.notNull())
      .addColumn('head_name', 'text', (c) => c.notNull())
      .addColumn('kecamatan', 'text', (c) => c.notNull())
      .addColumn('kelurahan', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('members', 'text', (c) => c.notNull())
      .addColumn('member_count', 'integer', (c) => c.notNull())
      .addColumn('welfare_status', 'text', (c) => c.notNull())
      .addColumn('case_status', 'text', (c) => c.notNull())
      .addColumn('pending_exit', 'integer', (c) => c.notNull())
      .addColumn('caseworker_id', 'text')
      .addColumn('per_capita_income', 'bigint')
      .addColumn('poverty_line', 'bigint')
      .addColumn('last_assessed_on', 'text')
      .addColumn('notes_count', 'integer', (c) => c.notNull())
      .addColumn('last_contact_at', 'text')
      .addColumn('registered_at', 'text', (c) => c.notNull())
      .addColumn('registered_position', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('last_position', 'bigint', (c) => c.notNull())
      .addColumn('search_text', 'text', (c) => c.notNull())
      .execute();
    const index = (name: string, columns: (keyof HouseholdSummaryRow)[]) =>
      db.schema.createIndex(name).ifNotExists().on(HOUSEHOLD_SUMMARY_TABLE).columns(columns).execute();
    await index('household_summary_by_area', ['kecamatan', 'kelurahan', 'registered_position']);
    await index('household_summary_by_caseworker', ['caseworker_id', 'registered_position']);
    await index('household_summary_by_status', ['welfare_status', 'registered_position']);
    await index('household_summary_by_kk', ['kk']);
    await index('household_summary_by_registration', ['registered_position']);
  },

  async apply(trx: Transaction<HouseholdSummaryTables>, recorded: RecordedEvent) {
    const event = { type: recorded.type, data: recorded.data } as HouseholdEvent;
    const id = recorded.stream.slice(HOUSEHOLD_CATEGORY.length + 1);
    const stamp = { revision: recorded.revision, last_position: recorded.position, updated_at: recorded.recordedAt };

    if (event.type === 'HouseholdRegistered') {
      const { kk, address, members } = event.data;
      await trx
        .insertInto(HOUSEHOLD_SUMMARY_TABLE)
        .values({
          household_id: id,
          kk,
          head_name: headNameOf(members),
          kecamatan: address.kecamatan,
          kelurahan: address.kelurahan,
          address: JSON.stringify(address),
          members: JSON.stringify(members),
          member_count: members.length,
          welfare_status: 'unassessed',
          case_status: 'open',
          pending_exit: 0,
          caseworker_id: null,
          per_capita_income: null,
          poverty_line: null,
          last_assessed_on: null,
          notes_count: 0,
          last_contact_at: null,
          registered_at: recorded.recordedAt,
          registered_position: recorded.position,
          search_text: searchTextOf(kk, members),
          ...stamp,
        })
        .onConflict((oc) => oc.column('household_id').doNothing())
        .execute();
      return;
    }

    const row = await trx
      .selectFrom(HOUSEHOLD_SUMMARY_TABLE)
      .select(['kk', 'members', 'last_position'])
      .where('household_id', '=', id)
      .executeTakeFirst();
    // Applied already (a replayed batch) or a household this projection never saw registered.
    if (!row || Number(row.last_position) >= recorded.position) return;
    const update = trx.updateTable(HOUSEHOLD_SUMMARY_TABLE).where('household_id', '=', id);

    switch (event.type) {
      case 'HouseholdAssessed': {
        const { perCapitaIncome, povertyLine, assessedOn, welfareStatus } = event.data;
        await update
          .set({
            ...stamp,
            welfare_status: welfareStatus,
            per_capita_income: perCapitaIncome,
            poverty_line: povertyLine,
            last_assessed_on: assessedOn,
          })
          .execute();
        return;
      }
      case 'CaseworkerAssigned':
        await update.set({ ...stamp, caseworker_id: event.data.caseworkerId }).execute();
        return;
      case 'CaseNoteRecorded':
        await update
          .set((eb) => ({
            ...stamp,
            notes_count: eb('notes_count', '+', 1),
            last_contact_at: String(recorded.metadata.occurredAt),
          }))
          .execute();
        return;
      case 'ExitProposed':
        await update.set({ ...stamp, pending_exit: 1 }).execute();
        return;
      case 'ExitRejected':
        await update.set({ ...stamp, pending_exit: 0 }).execute();
        return;
      case 'ExitApproved':
        await update.set({ ...stamp, pending_exit: 0, case_status: 'closed' }).execute();
        return;
      case 'CaseReopened':
        await update.set({ ...stamp, case_status: 'open' }).execute();
        return;
      case 'MemberAdded':
      case 'MemberRemoved': {
        const current = JSON.parse(row.members) as Member[];
        const members =
          event.type === 'MemberAdded'
            ? [...current, event.data.member]
            : current.filter((m) => m.nik !== event.data.nik);
        await update
          .set({
            ...stamp,
            members: JSON.stringify(members),
            member_count: members.length,
            head_name: headNameOf(members),
            search_text: searchTextOf(row.kk, members),
          })
          .execute();
        return;
      }
    }
  },
};
