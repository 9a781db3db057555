import { ApiProperty } from '@nestjs/swagger';

class CaseloadSizeDto {
  @ApiProperty({ example: 12 }) caseworkers: number;
  @ApiProperty({ example: 480 }) openCases: number;
  @ApiProperty({ example: 6 }) unassignedCases: number;
  @ApiProperty({ example: { '1-10': 1, '11-25': 2, '26-50': 7, '51-100': 2, 'over 100': 0 } })
  byBin: Record<string, number>;
}

class TimeToExitDto {
  @ApiProperty({ example: 15 }) exits: number;
  @ApiProperty({ type: Number, nullable: true, example: 240 }) meanDays: number | null;
  @ApiProperty({ example: { 'up to 6 months': 4, '6-12 months': 9, '1-2 years': 2, 'over 2 years': 0 } })
  byBucket: Record<string, number>;
}

class PkhVerificationDto {
  @ApiProperty({ example: 200 }) verified: number;
  @ApiProperty({ example: 180 }) onTime: number;
  @ApiProperty({ example: 20 }) late: number;
  @ApiProperty({ type: Number, nullable: true, example: 90 }) onTimePercent: number | null;
}

class ReportingDelayDto {
  @ApiProperty({ example: { 'same day': 300, '1-7 days': 40, '8-30 days': 10, '31-90 days': 3, 'over 90 days': 1 } })
  byBucket: Record<string, number>;
  @ApiProperty({ example: { pkh: { 'same day': 200, '1-7 days': 20 } } })
  byCategory: Record<string, Record<string, number>>;
}

class TrainingFunnelRowDto {
  @ApiProperty({ example: 'vocational' }) kind: string;
  @ApiProperty({ example: 'Bekasi Utara' }) kecamatan: string;
  @ApiProperty({ example: 20 }) invited: number;
  @ApiProperty({ example: 12 }) enrolled: number;
  @ApiProperty({ example: 8 }) declined: number;
  @ApiProperty({ example: 9 }) completed: number;
  @ApiProperty({ example: 2 }) droppedOut: number;
  @ApiProperty({ example: { childcare: 5, working: 3 } }) declinedByReason: Record<string, number>;
}

class KecamatanKpisDto {
  @ApiProperty({ example: 'Bekasi Utara' }) kecamatan: string;
  @ApiProperty({ example: 3 }) exits: number;
  @ApiProperty({ type: Number, nullable: true, example: 210 }) meanDaysToExit: number | null;
  @ApiProperty({ example: 40 }) pkhVerified: number;
  @ApiProperty({ type: Number, nullable: true, example: 92.5 }) pkhOnTimePercent: number | null;
  @ApiProperty({ example: 1 }) entriesRecordedOver30Days: number;
}

/** Supervisors' KPIs: counts and shares, no person and no caseworker named. */
export class KpisDto {
  @ApiProperty({ type: String, nullable: true, example: '2026-01' }) from: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-12' }) to: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) kecamatan: string | null;
  @ApiProperty({ description: 'Open cases per caseworker now, binned' }) caseloadSize: CaseloadSizeDto;
  @ApiProperty({ description: 'Case opened to exit approved' }) timeToExit: TimeToExitDto;
  @ApiProperty({ description: 'PKH stages verified by the stage end' }) pkhVerification: PkhVerificationDto;
  @ApiProperty({ description: 'Business date to recorded date' }) reportingDelay: ReportingDelayDto;
  @ApiProperty({ type: [TrainingFunnelRowDto] }) trainingFunnel: TrainingFunnelRowDto[];
  @ApiProperty({ type: [KecamatanKpisDto] }) byKecamatan: KecamatanKpisDto[];
}
