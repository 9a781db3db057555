import { ApiProperty } from '@nestjs/swagger';
import { OutcomeSummaryDto } from '../outcomes/reports.response.dto.js';

export class PeriodReportDto {
  @ApiProperty({ example: '2026-03' }) period: string;
  @ApiProperty({ type: String, nullable: true, example: null }) kecamatan: string | null;
  @ApiProperty({ enum: ['open', 'closed'], example: 'closed' }) status: string;
  @ApiProperty({ enum: ['as-closed', 'with-late-corrections'], example: 'as-closed' }) view: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-04-25T02:00:00.000Z' }) closedAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'sv-01' }) closedBy: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the frozen report (canonical JSON)' })
  reportHash: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 1200 }) asOfPosition: number | null;
  @ApiProperty({ type: String, nullable: true, example: null }) reopeningRequestedBy: string | null;
  @ApiProperty({ example: 2, description: 'Entries recorded after the close whose business date is in the month' })
  lateEntries: number;
  @ApiProperty({ example: 0, description: "An open month: closed months' late entries it reports as corrections" })
  lateCorrectionsReportedHere: number;
  @ApiProperty() totals: OutcomeSummaryDto;
  @ApiProperty({ example: 3_000_000 }) trainingCostRupiah: number;
}

export class LateEntryDto {
  @ApiProperty({ example: 1310 }) position: number;
  @ApiProperty({ example: '2026-03', description: 'The closed month of its business date' }) period: string;
  @ApiProperty({ example: '2026-05', description: 'The first open month, which reports it as a correction' })
  reportedIn: string;
  @ApiProperty({ example: 'PkhBenefitDisbursed' }) type: string;
  @ApiProperty({ example: 'pkh' }) category: string;
  @ApiProperty({ example: '2026-03-27' }) businessDate: string;
  @ApiProperty({ example: '2026-05-02T03:00:00.000Z' }) recordedAt: string;
}

export class LateEntriesDto {
  @ApiProperty({ type: [LateEntryDto] }) items: LateEntryDto[];
}
