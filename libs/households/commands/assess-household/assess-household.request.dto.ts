import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IsCalendarDate } from '#libs/platform/http/validators.js';

export class AssessHouseholdRequestDto {
  @ApiProperty({ description: 'Monthly income per person in rupiah', example: 450000 })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  perCapitaIncome: number;

  @ApiProperty({ description: 'Monthly poverty line per person in rupiah used for this assessment', example: 600000 })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  povertyLine: number;

  @ApiProperty({ format: 'date', example: '2026-02-27' })
  @IsCalendarDate()
  assessedOn: string;
}
