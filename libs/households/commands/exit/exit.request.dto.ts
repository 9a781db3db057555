import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsCalendarDate } from '#libs/platform/http/validators.js';

export class ProposeExitRequestDto {
  @ApiProperty({
    description: 'Why the household has left poverty',
    example: 'Catering business earns steadily since June',
  })
  @IsString()
  @Length(3, 500)
  reason: string;
}

export class ApproveExitRequestDto {
  @ApiPropertyOptional({ format: 'date', description: 'Date of the exit; default today' })
  @IsOptional()
  @IsCalendarDate()
  exitedOn?: string;
}

export class ReasonRequestDto {
  @ApiProperty({ example: 'Income not yet stable over three months' })
  @IsString()
  @Length(3, 500)
  reason: string;
}

export class ReopenCaseRequestDto extends ReasonRequestDto {
  @ApiPropertyOptional({ format: 'date', description: 'Default today' })
  @IsOptional()
  @IsCalendarDate()
  reopenedOn?: string;
}
