import { Module } from '@nestjs/common';
import { CaseloadQueries } from './caseloads/caseload.queries.js';
import { MonthlyReports } from './monthly-report/monthly-report.js';
import { OutcomeReports } from './outcomes/outcome-reports.js';
import { ViewsController } from './views.http.controller.js';

/** Views across capabilities: caseloads, monthly reports, programme outcomes, poverty target. */
@Module({ controllers: [ViewsController], providers: [CaseloadQueries, MonthlyReports, OutcomeReports] })
export class ViewsModule {}
