import { Module } from '@nestjs/common';
import { HouseholdsModule } from '#libs/households/index.js';
import { HouseholdImporter } from './import/household-importer.js';

/** Bulk intake: DTKS/DTSEN extracts registered through the households' command (ADR 0015). */
@Module({
  imports: [HouseholdsModule],
  providers: [HouseholdImporter],
  exports: [HouseholdImporter],
})
export class IntakeModule {}
