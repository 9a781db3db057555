import type { Kysely } from 'kysely';

export const KUBE_LIST_TABLE = 'kube_list';

/** One row per group: where it works, what it does, how it stands; member counts, never who. */
export interface KubeListTables {
  kube_list: {
    kube_id: string;
    name: string;
    business_type: string;
    kecamatan: string;
    kelurahan: string;
    formed_on: string;
    status: 'active' | 'dissolved';
    dissolved_on: string | null;
    members: number;
    grants_rupiah: number;
    last_reported_period: string | null;
    /** The global position of KubeFormed: the list's order and its cursor. */
    formed_position: number;
  };
}

export async function createKubeListTables(db: Kysely<KubeListTables>): Promise<void> {
  await db.schema
    .createTable(KUBE_LIST_TABLE)
    .ifNotExists()
    .addColumn('kube_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('business_type', 'text', (c) => c.notNull())
    .addColumn('kecamatan', 'text', (c) => c.notNull())
    .addColumn('kelurahan', 'text', (c) => c.notNull())
    .addColumn('formed_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('dissolved_on', 'text')
    .addColumn('members', 'integer', (c) => c.notNull())
    .addColumn('grants_rupiah', 'bigint', (c) => c.notNull())
    .addColumn('last_reported_period', 'text')
    .addColumn('formed_position', 'bigint', (c) => c.notNull().unique())
    .execute();
  await db.schema
    .createIndex('kube_list_area')
    .ifNotExists()
    .on(KUBE_LIST_TABLE)
    .columns(['kecamatan', 'kelurahan', 'formed_position'])
    .execute();
}
