import type { Kysely, Transaction } from 'kysely';
import { HOUSEHOLD_CATEGORY, type HouseholdEvent } from '#libs/households/index.js';
import { ERASED } from '#libs/platform/crypto-shredding/index.js';
import { idOf, type RecordedEvent } from '#libs/platform/event-store/index.js';
import { BatchRows, otherEvent, recordedAs, type Projection, type Recorded } from '#libs/platform/read-store/index.js';
import { CASEWORK_CATEGORY } from '../../casework-streams.js';
import { CASEWORK_EVENT_TYPES, RISK_LEVELS, type CaseworkEvent } from '../../domain/index.js';
import {
  CASEWORK_TABLES,
  createCaseworkTables,
  type CaseworkCaseRow,
  type CaseworkTables,
  type FlagRow,
  type OpenVisitRow,
} from './casework-cases.table.js';

type Trx = Transaction<CaseworkTables>;
type Folded = Extract<
  HouseholdEvent,
  {
    type:
      | 'HouseholdRegistered'
      | 'HouseholdMoved'
      | 'CaseworkerAssigned'
      | 'ExitApproved'
      | 'CaseReopened'
      | 'HouseholdErased';
  }
>;
const HOUSEHOLD_TYPES: readonly Folded['type'][] = [
  'HouseholdRegistered',
  'HouseholdMoved',
  'CaseworkerAssigned',
  'ExitApproved',
  'CaseReopened',
  'HouseholdErased',
];

/** Rows of the casework of each case: one per household. */
export const caseworkCasesProjection: Projection = {
  name: 'casework-cases',
  // 2: a family's move within the city (HouseholdMoved) moves its row to the new area.
  version: 2,
  filter: { categories: [HOUSEHOLD_CATEGORY, CASEWORK_CATEGORY], types: [...HOUSEHOLD_TYPES, ...CASEWORK_EVENT_TYPES] },
  tables: CASEWORK_TABLES,
  async setup(db: Kysely<CaseworkTables>) {
    await createCaseworkTables(db);
  },
  async apply(trx: Trx, event: RecordedEvent) {
    await this.applyBatch!(trx, [event]);
  },
  /** The cases a batch touches are read once, changed in memory and written once. */
  async applyBatch(trx: Trx, recorded: readonly RecordedEvent[]) {
    const events = recordedAs<Folded | CaseworkEvent>(recorded);
    await new BatchRows<CaseworkCaseRow>({ table: 'casework_cases', key: 'household_id' }).fold(
      trx,
      events,
      (event) => idOf(event.stream),
      applyCaseworkEvent,
    );
  },
};

function applyCaseworkEvent(rows: BatchRows<CaseworkCaseRow>, event: Recorded<Folded | CaseworkEvent>): void {
  const householdId = idOf(event.stream);
  const set = (values: Partial<CaseworkCaseRow> | ((row: CaseworkCaseRow) => Partial<CaseworkCaseRow>)) =>
    rows.set(householdId, values);
  switch (event.type) {
    case 'HouseholdRegistered': {
      const { kecamatan, kelurahan } = event.data.address;
      rows.add({
        household_id: householdId,
        caseworker_id: null,
        kecamatan,
        kelurahan,
        case_status: 'open',
        pending_transfer: null,
        transfer_to: null,
        transfer_requested_as: null,
        visits: '[]',
        next_visit_due: null,
        flags: '[]',
        flag_codes: '|',
        max_risk: 0,
      });
      return;
    }
    case 'HouseholdMoved': {
      const { kecamatan, kelurahan } = event.data.address;
      set({ kecamatan, kelurahan });
      return;
    }
    case 'CaseworkerAssigned':
      set({ caseworker_id: event.data.caseworkerId });
      return;
    case 'ExitApproved':
      set({ case_status: 'closed' });
      return;
    case 'CaseReopened':
      set({ case_status: 'open' });
      return;
    case 'HouseholdErased':
      // A visit's purpose speaks of the family.
      set((row) => withVisits(visitsOf(row).map((v) => ({ ...v, purpose: ERASED }))));
      return;
    case 'TransferRequested': {
      const { transferId, fromCaseworkerId, toCaseworkerId, requestedBy, requestedAs } = event.data;
      const pending = { transferId, fromCaseworkerId, toCaseworkerId, requestedBy, requestedAs };
      set({
        pending_transfer: JSON.stringify(pending),
        transfer_to: toCaseworkerId,
        transfer_requested_as: requestedAs,
      });
      return;
    }
    case 'TransferAccepted':
    case 'TransferRejected':
      set({ pending_transfer: null, transfer_to: null, transfer_requested_as: null });
      return;
    case 'VisitScheduled': {
      const { visitId, kind, dueOn, origin, purpose } = event.data;
      set((row) =>
        withVisits([...visitsOf(row).filter((v) => v.visitId !== visitId), { visitId, kind, dueOn, origin, purpose }]),
      );
      return;
    }
    case 'VisitDone':
    case 'VisitMissed':
      set((row) => withVisits(visitsOf(row).filter((v) => v.visitId !== event.data.visitId)));
      return;
    case 'VisitRescheduled':
      set((row) =>
        withVisits(
          visitsOf(row).map((v) => (v.visitId === event.data.visitId ? { ...v, dueOn: event.data.dueOn } : v)),
        ),
      );
      return;
    case 'FlagSet':
      set((row) =>
        withFlags([
          ...flagsOf(row).filter((f) => f.flag !== event.data.flag),
          { flag: event.data.flag, risk: event.data.risk },
        ]),
      );
      return;
    case 'FlagCleared':
      set((row) => withFlags(flagsOf(row).filter((f) => f.flag !== event.data.flag)));
      return;
    default:
      otherEvent(event);
  }
}

const visitsOf = (row: CaseworkCaseRow) => JSON.parse(row.visits) as OpenVisitRow[];
const flagsOf = (row: CaseworkCaseRow) => JSON.parse(row.flags) as FlagRow[];

function withVisits(visits: OpenVisitRow[]): Partial<CaseworkCaseRow> {
  const sorted = visits.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.visitId.localeCompare(b.visitId));
  return { visits: JSON.stringify(sorted), next_visit_due: sorted[0]?.dueOn ?? null };
}

function withFlags(flags: FlagRow[]): Partial<CaseworkCaseRow> {
  const sorted = flags.sort((a, b) => a.flag.localeCompare(b.flag));
  return {
    flags: JSON.stringify(sorted),
    flag_codes: `|${sorted.map((f) => `${f.flag}|`).join('')}`,
    max_risk: Math.max(0, ...sorted.map((f) => riskRank(f.risk))),
  };
}

/** 1 low, 2 medium, 3 high. */
export const riskRank = (risk: string): number => RISK_LEVELS.indexOf(risk as (typeof RISK_LEVELS)[number]) + 1;
