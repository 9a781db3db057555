import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsDigits } from '#libs/platform/http/validators.js';
import { KKS_BANKS, type Commitment, type DisbursementChannel, type KksBank } from '../domain/index.js';

export const STAGE = { pattern: /^\d{4}-[1-4]$/, message: 'stage must be written YYYY-N with N from 1 to 4 (tahap)' };
export const COMMITMENTS: Commitment[] = ['health_check', 'school_attendance', 'family_session', 'other'];
export const CHANNELS: DisbursementChannel[] = ['bank_transfer', 'post_office', 'e_wallet'];

export class EnrolInPkhRequestDto {
  @ApiProperty({ format: 'date', example: '2026-01-15' })
  @IsCalendarDate()
  enrolledOn: string;
}

export class MissedCommitmentDto {
  @ApiProperty({ description: 'NIK of the member who missed it' })
  @IsDigits(16, 'isNik')
  nik: string;

  @ApiProperty({ enum: COMMITMENTS })
  @IsIn(COMMITMENTS)
  commitment: Commitment;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 500)
  detail?: string;
}

export class VerifyComplianceRequestDto {
  @ApiProperty({ example: '2026-1', description: 'Disbursement stage (tahap) YYYY-N' })
  @Matches(STAGE.pattern, { message: STAGE.message })
  stage: string;

  @ApiProperty()
  @IsBoolean()
  compliant: boolean;

  @ApiPropertyOptional({
    type: [MissedCommitmentDto],
    default: [],
    description:
      'Required, with at least one entry, when compliant is false (else 422 PKH.NON_COMPLIANCE_NAMES_MISSED_COMMITMENTS); ' +
      'empty when compliant (else 422 PKH.COMPLIANT_STAGE_HAS_NO_MISSED_COMMITMENTS)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => MissedCommitmentDto)
  missed?: MissedCommitmentDto[];

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  verifiedOn: string;
}

export class DisburseBenefitRequestDto {
  @ApiProperty({ example: '2026-1' })
  @Matches(STAGE.pattern, { message: STAGE.message })
  stage: string;

  @ApiProperty({ description: 'Rupiah', example: 1725000 })
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  amount: number;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel: DisbursementChannel;

  @ApiProperty({ description: 'Bank or post office transaction reference', example: 'KKS-2026-000123' })
  @IsString()
  @Length(1, 100)
  reference: string;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  disbursedOn: string;
}

export class PkhReasonRequestDto {
  @ApiProperty({ minLength: 3, maxLength: 500 })
  @IsString()
  @Length(3, 500)
  reason: string;
}

export class GraduateRequestDto extends PkhReasonRequestDto {
  @ApiProperty({
    enum: ['natural', 'self_declared'],
    description: 'natural: no eligible component left; self_declared: graduasi mandiri',
  })
  @IsIn(['natural', 'self_declared'])
  kind: 'natural' | 'self_declared';

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  graduatedOn: string;
}

/** The family's KKS card or bank account, where the channel pays it (ADR 0013). */
export class KksAccountRequestDto {
  @ApiProperty({ enum: KKS_BANKS, description: 'The Himbara bank that issued the KKS card or holds the account' })
  @IsIn(KKS_BANKS)
  bank: KksBank;

  @ApiProperty({ example: '6013012345678901', description: 'KKS card or account number, 10 to 19 digits' })
  @Matches(/^\d{10,19}$/, { message: 'account must be the 10 to 19 digits of the KKS card or account' })
  account: string;

  @ApiProperty({ format: 'date', description: 'The day the family showed the card or the bank confirmed the account' })
  @IsCalendarDate()
  recordedOn: string;
}
