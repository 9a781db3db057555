import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ReadQueryDto } from '#libs/platform/http/index.js';
import { KECAMATAN, REFERRAL_SERVICES, type ReferralService } from '#libs/reference-data/index.js';

/** pending: awaiting the service (not answered, or accepted and not yet done); or one status. */
export const REFERRAL_LIST_STATES = ['pending', 'accepted', 'rejected', 'done', 'revoked'] as const;
export type ReferralListState = (typeof REFERRAL_LIST_STATES)[number];

export class ListReferralsQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({
    enum: REFERRAL_LIST_STATES,
    default: 'pending',
    description: 'pending: not answered yet, or accepted and not yet done',
  })
  @IsOptional()
  @IsIn(REFERRAL_LIST_STATES)
  state?: ReferralListState;

  @ApiPropertyOptional({ enum: REFERRAL_SERVICES })
  @IsOptional()
  @IsIn(REFERRAL_SERVICES)
  service?: ReferralService;

  @ApiPropertyOptional({ description: 'Staff id of the referrer' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._@-]{1,100}$/, { message: 'referredBy must be a staff id' })
  referredBy?: string;

  @ApiPropertyOptional({ enum: KECAMATAN })
  @IsOptional()
  @IsIn(KECAMATAN)
  kecamatan?: string;

  @ApiPropertyOptional({ example: 'Harapan Jaya' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  kelurahan?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
