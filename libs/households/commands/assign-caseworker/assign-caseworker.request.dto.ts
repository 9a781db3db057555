import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class AssignCaseworkerRequestDto {
  @ApiProperty({ description: "The caseworker's user id (the token subject)", example: 'cw-01' })
  @Matches(/^[A-Za-z0-9._@-]{1,64}$/, { message: 'caseworkerId must be 1 to 64 letters, digits or ._@-' })
  caseworkerId: string;

  @ApiPropertyOptional({ description: 'Why the case is assigned or transferred', example: 'Caseload balancing' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}
