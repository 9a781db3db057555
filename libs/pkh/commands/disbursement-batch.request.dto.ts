import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { IsCalendarDate } from '#libs/platform/http/validators.js';
import type { DisbursementChannel } from '../domain/index.js';
import { CHANNELS, STAGE } from './pkh.request.dto.js';

/** Where a batch of a stage is paid, when, and to whom, with the maker's control totals. */
export class ReissueBatchRequestDto {
  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel: DisbursementChannel;

  @ApiProperty({ format: 'date', description: 'The day the channel is to pay' })
  @IsCalendarDate()
  plannedOn: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description:
      'Households from the due list; each refused one is named with its reason (422 BATCH.HOUSEHOLD_NOT_DUE)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5_000)
  @IsUUID('all', { each: true })
  householdIds: string[];

  @ApiProperty({ description: 'Control total: the number of payments (422 BATCH.CONTROL_TOTALS_DIFFER if not)' })
  @IsInt()
  @Min(1)
  @Max(5_000)
  controlCount: number;

  @ApiProperty({ description: 'Control total: the rupiah of all payments (422 BATCH.CONTROL_TOTALS_DIFFER if not)' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  controlRupiah: number;
}

export class DeclareBatchRequestDto extends ReissueBatchRequestDto {
  @ApiProperty({ example: '2026-1', description: 'Disbursement stage (tahap) YYYY-N' })
  @Matches(STAGE.pattern, { message: STAGE.message })
  stage: string;
}

export class ResultFileRequestDto {
  @ApiProperty({
    description:
      "The channel's result file, CSV with a header row: reference,status,reason_code,amount,date[,batch_id]; " +
      'status paid, failed or returned (failed and returned name a reason_code); amount in whole rupiah; date YYYY-MM-DD',
    maxLength: 2_000_000,
  })
  @IsString()
  @Length(1, 2_000_000)
  file: string;
}

export class ReversalRequestDto {
  @ApiProperty({ format: 'date', description: 'The day the money was recalled' })
  @IsCalendarDate()
  reversedOn: string;

  @ApiProperty({ minLength: 3, maxLength: 500 })
  @IsString()
  @Length(3, 500)
  reason: string;
}
