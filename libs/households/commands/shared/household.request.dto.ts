import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsCalendarDate, IsDigits, IsPersonName } from '#libs/platform/http/validators.js';
import { KECAMATAN } from '#libs/reference-data/index.js';
import { IsKecamatan, IsKelurahanOfKecamatan } from '#libs/platform/http/index.js';
import type { Relationship, SchoolLevel, Sex } from '../../domain/household.events.js';

export const SEXES: Sex[] = ['male', 'female'];
export const RELATIONSHIPS: Relationship[] = [
  'head',
  'spouse',
  'child',
  'parent',
  'grandchild',
  'other_relative',
  'other',
];
export const SCHOOL_LEVELS: SchoolLevel[] = ['none', 'early_childhood', 'primary', 'junior_high', 'senior_high'];

export const IsNik = () => IsDigits(16, 'isNik');
export const IsKk = () => IsDigits(16, 'isKk');

export class MemberDto {
  @ApiProperty({ description: 'NIK, 16 digits', example: '3275014501850001' })
  @IsNik()
  nik: string;

  @ApiProperty({ example: 'Siti Aminah' })
  @IsString()
  @Length(1, 120)
  @IsPersonName()
  name: string;

  @ApiProperty({ format: 'date', example: '1985-01-05' })
  @IsCalendarDate()
  birthDate: string;

  @ApiProperty({ enum: SEXES })
  @IsIn(SEXES)
  sex: Sex;

  @ApiProperty({ enum: RELATIONSHIPS, description: 'Relationship to the head of the household' })
  @IsIn(RELATIONSHIPS)
  relationship: Relationship;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  pregnant?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  severeDisability?: boolean;

  @ApiPropertyOptional({ enum: SCHOOL_LEVELS, default: 'none' })
  @IsOptional()
  @IsIn(SCHOOL_LEVELS)
  schoolLevel?: SchoolLevel;
}

export class AddressDto {
  @ApiProperty({ enum: KECAMATAN })
  @IsKecamatan()
  kecamatan: string;

  @ApiProperty({ description: 'A kelurahan of the kecamatan', example: 'Harapan Jaya' })
  @IsKelurahanOfKecamatan()
  kelurahan: string;

  @ApiPropertyOptional({ example: 'Jl. Melati No. 7' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  street?: string;

  @ApiPropertyOptional({ example: '003' })
  @IsOptional()
  @Matches(/^\d{1,3}$/, { message: 'rt must be 1 to 3 digits' })
  rt?: string;

  @ApiPropertyOptional({ example: '011' })
  @IsOptional()
  @Matches(/^\d{1,3}$/, { message: 'rw must be 1 to 3 digits' })
  rw?: string;
}

export const nestedType = <T>(cls: new () => T) => Type(() => cls);

export function toMember(dto: MemberDto) {
  return {
    nik: dto.nik,
    name: dto.name.trim(),
    birthDate: dto.birthDate,
    sex: dto.sex,
    relationship: dto.relationship,
    pregnant: dto.pregnant ?? false,
    severeDisability: dto.severeDisability ?? false,
    schoolLevel: dto.schoolLevel ?? 'none',
  };
}

/** An address as the household keeps it: the optional parts only when given. */
export function toAddress(dto: AddressDto) {
  const { kecamatan, kelurahan, street, rt, rw } = dto;
  return { kecamatan, kelurahan, ...(street ? { street } : {}), ...(rt ? { rt } : {}), ...(rw ? { rw } : {}) };
}
