import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsPersonName } from '#libs/platform/http/validators.js';
import type { DeathSource, PregnancyOutcome } from '../../domain/member-change.events.js';
import type { SchoolLevel, Sex } from '../../domain/household.events.js';
import { AddressDto, IsNik, MemberDto, SCHOOL_LEVELS, SEXES, nestedType } from '../shared/household.request.dto.js';

export const DEATH_SOURCES: DeathSource[] = ['family', 'dukcapil'];
export const PREGNANCY_OUTCOMES: PregnancyOutcome[] = ['birth', 'loss'];

export class CorrectMemberRequestDto {
  @ApiPropertyOptional({ example: 'Siti Aminah' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  @IsPersonName()
  name?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  birthDate?: string;

  @ApiPropertyOptional({ enum: SEXES })
  @IsOptional()
  @IsIn(SEXES)
  sex?: Sex;

  @ApiProperty({ example: 'Spelling as on the new KK' })
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class PregnancyRequestDto {
  @ApiProperty({ format: 'date', description: 'When the pregnancy was reported (first check-up)' })
  @IsCalendarDate()
  reportedOn: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  expectedDeliveryOn?: string;
}

export class NewbornDto {
  @ApiPropertyOptional({ description: 'NIK, 16 digits; omitted while Dukcapil has not issued it' })
  @IsOptional()
  @IsNik()
  nik?: string;

  @ApiProperty({ example: 'Bayi Aminah' })
  @IsString()
  @Length(1, 120)
  @IsPersonName()
  name: string;

  @ApiProperty({ enum: SEXES })
  @IsIn(SEXES)
  sex: Sex;
}

export class PregnancyEndingRequestDto {
  @ApiProperty({ format: 'date', description: 'The day of the birth or loss' })
  @IsCalendarDate()
  endedOn: string;

  @ApiProperty({ enum: PREGNANCY_OUTCOMES })
  @IsIn(PREGNANCY_OUTCOMES)
  outcome: PregnancyOutcome;

  @ApiPropertyOptional({ type: [NewbornDto], description: 'The children born (a birth names at least one)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @nestedType(NewbornDto)
  children?: NewbornDto[];
}

export class IssueNikRequestDto {
  @ApiProperty({ description: 'The NIK Dukcapil issued, 16 digits' })
  @IsNik()
  nik: string;
}

export class SchoolLevelRequestDto {
  @ApiProperty({ enum: SCHOOL_LEVELS })
  @IsIn(SCHOOL_LEVELS)
  schoolLevel: SchoolLevel;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  changedOn: string;
}

export class DisabilityAssessmentRequestDto {
  @ApiProperty({ description: 'Whether the assessment finds a severe disability' })
  @IsBoolean()
  severeDisability: boolean;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  assessedOn: string;

  @ApiPropertyOptional({ example: 'Puskesmas Harapan Jaya' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  assessedBy?: string;
}

export class DeathRequestDto {
  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  diedOn: string;

  @ApiProperty({ enum: DEATH_SOURCES, description: 'Reported by the family, or a Dukcapil notice' })
  @IsIn(DEATH_SOURCES)
  source: DeathSource;

  @ApiPropertyOptional({ description: "The notice's number (akta kematian)", example: '3275-KM-26052026-0001' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  reference?: string;

  @ApiPropertyOptional({ description: 'NIK of the member who heads the family now (when the head died)' })
  @IsOptional()
  @IsNik()
  newHeadNik?: string;
}

export class MoveOutRequestDto {
  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  movedOn: string;

  @ApiPropertyOptional({ example: 'Kabupaten Bogor' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  destination?: string;

  @ApiPropertyOptional({ description: 'NIK of the member who heads the family now (when the head left)' })
  @IsOptional()
  @IsNik()
  newHeadNik?: string;
}

export class MoveInRequestDto {
  @ApiProperty({ type: MemberDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @nestedType(MemberDto)
  member: MemberDto;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  movedOn: string;

  @ApiPropertyOptional({ example: 'Kota Depok' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  origin?: string;
}

export class MoveHouseholdRequestDto {
  @ApiProperty({ type: AddressDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @nestedType(AddressDto)
  address: AddressDto;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  movedOn: string;
}
