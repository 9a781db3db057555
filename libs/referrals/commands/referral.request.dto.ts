import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsCalendarDate } from '#libs/platform/http/index.js';
import {
  REFERRAL_REASONS,
  REFERRAL_SERVICES,
  type ReferralReason,
  type ReferralService,
} from '#libs/reference-data/index.js';
import { REFERRAL_REJECTIONS, type ReferralRejection } from '../domain/index.js';

export class MakeReferralRequestDto {
  @ApiPropertyOptional({
    description: 'NIK of the member referred; absent: the whole household',
    example: '3275014501850001',
  })
  @IsOptional()
  @Matches(/^\d{16}$/, { message: 'nik must be 16 digits' })
  nik?: string;

  @ApiProperty({ enum: REFERRAL_SERVICES })
  @IsIn(REFERRAL_SERVICES)
  service: ReferralService;

  @ApiProperty({ enum: REFERRAL_REASONS })
  @IsIn(REFERRAL_REASONS)
  reason: ReferralReason;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Free text: personal data' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Default today (in JEJAK_TIME_ZONE)' })
  @IsOptional()
  @IsCalendarDate()
  referredOn?: string;
}

export class AcceptReferralRequestDto {
  @ApiPropertyOptional({ format: 'date', description: 'Default today (in JEJAK_TIME_ZONE)' })
  @IsOptional()
  @IsCalendarDate()
  acceptedOn?: string;
}

export class RejectReferralRequestDto {
  @ApiProperty({ enum: REFERRAL_REJECTIONS })
  @IsIn(REFERRAL_REJECTIONS)
  rejection: ReferralRejection;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Free text: personal data' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  detail?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Default today (in JEJAK_TIME_ZONE)' })
  @IsOptional()
  @IsCalendarDate()
  rejectedOn?: string;
}

export class ReferralServiceDoneRequestDto {
  @ApiPropertyOptional({ maxLength: 1000, description: 'Free text: personal data' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Default today (in JEJAK_TIME_ZONE)' })
  @IsOptional()
  @IsCalendarDate()
  doneOn?: string;
}

export class RevokeReferralRequestDto {
  @ApiProperty({ minLength: 3, maxLength: 500 })
  @IsString()
  @Length(3, 500)
  reason: string;

  @ApiPropertyOptional({ format: 'date', description: 'Default today (in JEJAK_TIME_ZONE)' })
  @IsOptional()
  @IsCalendarDate()
  revokedOn?: string;
}
