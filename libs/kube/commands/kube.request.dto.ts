import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { IsCalendarDate } from '#libs/platform/http/validators.js';
import { KECAMATAN } from '#libs/reference-data/index.js';
import { IsKecamatan, IsKelurahanOfKecamatan } from '#libs/platform/http/index.js';
import type { KubeLeaveReason } from '../domain/index.js';

export const LEAVE_REASONS: KubeLeaveReason[] = ['moved', 'own_business', 'not_active', 'exited_poverty', 'other'];

export class FormKubeRequestDto {
  @ApiProperty({ example: 'Kube Melati Sejahtera' })
  @IsString()
  @Length(2, 120)
  name: string;

  @ApiProperty({ example: 'catering', description: 'Kind of business (catering, tailoring, stall, ...)' })
  @IsString()
  @Length(2, 60)
  businessType: string;

  @ApiProperty({ enum: KECAMATAN })
  @IsKecamatan()
  kecamatan: string;

  @ApiProperty({ description: 'A kelurahan of the kecamatan', example: 'Harapan Jaya' })
  @IsKelurahanOfKecamatan()
  kelurahan: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    maxItems: 500,
    description: 'Member households; KUBE_MAX_MEMBERS (at most 500) is enforced by the group',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  householdIds: string[];

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  formedOn: string;
}

export class JoinKubeRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  householdId: string;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  joinedOn: string;
}

export class LeaveKubeRequestDto {
  @ApiProperty({ enum: LEAVE_REASONS })
  @IsIn(LEAVE_REASONS)
  reason: KubeLeaveReason;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 500)
  detail?: string;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  leftOn: string;
}

export class KubeGrantRequestDto {
  @ApiProperty({ description: 'Rupiah', example: 20000000 })
  @IsInt()
  @Min(1)
  @Max(10_000_000_000)
  amount: number;

  @ApiProperty({ example: 'APBD', description: 'Budget source (APBD, APBD-P, ...)' })
  @IsString()
  @Length(2, 40)
  source: string;

  @ApiProperty({ example: 'SP2D-2026-0042' })
  @IsString()
  @Length(1, 100)
  reference: string;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  disbursedOn: string;
}

export class KubeReportRequestDto {
  @ApiProperty({ example: '2026-05', description: 'Month reported, YYYY-MM' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period must be a month written YYYY-MM' })
  period: string;

  @ApiProperty({ description: 'Revenue in rupiah' })
  @IsInt()
  @Min(0)
  @Max(100_000_000_000)
  revenue: number;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(500)
  activeMembers: number;
}

export class DissolveKubeRequestDto {
  @ApiProperty({ minLength: 3, maxLength: 500 })
  @IsString()
  @Length(3, 500)
  reason: string;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  dissolvedOn: string;
}
