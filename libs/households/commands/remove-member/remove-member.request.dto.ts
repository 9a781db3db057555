import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsCalendarDate } from '#libs/platform/http/validators.js';
import type { RemovalReason } from '../../domain/household.events.js';

export const REMOVAL_REASONS: RemovalReason[] = ['moved', 'deceased', 'other'];

export class RemoveMemberRequestDto {
  @ApiProperty({ enum: REMOVAL_REASONS })
  @IsIn(REMOVAL_REASONS)
  reason: RemovalReason;

  @ApiPropertyOptional({ example: 'Moved to Kabupaten Bogor after marriage' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  detail?: string;

  @ApiProperty({ format: 'date', description: 'When the member left or died' })
  @IsCalendarDate()
  effectiveOn: string;
}
