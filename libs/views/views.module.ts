import { Module } from '@nestjs/common';
import { CaseloadQueries } from './caseloads/caseload.queries.js';
import { MonthlyReports } from './monthly-report/monthly-report.js';
import { OutcomeReports } from './outcomes/outcome-reports.js';
import { PovertyTargetReport } from './outcomes/poverty-target.js';
import { ReportsController } from './outcomes/reports.http.controller.js';
import { PeriodCommandHandler } from './periods/period.command-handler.js';
import { PeriodReports } from './periods/period-reports.js';
import { PeriodsController } from './periods/periods.http.controller.js';
import { DashboardController } from './dashboard/dashboard.http.controller.js';
import { KpiReports } from './kpis/kpi-reports.js';
import { ViewsController } from './views.http.controller.js';

/** Views across capabilities: caseloads, monthly reports, programme outcomes, poverty target, period close, KPIs. */
@Module({
  controllers: [ViewsController, ReportsController, PeriodsController, DashboardController],
  providers: [
    CaseloadQueries,
    MonthlyReports,
    OutcomeReports,
    PovertyTargetReport,
    PeriodCommandHandler,
    PeriodReports,
    KpiReports,
  ],
})
export class ViewsModule {}
