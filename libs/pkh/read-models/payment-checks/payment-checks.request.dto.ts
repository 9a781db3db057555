import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { ReadQueryDto } from '#libs/platform/http/index.js';

export const CHECK_STATES = ['pending', 'checked'] as const;

export class PaymentChecksQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "One batch's sample" })
  @IsOptional()
  @IsUUID('all')
  batchId?: string;

  @ApiPropertyOptional({ enum: CHECK_STATES, description: 'pending: not yet checked; checked: answered' })
  @IsOptional()
  @IsIn(CHECK_STATES)
  state?: (typeof CHECK_STATES)[number];

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
