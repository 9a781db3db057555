import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { BulkPageQueryDto } from '#libs/platform/http/index.js';

export const CHECK_STATES = ['pending', 'checked'] as const;

export class PaymentChecksQueryDto extends BulkPageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "One batch's sample" })
  @IsOptional()
  @IsUUID('all')
  batchId?: string;

  @ApiPropertyOptional({ enum: CHECK_STATES, description: 'pending: not yet checked; checked: answered' })
  @IsOptional()
  @IsIn(CHECK_STATES)
  state?: (typeof CHECK_STATES)[number];
}
