import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsCalendarDate } from '#libs/platform/http/index.js';
import {
  FLAG_CODES,
  RISK_LEVELS,
  VISIT_KINDS,
  type FlagCode,
  type RiskLevel,
  type VisitKind,
} from '../domain/index.js';

export const STAFF_ID = /^[A-Za-z0-9._@-]{1,64}$/;

export class RequestTransferRequestDto {
  @ApiProperty({
    description: 'The receiving caseworker (token subject); a caseworker names herself',
    example: 'cw-02',
  })
  @Matches(STAFF_ID, { message: 'toCaseworkerId must be 1 to 64 letters, digits or ._@-' })
  toCaseworkerId: string;

  @ApiProperty({ example: 'Bu Rina leaves the kelurahan at the end of the month' })
  @IsString()
  @Length(3, 500)
  reason: string;
}

export class DecideTransferRequestDto {
  @ApiPropertyOptional({ example: 'Taking the family over from next week' })
  @IsOptional()
  @IsString()
  @Length(3, 500)
  reason?: string;
}

export class RejectTransferRequestDto {
  @ApiProperty({ example: 'My caseload is full until March' })
  @IsString()
  @Length(3, 500)
  reason: string;
}

export class ScheduleVisitRequestDto {
  @ApiProperty({ enum: VISIT_KINDS, description: 'A home visit, or a follow-up of P2K2 attendance' })
  @IsIn(VISIT_KINDS)
  kind: VisitKind;

  @ApiProperty({ format: 'date', example: '2026-04-15' })
  @IsCalendarDate()
  dueOn: string;

  @ApiProperty({ example: 'Check school attendance of the eldest child' })
  @IsString()
  @Length(3, 500)
  purpose: string;
}

export class VisitDoneRequestDto {
  @ApiPropertyOptional({ format: 'date', description: 'Default today' })
  @IsOptional()
  @IsCalendarDate()
  doneOn?: string;

  @ApiProperty({ example: 'Family at home; children back at school since Monday' })
  @IsString()
  @Length(1, 4000)
  note: string;
}

export class VisitMissedRequestDto {
  @ApiPropertyOptional({ format: 'date', description: 'Default today' })
  @IsOptional()
  @IsCalendarDate()
  missedOn?: string;

  @ApiProperty({ example: 'Nobody at home; neighbours say the family is in Karawang' })
  @IsString()
  @Length(3, 500)
  reason: string;
}

export class RescheduleVisitRequestDto {
  @ApiProperty({ format: 'date', example: '2026-04-22' })
  @IsCalendarDate()
  dueOn: string;

  @ApiProperty({ example: 'The mother works the early shift this week' })
  @IsString()
  @Length(3, 500)
  reason: string;
}

export class SetFlagRequestDto {
  @ApiProperty({ enum: FLAG_CODES })
  @IsIn(FLAG_CODES)
  flag: FlagCode;

  @ApiProperty({ enum: RISK_LEVELS })
  @IsIn(RISK_LEVELS)
  risk: RiskLevel;

  @ApiProperty({ example: 'The eldest son has not been at school for three weeks' })
  @IsString()
  @Length(3, 500)
  reason: string;
}

export class ClearFlagRequestDto {
  @ApiProperty({ enum: FLAG_CODES })
  @IsIn(FLAG_CODES)
  flag: FlagCode;

  @ApiProperty({ example: 'Back at school, attendance checked with the teacher' })
  @IsString()
  @Length(3, 500)
  reason: string;
}
