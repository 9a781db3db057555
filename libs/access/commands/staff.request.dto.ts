import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '#libs/platform/http/validators.js';
import { KECAMATAN } from '#libs/reference-data/index.js';
import { IsKecamatan, IsKelurahanOfKecamatan } from '#libs/platform/http/index.js';
import { MINIMUM_REASON_LENGTH, type AreaRole } from '../domain/index.js';

export const AREA_ROLES: AreaRole[] = ['caseworker', 'supervisor'];

export class AreaDto {
  @ApiProperty({ enum: KECAMATAN })
  @IsKecamatan()
  kecamatan: string;

  @ApiPropertyOptional({ description: 'A kelurahan of the kecamatan; leave out for the whole kecamatan (supervisors)' })
  @IsOptional()
  @IsKelurahanOfKecamatan()
  kelurahan?: string;
}

export class AssignAreasRequestDto {
  @ApiProperty({ enum: AREA_ROLES, description: 'The role the area is given for' })
  @IsIn(AREA_ROLES)
  role: AreaRole;

  @ApiProperty({ type: [AreaDto], minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AreaDto)
  areas: AreaDto[];

  @ApiProperty({ format: 'date', example: '2026-03-01' })
  @IsCalendarDate()
  validFrom: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day; leave out for no end' })
  @IsOptional()
  @IsCalendarDate()
  validUntil?: string;

  @ApiProperty({ example: 'Posted to Bekasi Utara from March' })
  @IsString()
  @Length(3, 500)
  reason: string;
}

export class RevokeAreaRequestDto {
  @ApiProperty({ example: 'Moved to Medan Satria' })
  @IsString()
  @Length(3, 500)
  reason: string;

  @ApiPropertyOptional({ format: 'date', description: 'From this day on; today when left out' })
  @IsOptional()
  @IsCalendarDate()
  revokedOn?: string;
}

export class BreakGlassRequestDto {
  @ApiProperty({
    minLength: MINIMUM_REASON_LENGTH,
    maxLength: 500,
    example: 'Covering the Harapan Jaya caseload while Bu Rina is on leave',
  })
  @IsString()
  @Length(MINIMUM_REASON_LENGTH, 500)
  reason: string;
}

export class ReviewOpeningRequestDto {
  @ApiProperty({ example: 'Justified: she covered Harapan Jaya during the leave' })
  @IsString()
  @Length(3, 500)
  note: string;
}
