import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsInt,
  IsObject,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '#libs/platform/http/validators.js';
import { AddressDto, IsKk, MemberDto, nestedType } from '../shared/household.request.dto.js';

/** What a DTKS/DTSEN extract says of the household (ADR 0015). */
export class DtksRankingDto {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: 10,
    description: "DTKS/DTSEN welfare decile (desil): 1 is the country's poorest tenth of households",
    example: 2,
  })
  @IsInt()
  @Min(1)
  @Max(10)
  welfareDecile: number;

  @ApiPropertyOptional({ format: 'date', description: 'The day the extract was taken', example: '2026-01-31' })
  @IsOptional()
  @IsCalendarDate()
  extractedOn?: string;
}

export class RegisterHouseholdRequestDto {
  @ApiProperty({ description: 'KK (Kartu Keluarga) number, 16 digits', example: '3275011203150007' })
  @IsKk()
  kk: string;

  @ApiProperty({ type: AddressDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @nestedType(AddressDto)
  address: AddressDto;

  @ApiProperty({ type: [MemberDto], maxItems: 30, description: 'Every member (at most 30), exactly one "head"' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @nestedType(MemberDto)
  members: MemberDto[];

  @ApiPropertyOptional({
    type: DtksRankingDto,
    description: 'When the household is known from DTKS/DTSEN: its ranking',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @nestedType(DtksRankingDto)
  dtks?: DtksRankingDto;
}
