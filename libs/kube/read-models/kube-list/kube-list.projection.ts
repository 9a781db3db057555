import { sql, type Kysely, type Transaction } from 'kysely';
import type { RevocationEvent } from '#libs/platform/domain/index.js';
import { idOf, type RecordedEvent } from '#libs/platform/event-store/index.js';
import { otherEvent, recordedAs, type Projection, type Recorded } from '#libs/platform/read-store/index.js';
import type { KubeEvent } from '../../domain/index.js';
import { KUBE_CATEGORY } from '../../kube-streams.js';
import { createKubeListTables, KUBE_LIST_TABLE, type KubeListTables } from './kube-list.table.js';

type Trx = Transaction<KubeListTables>;

/** The groups of the city, for GET /kubes: one row each, one statement per event (few events). */
export const kubeListProjection: Projection = {
  name: 'kube-list',
  version: 1,
  filter: { categories: [KUBE_CATEGORY] },
  tables: [KUBE_LIST_TABLE],
  async setup(db: Kysely<KubeListTables>) {
    await createKubeListTables(db);
  },
  async apply(trx: Trx, event: RecordedEvent) {
    const [typed] = recordedAs<KubeEvent | RevocationEvent>([event]);
    await applyKubeEvent(trx, typed!);
  },
};

async function applyKubeEvent(trx: Trx, event: Recorded<KubeEvent | RevocationEvent>): Promise<void> {
  const group = trx.updateTable(KUBE_LIST_TABLE).where('kube_id', '=', idOf(event.stream));
  switch (event.type) {
    case 'KubeFormed': {
      const { kubeId, name, businessType, kecamatan, kelurahan, formedOn, householdIds } = event.data;
      await trx
        .insertInto(KUBE_LIST_TABLE)
        .values({
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
        })
        .onConflict((oc) => oc.column('kube_id').doNothing())
        .execute();
      return;
    }
    case 'KubeMemberJoined':
      await group.set({ members: sql`members + 1` }).execute();
      return;
    case 'KubeMemberLeft':
      await group.set({ members: sql`members - 1` }).execute();
      return;
    case 'KubeGrantDisbursed':
      await group.set({ grants_rupiah: sql`grants_rupiah + ${event.data.amount}` }).execute();
      return;
    case 'KubeBusinessReported': {
      // The latest period, whatever order reports come in; the cast types it for PostgreSQL.
      const period = sql`CAST(${event.data.period} AS text)`;
      await group
        .set({
          last_reported_period: sql`CASE WHEN last_reported_period IS NULL OR last_reported_period < ${period}
            THEN ${period} ELSE last_reported_period END`,
        })
        .execute();
      return;
    }
    case 'KubeDissolved':
      await group.set({ status: 'dissolved', dissolved_on: event.data.dissolvedOn, members: 0 }).execute();
      return;
    case 'RevocationRequested':
    case 'RevocationRejected':
      return;
    case 'EventRevoked':
      await revokeInList(trx, idOf(event.stream), event.data);
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
async function revokeInList(trx: Trx, kubeId: string, revoked: RevocationEvent['data']): Promise<void> {
  const group = trx.updateTable(KUBE_LIST_TABLE).where('kube_id', '=', kubeId);
  const active = sql`CASE WHEN status = 'active'`;
  switch (revoked.eventType) {
    case 'KubeMemberJoined':
      await group.set({ members: sql`${active} THEN members - 1 ELSE members END` }).execute();
      return;
    case 'KubeMemberLeft':
      await group.set({ members: sql`${active} THEN members + 1 ELSE members END` }).execute();
      return;
    case 'KubeGrantDisbursed':
      await group.set({ grants_rupiah: sql`grants_rupiah - ${revoked.amount ?? 0}` }).execute();
      return;
    case 'KubeDissolved':
      await group.set({ status: 'active', dissolved_on: null, members: (revoked.householdIds ?? []).length }).execute();
      return;
  }
}
