import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsObject, ValidateNested } from 'class-validator';
import { AddressDto, IsKk, MemberDto, nestedType } from '../shared/household.request.dto.js';

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
}
