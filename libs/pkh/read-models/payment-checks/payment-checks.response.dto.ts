import { ApiProperty } from '@nestjs/swagger';
import { CHECK_PROBLEM_CODES } from '../../domain/index.js';

export class PaymentCheckItem {
  @ApiProperty({ format: 'uuid' }) batchId: string;
  @ApiProperty({ format: 'uuid' }) householdId: string;
  @ApiProperty({ example: '2026-1' }) stage: string;
  @ApiProperty({ type: 'integer', description: 'Rupiah the channel confirmed paid' }) amount: number;
  @ApiProperty() kecamatan: string;
  @ApiProperty() kelurahan: string;
  @ApiProperty({ type: String, nullable: true, description: "The family's caseworker" }) caseworkerId: string | null;
  @ApiProperty({ enum: ['phone', 'visit'], nullable: true }) method: string | null;
  @ApiProperty({ enum: ['received', 'not_received', 'problem'], nullable: true, description: 'null: not checked yet' })
  outcome: string | null;
  @ApiProperty({ enum: CHECK_PROBLEM_CODES, nullable: true }) problemCode: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) checkedOn: string | null;
  @ApiProperty({ type: String, nullable: true }) checkedBy: string | null;
}

export class PaymentCheckPage {
  @ApiProperty({ type: [PaymentCheckItem] }) items: PaymentCheckItem[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
