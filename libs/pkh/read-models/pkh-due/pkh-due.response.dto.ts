import { ApiProperty } from '@nestjs/swagger';

export class PkhDueItem {
  @ApiProperty({ format: 'uuid' }) householdId: string;
  @ApiProperty({ example: '2026-1' }) stage: string;
  @ApiProperty() kecamatan: string;
  @ApiProperty() kelurahan: string;
  @ApiProperty({ type: 'integer', description: 'Rupiah due: the entitlement per stage recorded at enrolment' })
  amount: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'failed:CODE or returned:CODE when an earlier payment of the stage did not reach the family',
  })
  lastFailure: string | null;
}

export class PkhDuePage {
  @ApiProperty({ type: [PkhDueItem] }) items: PkhDueItem[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
