import { ApiProperty } from '@nestjs/swagger';

class PkhOutcomesDto {
  @ApiProperty({ example: 12, description: 'Flow: enrolments within the period' }) enrolled: number;
  @ApiProperty({ example: 3, description: 'Flow: graduations within the period' }) graduated: number;
  @ApiProperty({ example: 1, description: 'Flow: terminations within the period' }) terminated: number;
  @ApiProperty({
    example: 40,
    description: 'Flow: stage payments the channel confirmed within the period, less recalled ones',
  })
  disbursements: number;
  @ApiProperty({
    example: 30_000_000,
    description: 'Flow: rupiah the channel confirmed paid within the period, less what was recalled in it',
  })
  disbursedRupiah: number;
  @ApiProperty({ example: 2, description: 'Flow: payments the channel failed or returned within the period' })
  failedPayments: number;
  @ApiProperty({ example: 1_500_000, description: 'Flow: rupiah failed or returned within the period (not disbursed)' })
  failedRupiah: number;
  @ApiProperty({ example: 1, description: 'Flow: confirmed payments recalled within the period' }) reversals: number;
  @ApiProperty({ example: 750_000, description: 'Flow: rupiah recalled within the period' }) reversedRupiah: number;
  @ApiProperty({ example: 50, description: 'Stock: families active at the end of the period' }) activeAtEnd: number;
  @ApiProperty({ example: 2, description: 'Stock: families suspended at the end of the period' })
  suspendedAtEnd: number;
}

class KubeOutcomesDto {
  @ApiProperty({ example: 2, description: 'Flow: groups formed within the period' }) formed: number;
  @ApiProperty({ example: 10_000_000, description: 'Flow: grants paid within the period' }) grantsRupiah: number;
  @ApiProperty({ example: 4_500_000, description: 'Flow: revenue reported for months of the period' })
  reportedRevenueRupiah: number;
  @ApiProperty({ example: 6, description: 'Stock: active groups at the end of the period' }) activeAtEnd: number;
  @ApiProperty({ example: 48, description: 'Stock: member households at the end of the period' })
  membersAtEnd: number;
}

class TrainingOutcomesDto {
  @ApiProperty({ example: 40 }) invited: number;
  @ApiProperty({ example: 25 }) enrolled: number;
  @ApiProperty({ example: 15 }) declined: number;
  @ApiProperty({ example: { childcare: 6, working: 9 }, description: 'Declines by coded reason' })
  declinedByReason: Record<string, number>;
  @ApiProperty({ example: 20 }) completed: number;
  @ApiProperty({ example: 3 }) droppedOut: number;
}

class ExitOutcomesDto {
  @ApiProperty({ example: 5, description: 'Flow: households whose exit was approved' }) approved: number;
  @ApiProperty({ example: 21 }) persons: number;
  @ApiProperty({ example: 1, description: 'Flow: households that re-entered' }) reentered: number;
  @ApiProperty({ example: 4 }) reenteredPersons: number;
}

class ComplaintOutcomesDto {
  @ApiProperty({ example: 7, description: 'Flow: complaints received within the period (by receivedOn)' })
  received: number;
  @ApiProperty({
    example: { payment_not_received: 4, caseworker_conduct: 1 },
    description: 'Received by coded category',
  })
  receivedByCategory: Record<string, number>;
  @ApiProperty({ example: 1, description: 'Flow: complaints escalated as overdue within the period' })
  escalated: number;
  @ApiProperty({ example: 5, description: 'Flow: complaints resolved within the period' }) resolved: number;
}

export class OutcomeSummaryDto {
  @ApiProperty() pkh: PkhOutcomesDto;
  @ApiProperty() kube: KubeOutcomesDto;
  @ApiProperty() training: TrainingOutcomesDto;
  @ApiProperty() exits: ExitOutcomesDto;
  @ApiProperty({
    required: false,
    description: 'Complaints (pengaduan); absent from the frozen figures of months closed before they were counted',
  })
  complaints?: ComplaintOutcomesDto;
}

export class ProgrammeOutcomesDto {
  @ApiProperty({ enum: ['business', 'recorded'], example: 'business' }) basis: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-01' }) from: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-12' }) to: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) kecamatan: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) kelurahan: string | null;
  @ApiProperty() totals: OutcomeSummaryDto;
  @ApiProperty({ example: 3_000_000 }) trainingCostRupiah: number;
  @ApiProperty({
    example: ['2026-03'],
    description:
      'Closed months of the range: their figures here include late corrections; /reports/periods/{month} serves them as closed',
  })
  closedMonths: string[];
  @ApiProperty({
    description: 'Per month and kelurahan, every column on every row: flows in the month, stocks at its end',
    example: [{ period: '2026-03', kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya', 'pkh.enrolled': 2 }],
    type: 'array',
    items: { type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] } },
  })
  rows: Array<Record<string, string | number>>;
}

class BaselineDto {
  @ApiProperty({ example: 2024 }) year: number;
  @ApiProperty({ example: 'BPS Kota Bekasi' }) source: string;
  @ApiProperty({ example: 137_000 }) persons: number;
  @ApiProperty({ example: 5.33 }) ratePercent: number;
  @ApiProperty({ example: 2_570_356 }) population: number;
}

class TargetDto {
  @ApiProperty({ example: '2026-12-31' }) byEndOf: string;
  @ApiProperty({ example: 5 }) reductionPercent: number;
  @ApiProperty({ example: 6_850 }) reductionPersons: number;
  @ApiProperty({ example: 130_150 }) poorPersons: number;
}

class CountDto {
  @ApiProperty({ example: 15 }) households: number;
  @ApiProperty({ example: 60 }) persons: number;
}

class CurrentDto {
  @ApiProperty({ example: 136_940 }) poorPersons: number;
  @ApiProperty({ example: 14 }) netHouseholdsExited: number;
  @ApiProperty({ example: 60 }) netPersonsExited: number;
}

class CostPerExitDto {
  @ApiProperty({ example: 'spending of every source in the year / exits net of re-entries in the year' })
  basis: string;
  @ApiProperty({ type: Number, nullable: true, example: 19_575_000 }) perHousehold: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 4_567_500 }) perPerson: number | null;
}

class BudgetDto {
  @ApiProperty({ example: 4_700_000_000 }) allocationRupiah: number;
  @ApiProperty({ example: ['APBD', 'APBD-P'] }) allocationSources: string[];
  @ApiProperty({ example: { pkh: 'APBN', kube: 'APBD', training: 'APBD' } }) funding: Record<string, string>;
  @ApiProperty({ example: { APBD: 40_000_000, 'APBD-P': 0, APBN: 234_000_000, other: 0 } })
  spentBySourceRupiah: Record<string, number>;
  @ApiProperty({ example: { pkh: 234_000_000, kube: 30_000_000, training: 10_000_000 } })
  spentByProgrammeRupiah: Record<string, number>;
  @ApiProperty({ example: 274_050_000 }) spentRupiah: number;
  @ApiProperty({ example: 40_000_000, description: 'Spending of the allocation sources only' }) citySpentRupiah: number;
  @ApiProperty({ example: 4_660_000_000 }) remainingRupiah: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.85 }) usedPercent: number | null;
  @ApiProperty() costPerExit: CostPerExitDto;
}

export class PovertyTargetDto {
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ enum: ['business', 'recorded'], example: 'business' }) basis: string;
  @ApiProperty() baseline: BaselineDto;
  @ApiProperty() target: TargetDto;
  @ApiProperty() exited: CountDto;
  @ApiProperty() reentered: CountDto;
  @ApiProperty() current: CurrentDto;
  @ApiProperty({ type: Number, nullable: true, example: 0.88 }) progressPercent: number | null;
  @ApiProperty() budget: BudgetDto;
}
