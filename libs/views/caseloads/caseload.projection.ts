import type { Kysely, Transaction } from 'kysely';
import { HOUSEHOLD_CATEGORY } from '#libs/households/index.js';
import { KUBE_CATEGORY } from '#libs/kube/index.js';
import { PKH_CATEGORY } from '#libs/pkh/index.js';
import { foldedBy, recordedAs, type BatchFold, type Projection } from '#libs/platform/read-store/index.js';
import { TRAINING_CATEGORY } from '#libs/training/index.js';
import { CaseloadBatch } from './caseload.batch.js';
import { foldCaseload, type CaseloadEvent } from './caseload.fold.js';
import { setupCaseloadTables, type CaseloadTables } from './caseload.table.js';

type Trx = Transaction<CaseloadTables>;

/**
 * The rows a batch touches (by household, and by Kube for group events) are read once and written
 * once; a rebuild keeps them from batch to batch and writes each once (foldAcrossBatches).
 */
const caseloadFold: BatchFold<CaseloadBatch> = {
  load: (trx: Trx, events) => CaseloadBatch.load(trx, recordedAs<CaseloadEvent>(events)),
  empty: () => new CaseloadBatch(),
  fold(batch, events) {
    for (const event of recordedAs<CaseloadEvent>(events)) foldCaseload(batch, event);
  },
  write: (trx: Trx, batch) => batch.write(trx),
  settle: (batch) => batch.settle(),
  size: (batch) => batch.size,
};

/** One row per household with what its caseworker follows up: programmes, last contact, due dates. */
export const caseloadProjection: Projection = {
  name: 'caseloads',
  version: 2,
  filter: { categories: [HOUSEHOLD_CATEGORY, PKH_CATEGORY, KUBE_CATEGORY, TRAINING_CATEGORY] },
  tables: ['caseload', 'caseload_courses'],
  async setup(db: Kysely<CaseloadTables>) {
    await setupCaseloadTables(db);
  },
  ...foldedBy(caseloadFold),
};
