import type { Kysely, Transaction } from 'kysely';
import type { RevocationEvent } from '#libs/platform/domain/index.js';
import { idOf, type RecordedEvent } from '#libs/platform/event-store/index.js';
import { BatchRows, otherEvent, recordedAs, type Projection, type Recorded } from '#libs/platform/read-store/index.js';
import type { KubeEvent } from '../../domain/index.js';
import { KUBE_CATEGORY } from '../../kube-streams.js';
import { createKubeListTables, KUBE_LIST_TABLE, type KubeListTables } from './kube-list.table.js';

type Trx = Transaction<KubeListTables>;
type KubeRow = KubeListTables['kube_list'];

/** The groups of the city, for GET /kubes: one row each. */
export const kubeListProjection: Projection = {
  name: 'kube-list',
  version: 1,
  filter: { categories: [KUBE_CATEGORY] },
  tables: [KUBE_LIST_TABLE],
  async setup(db: Kysely<KubeListTables>) {
    await createKubeListTables(db);
  },
  async apply(trx: Trx, event: RecordedEvent) {
    await this.applyBatch!(trx, [event]);
  },
  /** The groups a batch touches are read once, changed in memory and written once. */
  async applyBatch(trx: Trx, recorded: readonly RecordedEvent[]) {
    const events = recordedAs<KubeEvent | RevocationEvent>(recorded);
    await new BatchRows<KubeRow>({ table: KUBE_LIST_TABLE, key: 'kube_id' }).fold(
      trx,
      events,
      (event) => (event.type === 'KubeFormed' ? event.data.kubeId : idOf(event.stream)),
      applyKubeEvent,
    );
  },
};

function applyKubeEvent(rows: BatchRows<KubeRow>, event: Recorded<KubeEvent | RevocationEvent>): void {
  const kubeId = idOf(event.stream);
  const set = (values: Partial<KubeRow> | ((row: KubeRow) => Partial<KubeRow>)) => rows.set(kubeId, values);
  switch (event.type) {
    case 'KubeFormed': {
      const { kubeId, name, businessType, kecamatan, kelurahan, formedOn, householdIds } = event.data;
      rows.add({
        kube_id: kubeId,
        name,
        business_type: businessType,
        kecamatan,
        kelurahan,
        formed_on: formedOn,
        status: 'active',
        dissolved_on: null,
        members: householdIds.length,
        grants_rupiah: 0,
        last_reported_period: null,
        formed_position: event.position,
      });
      return;
    }
    case 'KubeMemberJoined':
      set((row) => ({ members: row.members + 1 }));
      return;
    case 'KubeMemberLeft':
      set((row) => ({ members: row.members - 1 }));
      return;
    case 'KubeGrantDisbursed':
      // PostgreSQL gives a bigint back as a string.
      set((row) => ({ grants_rupiah: Number(row.grants_rupiah) + event.data.amount }));
      return;
    case 'KubeBusinessReported': {
      // The latest period, whatever order reports come in.
      const { period } = event.data;
      set((row) => ({
        last_reported_period:
          row.last_reported_period === null || row.last_reported_period < period ? period : row.last_reported_period,
      }));
      return;
    }
    case 'KubeDissolved':
      set({ status: 'dissolved', dissolved_on: event.data.dissolvedOn, members: 0 });
      return;
    case 'RevocationRequested':
    case 'RevocationRejected':
      return;
    case 'EventRevoked':
      set((row) => revokedInList(row, event.data));
      return;
    default:
      otherEvent(event);
  }
}

/**
 * A revoked entry (ADR 0019) taken back from what it carries: a joining or a leaving moves the
 * count back while the group is active (a dissolution already counted everyone out), a grant
 * comes off the total, a dissolution gives the group back its status and the members it let go.
 * A revoked business report leaves the last period reported (it is usually reported again).
 */
function revokedInList(row: KubeRow, revoked: RevocationEvent['data']): Partial<KubeRow> {
  const active = row.status === 'active';
  switch (revoked.eventType) {
    case 'KubeMemberJoined':
      return active ? { members: row.members - 1 } : {};
    case 'KubeMemberLeft':
      return active ? { members: row.members + 1 } : {};
    case 'KubeGrantDisbursed':
      return { grants_rupiah: Number(row.grants_rupiah) - (revoked.amount ?? 0) };
    case 'KubeDissolved':
      return { status: 'active', dissolved_on: null, members: (revoked.householdIds ?? []).length };
    default:
      return {};
  }
}
