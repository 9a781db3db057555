import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { ERASURE_LEGAL_BASES, type ErasureLegalBasis } from '../../domain/household.events.js';

export class RequestErasureRequestDto {
  @ApiProperty({ enum: ERASURE_LEGAL_BASES, description: 'Why the law lets (or makes) us erase it (UU 27/2022)' })
  @IsIn(ERASURE_LEGAL_BASES)
  legalBasis: ErasureLegalBasis;

  @ApiProperty({ example: 'Written request of the head of the family, letter of 2026-11-02' })
  @IsString()
  @Length(3, 500)
  reason: string;
}
