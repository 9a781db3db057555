/** Bulk intake of DTKS/DTSEN extracts (ADR 0015): the capability's public surface. */
export { IntakeModule } from './intake.module.js';
export { HouseholdImporter, importedHouseholdId, type ImportRun } from './import/household-importer.js';
export {
  ImportProgressFiles,
  type ImportProgress,
  type ReportEntry,
  type RowOutcome,
} from './import/import-progress.js';
export { rowReport, identitiesIn, maskNumbers, type ReportRow } from './import/row-report.js';
export {
  readExtract,
  fileSha256,
  ExtractHeaderError,
  EXTRACT_COLUMNS,
  type ExtractFile,
} from './extract/dtks-extract.js';
export { ImportJobs } from './jobs/import-jobs.js';
export { IMPORT_UPLOAD_ROUTE } from './jobs/import-jobs.http.controller.js';
