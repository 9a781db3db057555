import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ImportCountsDto {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Registered by this import (also by an earlier run of it)' })
  registered: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'Not registered: its KK or a NIK belongs to a household already',
  })
  alreadyKnown: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Not registered: a row broke a rule (see the row report)' })
  refused: number;
}

/** An import job's status and progress: counts only, never a NIK or a name. */
export class ImportJobDto {
  @ApiProperty({ format: 'uuid', description: 'The same file sent again by the same person is the same job' })
  id: string;
  @ApiProperty({ enum: ['running', 'finished', 'failed'] })
  status: string;
  @ApiProperty({ description: 'Who sent the file (the token subject)' })
  startedBy: string;
  @ApiProperty({ description: "SHA-256 of the file's bytes, hex" })
  sha256: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  startedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  finishedAt: string | null;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Member rows in the file' })
  rows: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Households (KK) in the file' })
  households: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Households done so far, in file order' })
  householdsDone: number;
  @ApiProperty({ type: ImportCountsDto, description: 'Rows by outcome so far' })
  rowCounts: ImportCountsDto;
  @ApiProperty({ type: ImportCountsDto, description: 'Households by outcome so far' })
  householdCounts: ImportCountsDto;
  @ApiProperty({ nullable: true, type: String, description: 'Why a failed job stopped' })
  error: string | null;
}

export class ImportReportRowDto {
  @ApiProperty({ type: 'integer', minimum: 2, description: 'Line of the row in the file (1 is the header)' })
  line: number;
  @ApiProperty({ enum: ['already_known', 'refused'] })
  outcome: string;
  @ApiPropertyOptional({ description: 'Supervisors and admins only' })
  kk?: string;
  @ApiPropertyOptional({ description: 'Supervisors and admins only' })
  nik?: string;
  @ApiPropertyOptional({ description: 'Supervisors and admins only' })
  name?: string;
  @ApiProperty({ description: 'The CSV column at fault (empty when the row could not be read)' })
  column: string;
  @ApiProperty({ description: 'The rule, as the register route names it (isNik, HOUSEHOLD.MUST_HAVE_ONE_HEAD, ...)' })
  rule: string;
  @ApiProperty()
  message: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Already known: the household that holds the KK or NIK' })
  householdId?: string;
}

export class ImportReportDto {
  @ApiProperty({ type: [ImportReportRowDto], description: 'Every row not registered so far, in file order' })
  items: ImportReportRowDto[];
}
