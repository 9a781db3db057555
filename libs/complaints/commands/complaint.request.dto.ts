import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsPersonName } from '#libs/platform/http/index.js';
import { COMPLAINT_CATEGORY_CODES, type ComplaintCategory } from '#libs/reference-data/index.js';
import {
  COMPLAINT_CHANNELS,
  COMPLAINT_OUTCOMES,
  COMPLAINT_SOURCES,
  COMPLAINT_SUBJECTS,
  type ComplaintChannel,
  type ComplaintOutcome,
  type ComplaintSource,
  type ComplaintSubject,
} from '../domain/index.js';

/** A staff id as tokens carry it (`sub`). */
const STAFF_ID = /^[A-Za-z0-9._@-]{1,100}$/;

export class ComplainantDto {
  @ApiProperty({ example: 'Siti Aminah', description: 'Personal data' })
  @IsString()
  @Length(1, 120)
  @IsPersonName()
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '081234567890', description: 'Personal data' })
  @IsOptional()
  @Matches(/^\+?[0-9]{6,16}$/, { message: 'phone must be 6 to 16 digits, optionally after +' })
  phone?: string | null;
}

export class ReceiveComplaintRequestDto {
  @ApiProperty({
    enum: COMPLAINT_CATEGORY_CODES,
    description: 'Coded category; sets the due date (COMPLAINT_DUE_DAYS)',
  })
  @IsIn(COMPLAINT_CATEGORY_CODES)
  category: ComplaintCategory;

  @ApiProperty({ enum: COMPLAINT_SUBJECTS })
  @IsIn(COMPLAINT_SUBJECTS)
  subject: ComplaintSubject;

  @ApiPropertyOptional({ description: 'The caseworker complained about; required when subject is caseworker' })
  @IsOptional()
  @Matches(STAFF_ID, { message: 'subjectCaseworkerId must be a staff id' })
  subjectCaseworkerId?: string;

  @ApiProperty({ enum: COMPLAINT_SOURCES })
  @IsIn(COMPLAINT_SOURCES)
  source: ComplaintSource;

  @ApiProperty({ enum: COMPLAINT_CHANNELS, description: 'How the complaint came in (lapor: SP4N-LAPOR!)' })
  @IsIn(COMPLAINT_CHANNELS)
  channel: ComplaintChannel;

  @ApiProperty({ type: ComplainantDto })
  @ValidateNested()
  @Type(() => ComplainantDto)
  complainant: ComplainantDto;

  @ApiProperty({ minLength: 3, maxLength: 2000, description: 'Free text: personal data' })
  @IsString()
  @Length(3, 2000)
  description: string;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  receivedOn: string;

  @ApiPropertyOptional({ description: 'Staff id of who handles it; never the caseworker complained about' })
  @IsOptional()
  @Matches(STAFF_ID, { message: 'assignee must be a staff id' })
  assignee?: string;
}

export class AssignComplaintRequestDto {
  @ApiProperty({ description: 'Staff id of who handles it; never the caseworker complained about' })
  @Matches(STAFF_ID, { message: 'assignee must be a staff id' })
  assignee: string;
}

export class ResolveComplaintRequestDto {
  @ApiProperty({ enum: COMPLAINT_OUTCOMES })
  @IsIn(COMPLAINT_OUTCOMES)
  outcome: ComplaintOutcome;

  @ApiProperty({ minLength: 3, maxLength: 2000, description: 'Why: personal data' })
  @IsString()
  @Length(3, 2000)
  reason: string;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  resolvedOn: string;
}

export class InformComplainantRequestDto {
  @ApiProperty({ enum: COMPLAINT_CHANNELS, description: 'How the family was told' })
  @IsIn(COMPLAINT_CHANNELS)
  channel: ComplaintChannel;

  @ApiProperty({ format: 'date', description: 'When the family was told' })
  @IsCalendarDate()
  informedOn: string;
}
