import { ApiProperty } from '@nestjs/swagger';
import { FLAG_CODES, RISK_LEVELS, VISIT_KINDS, VISIT_ORIGINS } from '../../domain/index.js';

export class PendingTransferDto {
  @ApiProperty({ format: 'uuid' }) transferId: string;
  @ApiProperty({ type: String, nullable: true }) fromCaseworkerId: string | null;
  @ApiProperty() toCaseworkerId: string;
  @ApiProperty() requestedBy: string;
  @ApiProperty({ enum: ['supervisor', 'caseworker'] }) requestedAs: string;
}

export class PendingTransferItemDto extends PendingTransferDto {
  @ApiProperty({ format: 'uuid' }) householdId: string;
  @ApiProperty() kecamatan: string;
  @ApiProperty() kelurahan: string;
  @ApiProperty({ type: String, nullable: true, description: 'Who holds the case now' }) caseworkerId: string | null;
}

export class PendingTransferPageDto {
  @ApiProperty({ type: 'integer', minimum: 0 }) total: number;
  @ApiProperty({ type: [PendingTransferItemDto] }) items: PendingTransferItemDto[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'Pass as ?offset= for the next page; null at the end' })
  nextOffset: number | null;
}

export class OpenVisitDto {
  @ApiProperty({ format: 'uuid' }) visitId: string;
  @ApiProperty({ enum: VISIT_KINDS }) kind: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ enum: VISIT_ORIGINS }) origin: string;
  @ApiProperty() purpose: string;
  @ApiProperty({ description: 'Due before today (in JEJAK_TIME_ZONE) and not yet done or missed' }) overdue: boolean;
}

export class FlagDto {
  @ApiProperty({ enum: FLAG_CODES }) flag: string;
  @ApiProperty({ enum: RISK_LEVELS }) risk: string;
}

export class CaseworkDto {
  @ApiProperty({ format: 'uuid' }) householdId: string;
  @ApiProperty({ type: String, nullable: true }) caseworkerId: string | null;
  @ApiProperty({ type: PendingTransferDto, nullable: true }) pendingTransfer: PendingTransferDto | null;
  @ApiProperty({ type: [OpenVisitDto], description: 'Open visits and follow-ups, by due date' }) visits: OpenVisitDto[];
  @ApiProperty({ type: [FlagDto] }) flags: FlagDto[];
}
