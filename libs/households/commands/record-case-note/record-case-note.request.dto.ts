import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export const NOTE_TOPICS = ['visit', 'phone', 'compliance', 'referral', 'complaint', 'other'] as const;

export class RecordCaseNoteRequestDto {
  @ApiProperty({ example: 'Home visit: the family asked about the sewing course.' })
  @IsString()
  @Length(1, 4000)
  text: string;

  @ApiPropertyOptional({ enum: NOTE_TOPICS, default: 'other' })
  @IsOptional()
  @IsIn(NOTE_TOPICS)
  topic?: (typeof NOTE_TOPICS)[number];
}
