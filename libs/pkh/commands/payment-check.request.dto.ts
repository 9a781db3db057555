import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Max, Min, ValidateIf } from 'class-validator';
import { IsCalendarDate, QueryInteger } from '#libs/platform/http/validators.js';
import {
  CHECK_CONFIDENCES,
  CHECK_MARGIN_RANGE,
  CHECK_PROBLEM_CODES,
  DEFAULT_CHECK_CONFIDENCE,
  DEFAULT_CHECK_MARGIN,
  type CheckConfidence,
  type CheckMethod,
  type CheckOutcome,
  type CheckProblemCode,
} from '../domain/index.js';

/** How large a sample to draw, and with which seed (ADR 0013). */
export class DrawCheckSampleRequestDto {
  @ApiPropertyOptional({
    enum: CHECK_CONFIDENCES,
    default: DEFAULT_CHECK_CONFIDENCE,
    description: 'Confidence level of the estimate of the share of families that received their money',
  })
  @IsOptional()
  @IsIn(CHECK_CONFIDENCES)
  confidence?: CheckConfidence;

  @ApiPropertyOptional({
    minimum: CHECK_MARGIN_RANGE.min,
    maximum: CHECK_MARGIN_RANGE.max,
    default: DEFAULT_CHECK_MARGIN,
    description: 'Margin of error as a fraction (0.1: ±10 points)',
  })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 4 })
  @Min(CHECK_MARGIN_RANGE.min)
  @Max(CHECK_MARGIN_RANGE.max)
  margin?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 4_294_967_295,
    description:
      "Seed of the draw (recorded in the batch); by default the first 8 hex digits of the payment file's checksum, " +
      'fixed before any result came back',
  })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(0)
  @Max(4_294_967_295)
  seed?: number;

  @ApiProperty({ format: 'date', description: 'The day the sample is drawn' })
  @IsCalendarDate()
  drawnOn: string;
}

export const CHECK_METHODS: readonly CheckMethod[] = ['phone', 'visit'];
export const CHECK_OUTCOMES: readonly CheckOutcome[] = ['received', 'not_received', 'problem'];

/** What a sampled family said of its payment. */
export class RecordCheckRequestDto {
  @ApiProperty({ enum: CHECK_METHODS })
  @IsIn(CHECK_METHODS)
  method: CheckMethod;

  @ApiProperty({ enum: CHECK_OUTCOMES })
  @IsIn(CHECK_OUTCOMES)
  outcome: CheckOutcome;

  @ApiPropertyOptional({
    enum: CHECK_PROBLEM_CODES,
    nullable: true,
    description: 'With outcome "problem" only (422 CHECK.PROBLEM_NEEDS_CODE_AND_NOTE / CHECK.CODE_ONLY_FOR_PROBLEM)',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(CHECK_PROBLEM_CODES)
  problemCode?: CheckProblemCode | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000, description: 'Needed with a problem' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Length(1, 1000)
  note?: string | null;

  @ApiProperty({ format: 'date', description: 'The day the family was reached (the business date)' })
  @IsCalendarDate()
  checkedOn: string;
}
