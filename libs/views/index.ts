/** Read views across capabilities, for caseworkers, supervisors and reporting. */
export { ViewsModule } from './views.module.js';
export { caseloadProjection } from './caseloads/caseload.projection.js';
export { outcomeFactsProjection, OUTCOME_TABLES } from './outcomes/outcome-facts.projection.js';
export { OutcomeReports } from './outcomes/outcome-reports.js';
