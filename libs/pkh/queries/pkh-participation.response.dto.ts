import { ApiProperty } from '@nestjs/swagger';
import { KKS_BANKS, type KksBank } from '../domain/index.js';
import type { EligibleComponent, PkhState, PkhStatus, StageRecord } from '../domain/index.js';

export class PkhComponentDto implements EligibleComponent {
  @ApiProperty({ example: '3275014501850001' }) nik: string;
  @ApiProperty({ type: String, example: 'primary_school' }) component: EligibleComponent['component'];
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Rupiah per year' }) annualAmount: number;
  @ApiProperty({ description: 'Among those counted for the family (at most four)' }) counted: boolean;
}

export class PkhStageDto implements StageRecord {
  @ApiProperty() compliant: boolean;
  @ApiProperty({ type: 'integer', minimum: 0, nullable: true, description: 'Rupiah disbursed; null: not yet' })
  disbursed: number | null;
  @ApiProperty({
    enum: ['not_enrolled', 'suspended', 'graduated', 'terminated'],
    nullable: true,
    required: false,
    description:
      "Set when the channel confirmed a batch's payment after the family stopped being active (ADR 0013): paid, for review",
  })
  paidWhile?: Exclude<PkhStatus, 'active'> | null;
}

export class PkhGraduationDto {
  @ApiProperty({ enum: ['natural', 'self_declared', 'poverty_exit'] }) kind:
    'natural' | 'self_declared' | 'poverty_exit';
  @ApiProperty({ format: 'date' }) graduatedOn: string;
}

export class PkhKksAccountDto {
  @ApiProperty({ enum: KKS_BANKS }) bank: KksBank;
  @ApiProperty({ description: 'KKS card or bank account number: the payment file carries it' }) account: string;
  @ApiProperty({ format: 'date' }) recordedOn: string;
}

/** A household's PKH participation, folded from its PKH stream. */
export class PkhParticipationDto implements PkhState {
  @ApiProperty({ format: 'uuid' }) householdId: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Revision of the PKH stream (also the ETag)' })
  revision: number;
  @ApiProperty({ enum: ['not_enrolled', 'active', 'suspended', 'graduated', 'terminated'] }) status: PkhStatus;
  @ApiProperty({ type: String, format: 'date', nullable: true }) enrolledOn: string | null;
  @ApiProperty({ type: [PkhComponentDto] }) components: PkhComponentDto[];
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Rupiah per stage' }) entitlementPerStage: number;
  @ApiProperty({ type: String, nullable: true }) benefitIndexVersion: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/PkhStageDto' },
    description: 'By stage, as the verifications and disbursements name it',
  })
  stages: Record<string, PkhStageDto>;
  @ApiProperty({ type: 'integer', minimum: 0 }) consecutiveNonCompliant: number;
  @ApiProperty({ type: PkhGraduationDto, nullable: true }) graduation: PkhGraduationDto | null;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Rupiah' }) totalDisbursed: number;
  @ApiProperty({
    type: PkhKksAccountDto,
    nullable: true,
    description: 'Where the channel pays the family, once recorded',
  })
  kksAccount: PkhKksAccountDto | null;
}
