import type { Kysely, Transaction } from 'kysely';
import type { RecordedEvent } from '#libs/platform/event-store/index.js';
import {
  foldedBy,
  keyChunks,
  roomForUpdates,
  writeChangedRows,
  otherEvent,
  recordedAs,
  type BatchFold,
  type Projection,
  type Recorded,
} from '#libs/platform/read-store/index.js';
import { erasedValue, mapPaths, sealedPaths } from '#libs/platform/crypto-shredding/index.js';
import {
  REVOCATION_EVENT_TYPES,
  privacyPathsOf,
  type RestoredStatus,
  type RevocationEvent,
} from '#libs/platform/domain/index.js';
import {
  HOUSEHOLD_EVENT_TYPES,
  type Address,
  type HouseholdEvent,
  type Member,
} from '../../domain/household.events.js';
import { HOUSEHOLD_PRIVACY } from '../../domain/household.privacy.js';
import { membersAfter } from '../../domain/member-change.state.js';
import { HOUSEHOLD_CATEGORY } from '../../household-streams.js';
import {
  HOUSEHOLD_SUMMARY_TABLE,
  headNameOf,
  searchTextOf,
  type HouseholdSummaryRow,
  type HouseholdSummaryTables,
} from './household-summary.table.js';

type Db = Kysely<HouseholdSummaryTables>;

/** The rows a batch touches, as read (or last written), and as its events leave them. */
interface SummaryState {
  rows: Map<string, HouseholdSummaryRow>;
  read: Map<string, HouseholdSummaryRow>;
  changed: Set<string>;
}

/**
 * The rows a batch touches are read once, folded in memory, and written once, each only as much
 * as the batch changed it (most events touch a few columns of no index); a rebuild keeps them from
 * batch to batch and writes each once (foldAcrossBatches).
 */
const summaryFold: BatchFold<SummaryState> = {
  async load(trx: Transaction<HouseholdSummaryTables>, recorded) {
    const state: SummaryState = { rows: new Map(), read: new Map(), changed: new Set() };
    const ids = [...new Set(recordedAs<HouseholdEvent | RevocationEvent>(recorded).map(householdIdOf))];
    for (const chunk of keyChunks(ids)) {
      const found = await trx
        .selectFrom(HOUSEHOLD_SUMMARY_TABLE)
        .selectAll()
        .where('household_id', 'in', chunk)
        .execute();
      for (const row of found) {
        state.rows.set(row.household_id, row);
        state.read.set(row.household_id, row);
      }
    }
    return state;
  },
  empty: () => ({ rows: new Map(), read: new Map(), changed: new Set() }),
  fold({ rows, changed }, recorded) {
    for (const event of recordedAs<HouseholdEvent | RevocationEvent>(recorded)) {
      const id = householdIdOf(event);
      // evolveRow makes a new row: the one read stays as read.
      const next = evolveRow(rows.get(id), event, id);
      if (next) {
        rows.set(id, next);
        changed.add(id);
      }
    }
  },
  write: (trx: Transaction<HouseholdSummaryTables>, { rows, read, changed }) =>
    writeChangedRows(
      trx,
      [...changed].map((id) => rows.get(id)!),
      { table: HOUSEHOLD_SUMMARY_TABLE, key: 'household_id', before: (row) => read.get(row.household_id) },
    ),
  settle({ rows, read, changed }) {
    for (const id of changed) read.set(id, rows.get(id)!);
    changed.clear();
  },
  size: ({ rows }) => rows.size,
};

/** One row per household: what caseworkers and supervisors list, filter and search. */
export const householdSummaryProjection: Projection = {
  name: 'household-summary',
  version: 4,
  // Revocations (ADR 0019) as well.
  filter: { categories: [HOUSEHOLD_CATEGORY], types: [...HOUSEHOLD_EVENT_TYPES, ...REVOCATION_EVENT_TYPES] },
  tables: [HOUSEHOLD_SUMMARY_TABLE],
  // Every index serves the list and search routes; a batch looks rows up by household (the key) only.
  deferredIndexes: [
    'household_summary_by_area',
    'household_summary_by_caseworker',
    'household_summary_by_status',
    'household_summary_by_decile',
    'household_summary_by_kk',
    'household_summary_by_registration',
    'household_summary_by_closing',
  ],

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
      .addColumn('welfare_decile', 'integer')
      .addColumn('dtks_extracted_on', 'text')
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
      .addColumn('closed_on', 'text')
      .addColumn('erased', 'integer', (c) => c.notNull())
      // A batch updates its households' counts and dates, which no index covers.
      .modifyEnd(roomForUpdates(db))
      .execute();
    const index = (name: string, columns: (keyof HouseholdSummaryRow)[]) =>
      db.schema.createIndex(name).ifNotExists().on(HOUSEHOLD_SUMMARY_TABLE).columns(columns).execute();
    await index('household_summary_by_area', ['kecamatan', 'kelurahan', 'registered_position']);
    await index('household_summary_by_caseworker', ['caseworker_id', 'registered_position']);
    await index('household_summary_by_status', ['welfare_status', 'registered_position']);
    await index('household_summary_by_decile', ['welfare_decile', 'registered_position']);
    await index('household_summary_by_kk', ['kk']);
    await index('household_summary_by_registration', ['registered_position']);
    await index('household_summary_by_closing', ['case_status', 'closed_on']);
  },

  ...foldedBy(summaryFold),
};

const SEALED_AT_REGISTRATION = sealedPaths(privacyPathsOf(HOUSEHOLD_PRIVACY, 'HouseholdRegistered'));

/** The row's personal columns as a read shows them once the key is gone (ADR 0010). */
function erasedColumns(row: HouseholdSummaryRow): Partial<HouseholdSummaryRow> {
  const { kk, address, members } = mapPaths(
    { kk: row.kk, address: JSON.parse(row.address) as Address, members: JSON.parse(row.members) as Member[] },
    SEALED_AT_REGISTRATION,
    erasedValue,
  ) as { kk: string; address: Address; members: Member[] };
  return {
    kk,
    address: JSON.stringify(address),
    members: JSON.stringify(members),
    head_name: headNameOf(members),
    search_text: '',
    erased: 1,
  };
}

const householdIdOf = (recorded: RecordedEvent): string => recorded.stream.slice(HOUSEHOLD_CATEGORY.length + 1);

/** The row after one event, or undefined when the event changes nothing (already applied, unknown household). */
function evolveRow(
  row: HouseholdSummaryRow | undefined,
  event: Recorded<HouseholdEvent | RevocationEvent>,
  id: string,
): HouseholdSummaryRow | undefined {
  const stamp = { revision: event.revision, last_position: event.position, updated_at: event.recordedAt };
  if (event.type === 'HouseholdRegistered') {
    if (row) return undefined;
    const { kk, address, members, dtks } = event.data;
    return {
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
      welfare_decile: dtks?.welfareDecile ?? null,
      dtks_extracted_on: dtks?.extractedOn ?? null,
      per_capita_income: null,
      poverty_line: null,
      last_assessed_on: null,
      notes_count: 0,
      last_contact_at: null,
      registered_at: event.recordedAt,
      registered_position: event.position,
      search_text: searchTextOf(kk, members),
      closed_on: null,
      erased: 0,
      ...stamp,
    };
  }
  // Applied already (a replayed batch) or a household this projection never saw registered.
  if (!row || Number(row.last_position) >= event.position) return undefined;
  switch (event.type) {
    case 'HouseholdAssessed': {
      const { perCapitaIncome, povertyLine, assessedOn, welfareStatus } = event.data;
      return {
        ...row,
        ...stamp,
        welfare_status: welfareStatus,
        per_capita_income: perCapitaIncome,
        poverty_line: povertyLine,
        last_assessed_on: assessedOn,
      };
    }
    case 'CaseworkerAssigned':
      return { ...row, ...stamp, caseworker_id: event.data.caseworkerId };
    case 'CaseNoteRecorded':
      return {
        ...row,
        ...stamp,
        notes_count: Number(row.notes_count) + 1,
        last_contact_at: String(event.metadata.occurredAt),
      };
    case 'ExitProposed':
      return { ...row, ...stamp, pending_exit: 1 };
    case 'ExitRejected':
      return { ...row, ...stamp, pending_exit: 0 };
    case 'ExitApproved':
      return { ...row, ...stamp, pending_exit: 0, case_status: 'closed', closed_on: event.data.exitedOn };
    case 'CaseReopened':
      return { ...row, ...stamp, case_status: 'open', closed_on: null };
    case 'ErasureRequested':
      return { ...row, ...stamp };
    case 'HouseholdErased':
      return { ...row, ...stamp, ...erasedColumns(row) };
    case 'MemberAdded':
    case 'MemberRemoved': {
      const current = JSON.parse(row.members) as Member[];
      const members =
        event.type === 'MemberAdded'
          ? [...current, event.data.member]
          : current.filter((m) => m.nik !== event.data.nik);
      return {
        ...row,
        ...stamp,
        members: JSON.stringify(members),
        member_count: members.length,
        head_name: headNameOf(members),
        search_text: searchTextOf(row.kk, members),
      };
    }
    case 'HouseholdMoved': {
      const { address } = event.data;
      const { kecamatan, kelurahan } = address;
      return { ...row, ...stamp, kecamatan, kelurahan, address: JSON.stringify(address) };
    }
    case 'MemberDetailsCorrected':
    case 'PregnancyBegan':
    case 'PregnancyEnded':
    case 'ChildBorn':
    case 'MemberNikIssued':
    case 'SchoolLevelChanged':
    case 'DisabilityAssessed':
    case 'MemberDied':
    case 'MemberMovedOut':
    case 'MemberMovedIn': {
      const members = membersAfter(JSON.parse(row.members) as Member[], event);
      return {
        ...row,
        ...stamp,
        members: JSON.stringify(members),
        member_count: members.length,
        head_name: headNameOf(members),
        search_text: searchTextOf(row.kk, members),
      };
    }
    case 'RevocationRequested':
    case 'RevocationRejected':
      return { ...row, ...stamp };
    case 'EventRevoked':
      return { ...row, ...stamp, ...restoredColumns(event.data.restored) };
    default:
      otherEvent(event);
      return undefined;
  }
}

/**
 * A revoked entry (ADR 0019): the row takes the status the revocation carries, the household's as
 * folded without the entry (welfare status, latest assessment, case, pending exit, notes). The
 * member list stays as the feed built it: a revoked member change carries no member (personal).
 */
function restoredColumns(restored: RestoredStatus | undefined): Partial<HouseholdSummaryRow> {
  if (!restored) return {};
  const { welfareStatus, lastAssessment, caseStatus, closedOn, pendingExit, notes } = restored;
  return {
    ...(welfareStatus !== undefined ? { welfare_status: welfareStatus } : {}),
    ...(lastAssessment !== undefined
      ? {
          per_capita_income: lastAssessment?.perCapitaIncome ?? null,
          poverty_line: lastAssessment?.povertyLine ?? null,
          last_assessed_on: lastAssessment?.assessedOn ?? null,
        }
      : {}),
    ...(caseStatus !== undefined ? { case_status: caseStatus } : {}),
    ...(closedOn !== undefined ? { closed_on: closedOn } : {}),
    ...(pendingExit !== undefined ? { pending_exit: pendingExit ? 1 : 0 } : {}),
    ...(notes !== undefined ? { notes_count: notes } : {}),
  };
}
