import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsCalendarDate, IsDigits } from '#libs/platform/http/validators.js';
import { KECAMATAN } from '#libs/reference-data/index.js';
import { IsKecamatan, IsKelurahanOfKecamatan } from '#libs/platform/http/index.js';
import {
  DECLINE_REASONS,
  DROP_OUT_REASONS,
  type CourseKind,
  type DeclineReason,
  type DropOutReason,
} from '../domain/index.js';

export const COURSE_KINDS: CourseKind[] = ['vocational', 'family_session'];

export class ScheduleCourseRequestDto {
  @ApiProperty({ enum: COURSE_KINDS, description: 'vocational training, or a PKH family development session (P2K2)' })
  @IsIn(COURSE_KINDS)
  kind: CourseKind;

  @ApiPropertyOptional({ example: 'sewing', description: 'Required for vocational courses (sewing, catering, ...)' })
  @IsOptional()
  @IsString()
  @Length(2, 60)
  skill?: string;

  @ApiProperty({ example: 'Menjahit dasar angkatan 3' })
  @IsString()
  @Length(2, 200)
  title: string;

  @ApiProperty({ example: 'BLK Kota Bekasi' })
  @IsString()
  @Length(2, 200)
  provider: string;

  @ApiProperty({ minimum: 1, maximum: 200, description: 'Places; at most 200, the longest attendance list' })
  @IsInt()
  @Min(1)
  @Max(200)
  capacity: number;

  @ApiProperty({ minimum: 1, maximum: 200, description: 'Number of sessions planned' })
  @IsInt()
  @Min(1)
  @Max(200)
  sessions: number;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  startsOn: string;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  endsOn: string;

  @ApiProperty({ enum: KECAMATAN })
  @IsKecamatan()
  kecamatan: string;

  @ApiProperty({ description: 'A kelurahan of the kecamatan', example: 'Harapan Jaya' })
  @IsKelurahanOfKecamatan()
  kelurahan: string;

  @ApiProperty({ description: 'Rupiah per participant, for cost per outcome' })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  costPerParticipant: number;
}

export class InviteRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  householdId: string;

  @ApiProperty({ description: 'NIK of the member invited' })
  @IsDigits(16, 'isNik')
  nik: string;
}

export class InvitationResponseRequestDto {
  @ApiProperty({ description: 'true: enrols (if a place is free); false: declines with a reason' })
  @IsBoolean()
  accept: boolean;

  @ApiPropertyOptional({ enum: DECLINE_REASONS, description: 'Required when declining' })
  @ValidateIf((o: InvitationResponseRequestDto) => o.accept === false)
  @IsIn(DECLINE_REASONS)
  declineReason?: DeclineReason;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 500)
  detail?: string;
}

export class SessionAttendanceRequestDto {
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(200)
  sessionNo: number;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  heldOn: string;

  @ApiProperty({ type: [String], maxItems: 200, description: 'NIKs of the enrolled participants present' })
  @IsArray()
  @ArrayMaxSize(200)
  @IsDigits(16, 'isNik', { each: true })
  present: string[];
}

export class CompletionRequestDto {
  @ApiPropertyOptional({ description: 'Certificate number; required for vocational courses' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  certificateNo?: string;
}

export class DropOutRequestDto {
  @ApiProperty({ enum: DROP_OUT_REASONS })
  @IsIn(DROP_OUT_REASONS)
  reason: DropOutReason;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 500)
  detail?: string;
}
