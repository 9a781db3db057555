import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';

/** `?minPosition=`: a read served from a read model waits (bounded) until it includes that position. */
export class ReadQueryDto {
  @ApiPropertyOptional({ description: 'Wait (bounded) until the read models include this global position' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  minPosition?: number;
}
