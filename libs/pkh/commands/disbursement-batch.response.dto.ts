import { ApiProperty } from '@nestjs/swagger';
import { CommandResponse } from '#libs/platform/http/index.js';

export class BatchExportResponse extends CommandResponse {
  @ApiProperty({ description: "SHA-256 (hex) of the payment file's bytes, as recorded in the batch" })
  checksum: string;
}

export class ResultRowReportDto {
  @ApiProperty({ type: 'integer', description: 'Line of the file (the header is line 1)' })
  line: number;
  @ApiProperty({ type: String, nullable: true })
  reference: string | null;
  @ApiProperty({ enum: ['matched', 'unchanged', 'refused'] })
  result: 'matched' | 'unchanged' | 'refused';
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Why a row was refused: RESULT.MALFORMED_ROW, RESULT.UNKNOWN_REFERENCE, RESULT.DUPLICATE_ROW, RESULT.AMOUNT_DIFFERS, ' +
      'RESULT.OTHER_BATCH, RESULT.REASON_REQUIRED, RESULT.ALREADY_SETTLED, RESULT.DATE_IN_FUTURE',
  })
  code: string | null;
  @ApiProperty({ type: String, nullable: true })
  message: string | null;
}

export class ResultImportResponse extends CommandResponse {
  @ApiProperty({ type: [ResultRowReportDto], description: 'Every row of the file, with what became of it' })
  rows: ResultRowReportDto[];
}
