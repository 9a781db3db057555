import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { FLAG_CODES, RISK_LEVELS } from '#libs/casework/index.js';
import { ACTIVITIES } from './monthly-report/monthly-report.js';

const COUNTS: ApiPropertyOptions = { type: 'integer', minimum: 0 };
/** An object of named figures (integers, or nested objects of them). */
export class FollowUpDto {
  @ApiProperty({ enum: ['pkh_verification', 'kube_report', 'training', 'home_visit', 'p2k2_follow_up'] }) kind: string;
  @ApiProperty({ format: 'date' }) due: string;
  @ApiProperty() detail: string;
  @ApiProperty({ description: 'Due before today in JEJAK_TIME_ZONE' }) overdue: boolean;
  @ApiProperty({ format: 'uuid', required: false, description: 'A scheduled visit or follow-up of the casework' })
  visitId?: string;
}

export class CaseloadFlagDto {
  @ApiProperty({ enum: FLAG_CODES }) flag: string;
  @ApiProperty({ enum: RISK_LEVELS }) risk: string;
}

export class CaseProgrammesDto {
  @ApiProperty({ type: String, nullable: true, description: 'PKH status, null if never enrolled' }) pkh: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) kubeId: string | null;
  @ApiProperty(COUNTS) trainings: number;
}

export class CaseloadEntryDto {
  @ApiProperty({ format: 'uuid' }) householdId: string;
  @ApiProperty() headName: string;
  @ApiProperty() kecamatan: string;
  @ApiProperty() kelurahan: string;
  @ApiProperty({ type: String, nullable: true }) caseworkerId: string | null;
  @ApiProperty() welfareStatus: string;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: 10,
    nullable: true,
    description: 'DTKS/DTSEN welfare decile at registration (ADR 0015), null when it came without one',
  })
  welfareDecile: number | null;
  @ApiProperty() exitProposed: boolean;
  @ApiProperty({ type: CaseProgrammesDto }) programmes: CaseProgrammesDto;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastContactAt: string | null;
  @ApiProperty({ type: [FollowUpDto] }) followUps: FollowUpDto[];
  @ApiProperty({ type: String, format: 'date', nullable: true }) nextDue: string | null;
  @ApiProperty({ ...COUNTS, description: 'Scheduled visits and follow-ups past their due date' }) overdueVisits: number;
  @ApiProperty({ type: [CaseloadFlagDto], description: 'Risk flags set on the case' }) flags: CaseloadFlagDto[];
}

/** Open cases, paginated by offset. */
export class CaseloadPageDto {
  @ApiProperty({ ...COUNTS, description: 'Open cases matching, in the caller’s reach' }) total: number;
  @ApiProperty({ type: [CaseloadEntryDto] }) items: CaseloadEntryDto[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'Pass as ?offset= for the next page; null at the end' })
  nextOffset: number | null;
}

export class MonthlyActivityDto {
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty({ format: 'date-time', description: 'When it was recorded' }) occurredAt: string;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The local day it happened on, as the event states it; null when it names none',
  })
  businessDate: string | null;
  @ApiProperty({
    enum: ['business_date', 'recorded'],
    description: 'What placed it in the month: its business date, or (none named) its recording day in JEJAK_TIME_ZONE',
  })
  placedBy: string;
  @ApiProperty({ enum: ACTIVITIES }) activity: string;
  @ApiProperty() type: string;
  @ApiProperty() stream: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ description: 'Revoked since (ADR 0019): listed, not counted' }) revoked: boolean;
}

/** The caseworker's post-payment checks of the month, by the day each family was reached. */
export class PaymentFollowUpsDto {
  @ApiProperty({ type: 'integer', minimum: 0 }) checks: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) received: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) notReceived: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) problem: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Problems by code' })
  findings: Record<string, number>;
}

export class MonthlyReportDto {
  @ApiProperty() caseworkerId: string;
  @ApiProperty({ example: '2026-03' }) month: string;
  @ApiProperty({ example: 'Asia/Jakarta' }) timeZone: string;
  @ApiProperty({
    type: 'object',
    properties: Object.fromEntries(ACTIVITIES.map((a) => [a, { type: 'integer', minimum: 0 }])),
    required: [...ACTIVITIES],
  })
  counts: Record<string, number>;
  @ApiProperty({ description: 'Post-payment checks recorded (ADR 0013), by business date' })
  paymentFollowUps: PaymentFollowUpsDto;
  @ApiProperty({ type: [MonthlyActivityDto] }) activities: MonthlyActivityDto[];
}
