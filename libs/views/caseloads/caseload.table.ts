import type { Kysely } from 'kysely';
import type { HouseholdEvent } from '#libs/households/index.js';
import type { KubeEvent } from '#libs/kube/index.js';
import type { PkhEvent } from '#libs/pkh/index.js';
import type { RevocationEvent } from '#libs/platform/domain/index.js';
import { roomForUpdates } from '#libs/platform/read-store/index.js';
import type { TrainingEvent } from '#libs/training/index.js';

/** The events the caseloads are built from: the four capabilities' whole unions, and the revocations on their streams (ADR 0019). */
export type CaseloadEvent = HouseholdEvent | PkhEvent | KubeEvent | TrainingEvent | RevocationEvent;

export interface CaseloadTables {
  caseload: {
    household_id: string;
    caseworker_id: string | null;
    kecamatan: string;
    kelurahan: string;
    head_name: string;
    welfare_status: string;
    /** DTKS/DTSEN welfare decile at registration (ADR 0015), if any. */
    welfare_decile: number | null;
    case_status: string;
    exit_proposed: number;
    pkh_status: string | null;
    pkh_enrolled_on: string | null;
    pkh_last_stage: string | null;
    kube_id: string | null;
    kube_since: string | null;
    kube_last_report: string | null;
    /** JSON of OpenTraining[]. */
    trainings: string;
    last_contact_at: string | null;
    registered_position: number;
  };
  caseload_courses: { course_id: string; title: string; kind: string; ends_on: string };
}

export type CaseloadRow = CaseloadTables['caseload'];
export type CaseloadCourse = CaseloadTables['caseload_courses'];

/** A course a household accepted and has neither completed nor dropped out of. */
export interface OpenTraining {
  courseId: string;
  title: string;
  kind: string;
  endsOn: string;
}

export async function setupCaseloadTables(db: Kysely<CaseloadTables>): Promise<void> {
  await db.schema
    .createTable('caseload')
    .ifNotExists()
    .addColumn('household_id', 'text', (c) => c.primaryKey())
    .addColumn('caseworker_id', 'text')
    .addColumn('kecamatan', 'text', (c) => c.notNull())
    .addColumn('kelurahan', 'text', (c) => c.notNull())
    .addColumn('head_name', 'text', (c) => c.notNull())
    .addColumn('welfare_status', 'text', (c) => c.notNull())
    .addColumn('welfare_decile', 'integer')
    .addColumn('case_status', 'text', (c) => c.notNull())
    .addColumn('exit_proposed', 'integer', (c) => c.notNull())
    .addColumn('pkh_status', 'text')
    .addColumn('pkh_enrolled_on', 'text')
    .addColumn('pkh_last_stage', 'text')
    .addColumn('kube_id', 'text')
    .addColumn('kube_since', 'text')
    .addColumn('kube_last_report', 'text')
    .addColumn('trainings', 'text', (c) => c.notNull())
    .addColumn('last_contact_at', 'text')
    .addColumn('registered_position', 'bigint', (c) => c.notNull())
    // Contacts, stages and reports move often; the indexes cover the caseworker, area and Kube.
    .modifyEnd(roomForUpdates(db))
    .execute();
  await db.schema
    .createIndex('caseload_by_caseworker')
    .ifNotExists()
    .on('caseload')
    .columns(['caseworker_id', 'case_status'])
    .execute();
  await db.schema
    .createIndex('caseload_by_area')
    .ifNotExists()
    .on('caseload')
    .columns(['kecamatan', 'kelurahan', 'case_status'])
    .execute();
  await db.schema.createIndex('caseload_by_kube').ifNotExists().on('caseload').columns(['kube_id']).execute();
  await db.schema
    .createTable('caseload_courses')
    .ifNotExists()
    .addColumn('course_id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .execute();
}
