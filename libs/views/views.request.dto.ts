import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ReadQueryDto } from '#libs/platform/http/index.js';
import { KECAMATAN } from '#libs/reference-data/index.js';

/** An area filter on a read of a read model (so also `?minPosition=`). */
export class AreaQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ enum: KECAMATAN })
  @IsOptional()
  @IsIn(KECAMATAN)
  kecamatan?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 60)
  kelurahan?: string;
}
