import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { KECAMATAN } from '#libs/reference-data/index.js';
import { RecordedEventDto } from '#libs/platform/http/index.js';
import type { Page } from '#libs/platform/http/index.js';
import type { Address, Member, Relationship, SchoolLevel, Sex } from '../../domain/household.events.js';
import { RELATIONSHIPS, SCHOOL_LEVELS, SEXES } from '../../commands/shared/household.request.dto.js';
import type { HouseholdSummary } from './household-summary.table.js';
import type { ErasureCandidate, ErasureReview } from './erasure-review.queries.js';
import type {
  HouseholdHistory,
  HouseholdMembersOn,
  HouseholdStateAsOf,
} from '../household-history/household-history.queries.js';
import type { HouseholdState } from '../../domain/household.state.js';

export class HouseholdMemberDto implements Member {
  @ApiProperty({
    description: 'NIK, 16 digits; `pending-<uuid>` for a newborn until Dukcapil issues it',
    example: '3275014501850001',
  })
  nik: string;
  @ApiProperty({ example: 'Siti Aminah' }) name: string;
  @ApiProperty({
    description: 'The birth date, or the marker `[erased]` once the household is erased (ADR 0010)',
    example: '1985-01-05',
    pattern: '^(\\d{4}-\\d{2}-\\d{2}|\\[erased\\])$',
  })
  birthDate: string;
  @ApiProperty({ enum: SEXES }) sex: Sex;
  @ApiProperty({ enum: RELATIONSHIPS }) relationship: Relationship;
  @ApiProperty() pregnant: boolean;
  @ApiProperty() severeDisability: boolean;
  @ApiProperty({ enum: SCHOOL_LEVELS }) schoolLevel: SchoolLevel;
}

export class HouseholdAddressDto implements Address {
  @ApiProperty({ enum: KECAMATAN }) kecamatan: string;
  @ApiProperty({ example: 'Harapan Jaya' }) kelurahan: string;
  @ApiPropertyOptional({ example: 'Jl. Melati No. 7' }) street?: string;
  @ApiPropertyOptional({ example: '003' }) rt?: string;
  @ApiPropertyOptional({ example: '011' }) rw?: string;
}

export class LastAssessmentDto {
  @ApiProperty({ type: 'integer', description: 'Rupiah per person per month' }) perCapitaIncome: number;
  @ApiProperty({ type: 'integer', description: 'Rupiah per person per month' }) povertyLine: number;
  @ApiProperty({ format: 'date' }) assessedOn: string;
}

export class DtksRankingViewDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 10, description: 'DTKS/DTSEN welfare decile (desil)' })
  welfareDecile: number;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The day of the extract, when known' })
  extractedOn: string | null;
}

/** A household as the household-summary read model has it (personal data: NIK, names, address). */
export class HouseholdSummaryDto implements HouseholdSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'KK, 16 digits', example: '3275011203150007' }) kk: string;
  @ApiProperty({ example: 'Siti Aminah' }) headName: string;
  @ApiProperty({ type: HouseholdAddressDto }) address: HouseholdAddressDto;
  @ApiProperty({ type: [HouseholdMemberDto], maxItems: 30 }) members: HouseholdMemberDto[];
  @ApiProperty({ type: 'integer', minimum: 1 }) memberCount: number;
  @ApiProperty({ enum: ['unassessed', 'below_poverty_line', 'above_poverty_line'] }) welfareStatus: string;
  @ApiProperty({ enum: ['open', 'closed'] }) caseStatus: string;
  @ApiProperty() exitProposed: boolean;
  @ApiProperty({ type: String, nullable: true }) caseworkerId: string | null;
  @ApiProperty({
    type: DtksRankingViewDto,
    nullable: true,
    description: 'What DTKS/DTSEN said of the household when it was registered from it (ADR 0015)',
  })
  dtks: DtksRankingViewDto | null;
  @ApiProperty({ type: LastAssessmentDto, nullable: true }) lastAssessment: LastAssessmentDto | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) notesCount: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastContactAt: string | null;
  @ApiProperty({ format: 'date-time' }) registeredAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Revision of the household stream (also the ETag)' })
  revision: number;
  @ApiProperty({ type: 'integer', description: 'Global position of the last event the row reflects' })
  position: number;
}

export class HouseholdPageDto implements Page<HouseholdSummary> {
  @ApiProperty({ type: [HouseholdSummaryDto] }) items: HouseholdSummaryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?cursor= for the next page; null at the end' })
  nextCursor: string | null;
}

/** The revocation that took an entry back (ADR 0019). */
export class RevokedByDto {
  @ApiProperty({ format: 'uuid', description: 'The EventRevoked entry, further down the history' }) eventId: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class HouseholdHistoryEntryDto extends RecordedEventDto {
  @ApiPropertyOptional({
    type: RevokedByDto,
    description: 'Present on an entry revoked later: it stays in the history but no longer counts',
  })
  revokedBy?: RevokedByDto;
}

export class HouseholdHistoryDto implements HouseholdHistory {
  @ApiProperty({ format: 'uuid' }) householdId: string;
  @ApiProperty({ type: [HouseholdHistoryEntryDto], description: 'Every event naming the household, in global order' })
  events: HouseholdHistoryEntryDto[];
}

export class HouseholdMembersOnDto implements HouseholdMembersOn {
  @ApiProperty({ format: 'uuid' }) householdId: string;
  @ApiProperty({ format: 'date' }) on: string;
  @ApiProperty({ type: [HouseholdMemberDto] }) members: HouseholdMemberDto[];
}

export class HouseholdStateAsOfDto implements HouseholdStateAsOf {
  @ApiProperty({ format: 'uuid' }) householdId: string;
  @ApiProperty({ format: 'date-time' }) asOf: string;
  @ApiProperty({ type: 'integer', description: 'Revision of the household stream at that time' }) revision: number;
  @ApiProperty({ type: 'integer', description: 'Global position of the last event known at that time' })
  position: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    required: ['status'],
    properties: {
      status: { type: 'string', enum: ['unregistered', 'registered'] },
      kk: { type: 'string' },
      caseStatus: { type: 'string', enum: ['open', 'closed'] },
      welfareStatus: { type: 'string', enum: ['unassessed', 'below_poverty_line', 'above_poverty_line'] },
    },
    description: 'The household folded from its events: members, former members, caseworker, assessment, case, exit',
  })
  state: HouseholdState;
}

export class ErasureCandidateDto implements ErasureCandidate {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: KECAMATAN, example: 'Bekasi Utara' }) kecamatan: string;
  @ApiProperty({ example: 'Harapan Jaya' }) kelurahan: string;
  @ApiProperty({ format: 'date', description: 'The day the case was closed' }) closedOn: string;
  @ApiProperty({ type: String, nullable: true }) caseworkerId: string | null;
}

export class ErasureReviewDto implements ErasureReview {
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'JEJAK_RETENTION_CLOSED_DAYS; null: no period, nothing listed',
  })
  retentionClosedDays: number | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Cases closed on or before this day are listed',
  })
  closedOnOrBefore: string | null;
  @ApiProperty({ type: [ErasureCandidateDto] }) items: ErasureCandidateDto[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'Pass as ?after= for the next page; null at the end' })
  next: number | null;
}
