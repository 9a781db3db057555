import type { Kysely } from 'kysely';

export const KPI_TABLES = ['kpi_totals', 'kpi_subjects'] as const;

export interface KpiTables {
  /** Counts per month (business date, local), area, KPI, dimension (course kind, category) and bucket. */
  kpi_totals: {
    period: string;
    kecamatan: string;
    kelurahan: string;
    kpi: string;
    dimension: string;
    bucket: string;
    value: number;
  };
  /** Households', Kubes' and courses' areas, when a case opened, a course's kind. */
  kpi_subjects: { id: string; kecamatan: string; kelurahan: string; opened_on: string | null; kind: string | null };
}

export async function setupKpiTables(db: Kysely<KpiTables>): Promise<void> {
  await db.schema
    .createTable('kpi_totals')
    .ifNotExists()
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('kecamatan', 'text', (c) => c.notNull())
    .addColumn('kelurahan', 'text', (c) => c.notNull())
    .addColumn('kpi', 'text', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_totals_pk', ['period', 'kecamatan', 'kelurahan', 'kpi', 'dimension', 'bucket'])
    .execute();
  await db.schema
    .createTable('kpi_subjects')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kecamatan', 'text', (c) => c.notNull())
    .addColumn('kelurahan', 'text', (c) => c.notNull())
    .addColumn('opened_on', 'text')
    .addColumn('kind', 'text')
    .execute();
}
