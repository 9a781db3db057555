import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { AreaPageQueryDto } from '#libs/platform/http/index.js';
import { REFERRAL_SERVICES, type ReferralService } from '#libs/reference-data/index.js';

/** pending: awaiting the service (not answered, or accepted and not yet done); or one status. */
export const REFERRAL_LIST_STATES = ['pending', 'accepted', 'rejected', 'done', 'revoked'] as const;
export type ReferralListState = (typeof REFERRAL_LIST_STATES)[number];

export class ListReferralsQueryDto extends AreaPageQueryDto {
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
}
