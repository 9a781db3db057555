/** Read views across capabilities, for caseworkers, supervisors and reporting. */
export { ViewsModule } from './views.module.js';
export { caseloadProjection } from './caseloads/caseload.projection.js';
export { outcomeFactsProjection } from './outcomes/outcome-facts.projection.js';
export { OUTCOME_TABLES } from './outcomes/outcome-facts.table.js';
export { OutcomeReports } from './outcomes/outcome-reports.js';
export { flatten } from './outcomes/reports.http.controller.js';
export { periodProjection } from './periods/period.projection.js';
export { kpiProjection } from './kpis/kpi.projection.js';
export { kpiRows } from './outcomes/reports.http.controller.js';
