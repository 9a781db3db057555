import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class TallyDto {
  @ApiProperty({ type: 'integer', minimum: 0 }) count: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) rupiah: number;
}

/** declared = paid + failed + returned + reversed + pending; sent is declared once exported, else zero. */
export class BatchBalanceDto {
  @ApiProperty() declared: TallyDto;
  @ApiProperty() sent: TallyDto;
  @ApiProperty() paid: TallyDto;
  @ApiProperty() failed: TallyDto;
  @ApiProperty() returned: TallyDto;
  @ApiProperty() reversed: TallyDto;
  @ApiProperty() pending: TallyDto;
}

export class BatchPaymentDto {
  @ApiProperty() reference: string;
  @ApiProperty({ format: 'uuid' }) householdId: string;
  @ApiProperty({ type: 'integer' }) amount: number;
  @ApiProperty({ enum: ['pending', 'paid', 'failed', 'returned', 'reversed'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) reasonCode: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) settledOn: string | null;
}

/** The post-payment check's progress and findings (ADR 0013). */
export class PaymentCheckProgressDto {
  @ApiProperty({ description: 'Confidence level the sample was sized for' }) confidence: number;
  @ApiProperty({ description: 'Margin of error (fraction)' }) margin: number;
  @ApiProperty({ type: 'integer', description: 'The seed of the draw: the same seed and batch give the same sample' })
  seed: number;
  @ApiProperty({ type: 'integer', description: 'Paid payments the sample was drawn from' }) population: number;
  @ApiProperty({ type: 'integer' }) size: number;
  @ApiProperty({ format: 'date' }) drawnOn: string;
  @ApiProperty({ type: 'integer', description: 'Sampled families checked so far' }) checked: number;
  @ApiProperty({ type: 'integer' }) received: number;
  @ApiProperty({ type: 'integer' }) notReceived: number;
  @ApiProperty({ type: 'integer' }) problems: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Problems found, by code',
  })
  findings: Record<string, number>;
  @ApiPropertyOptional({
    type: [String],
    description: 'The sampled households (not for reporters)',
  })
  householdIds?: string[];
}

export class DisbursementBatchDto {
  @ApiProperty({ format: 'uuid' }) batchId: string;
  @ApiProperty({ type: 'integer', description: 'Stream revision; send it back in If-Match' }) revision: number;
  @ApiProperty({ enum: ['declared', 'approved', 'cancelled', 'exported'] }) status: string;
  @ApiProperty({ example: '2026-1' }) stage: string;
  @ApiProperty({ enum: ['bank_transfer', 'post_office', 'e_wallet'] }) channel: string;
  @ApiProperty({ format: 'date' }) plannedOn: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) reissueOf: string | null;
  @ApiProperty() maker: string;
  @ApiProperty({ type: [String] }) approvers: string[];
  @ApiProperty({ type: 'integer' }) approvalsNeeded: number;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the payment file, once exported' })
  checksum: string | null;
  @ApiProperty() balance: BatchBalanceDto;
  @ApiProperty({ type: PaymentCheckProgressDto, nullable: true, description: 'null until a sample is drawn' })
  check: PaymentCheckProgressDto | null;
  @ApiPropertyOptional({
    type: [BatchPaymentDto],
    description: 'Every payment (not for reporters, who see counts only)',
  })
  payments?: BatchPaymentDto[];
}

export class PaymentFileRowDto {
  @ApiProperty() reference: string;
  @ApiProperty({ description: "The recipient's NIK" }) nik: string;
  @ApiProperty({ description: 'KKS card or account number where known, else empty' }) account: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer' }) amount: number;
  @ApiProperty() stage: string;
  @ApiProperty({ format: 'uuid' }) batch_id: string;
}

export class PaymentFileDto {
  @ApiProperty() format: string;
  @ApiProperty() checksum: string;
  @ApiProperty({ type: [String], description: 'The households paid, in the order of the rows' })
  householdIds: string[];
  @ApiProperty({ type: [PaymentFileRowDto] }) rows: PaymentFileRowDto[];
}
