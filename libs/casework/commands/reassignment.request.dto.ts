import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { ReadQueryDto } from '#libs/platform/http/index.js';
import { STAFF_ID } from './casework.request.dto.js';

/** At most this many households move in one request (one event each): a larger caseload moves in parts. */
export const MAX_REASSIGNMENT = 200;

export class ReassignCaseloadRequestDto {
  @ApiProperty({ description: 'The caseworker who takes the cases over', example: 'cw-02' })
  @Matches(STAFF_ID, { message: 'toCaseworkerId must be 1 to 64 letters, digits or ._@-' })
  toCaseworkerId: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: MAX_REASSIGNMENT,
    description: `The cases to move; absent: every open case of the caseworker the caller reaches (at most ${MAX_REASSIGNMENT})`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_REASSIGNMENT)
  @IsUUID('all', { each: true })
  householdIds?: string[];

  @ApiProperty({ example: 'Bu Rina leaves the service on 31 March' })
  @IsString()
  @Length(3, 500)
  reason: string;
}

export class ReassignmentPreviewQueryDto extends ReadQueryDto {
  @ApiProperty({ description: 'The caseworker who would take the cases over', example: 'cw-02' })
  @Matches(STAFF_ID, { message: 'to must be 1 to 64 letters, digits or ._@-' })
  to: string;

  @ApiPropertyOptional({
    description: `Comma-separated household ids; absent: every open case of the caseworker the caller reaches (at most ${MAX_REASSIGNMENT})`,
    example: '0f8e0c1e-6a59-4c52-9d7e-2b8b8c1f1a10',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',') : value))
  @IsArray()
  @ArrayMaxSize(MAX_REASSIGNMENT)
  @IsUUID('all', { each: true })
  householdIds?: string[];
}
