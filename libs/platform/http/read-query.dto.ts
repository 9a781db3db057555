import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { QueryInteger } from './validators.js';
import { KECAMATAN } from '#libs/reference-data/index.js';

/**
 * `?minPosition=`: a read served from a read model waits (bounded) until it includes that position.
 * Every such read's query DTO extends this; the route says which read models it reads with
 * `@ReadsFrom(...)` (platform/read-store), which does the waiting.
 */
export class ReadQueryDto {
  @ApiPropertyOptional({
    description:
      "Wait (bounded) until the read models include this global position (a command's `position`); 503 with Retry-After if they do not in time",
    minimum: 0,
    example: 42,
  })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(0)
  minPosition?: number;
}

/** A read model's list in cursor pages: `?cursor=` (the previous page's `nextCursor`) and `?limit=` (1–100, default 20). */
export class CursorPageQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

/** A list of cases or groups by area, in cursor pages: `?kecamatan=&kelurahan=` besides `?cursor=&limit=`. */
export class AreaPageQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ enum: KECAMATAN })
  @IsOptional()
  @IsIn(KECAMATAN)
  kecamatan?: string;

  @ApiPropertyOptional({ example: 'Harapan Jaya' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  kelurahan?: string;
}

/** A list worked through in bulk (a stage's due list, a check's sample): pages of up to 1,000, default 100. */
export class BulkPageQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
