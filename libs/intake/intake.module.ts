import { Module } from '@nestjs/common';
import { HouseholdsModule } from '#libs/households/index.js';
import { HouseholdImporter } from './import/household-importer.js';
import { ImportJobsController } from './jobs/import-jobs.http.controller.js';
import { ImportJobs } from './jobs/import-jobs.js';

/** Bulk intake: DTKS/DTSEN extracts registered through the households' command (ADR 0015). */
@Module({
  imports: [HouseholdsModule],
  controllers: [ImportJobsController],
  providers: [HouseholdImporter, ImportJobs],
  exports: [HouseholdImporter, ImportJobs],
})
export class IntakeModule {}
