import type { Kysely, Transaction } from 'kysely';
import { HOUSEHOLD_CATEGORY } from '#libs/households/index.js';
import { KUBE_CATEGORY } from '#libs/kube/index.js';
import { PKH_CATEGORY } from '#libs/pkh/index.js';
import type { RecordedEvent } from '#libs/platform/event-store/index.js';
import { recordedAs, type Projection } from '#libs/platform/read-store/index.js';
import { TRAINING_CATEGORY } from '#libs/training/index.js';
import { CaseloadBatch } from './caseload.batch.js';
import { foldCaseload, type CaseloadEvent } from './caseload.fold.js';
import { setupCaseloadTables, type CaseloadTables } from './caseload.table.js';

type Trx = Transaction<CaseloadTables>;

/** One row per household with what its caseworker follows up: programmes, last contact, due dates. */
export const caseloadProjection: Projection = {
  name: 'caseloads',
  version: 2,
  filter: { categories: [HOUSEHOLD_CATEGORY, PKH_CATEGORY, KUBE_CATEGORY, TRAINING_CATEGORY] },
  tables: ['caseload', 'caseload_courses'],
  async setup(db: Kysely<CaseloadTables>) {
    await setupCaseloadTables(db);
  },
  async apply(trx: Trx, event: RecordedEvent) {
    await this.applyBatch!(trx, [event]);
  },

  /** The rows a batch touches (by household, and by Kube for group events) are read once and written once. */
  async applyBatch(trx: Trx, recorded: readonly RecordedEvent[]) {
    const events = recordedAs<CaseloadEvent>(recorded);
    const batch = await CaseloadBatch.load(trx, events);
    for (const event of events) foldCaseload(batch, event);
    await batch.write(trx);
  },
};
