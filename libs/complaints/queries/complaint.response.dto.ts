import { ApiProperty } from '@nestjs/swagger';
import { COMPLAINT_CATEGORY_CODES } from '#libs/reference-data/index.js';
import { COMPLAINT_CHANNELS, COMPLAINT_OUTCOMES, COMPLAINT_SOURCES, COMPLAINT_SUBJECTS } from '../domain/index.js';

export class ComplainantViewDto {
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
}

export class FamilyNoticeDto {
  @ApiProperty({ enum: COMPLAINT_CHANNELS }) channel: string;
  @ApiProperty({ format: 'date' }) informedOn: string;
}

/** One complaint as its stream tells it, personal data included (ADR 0014 says who may read it). */
export class ComplaintDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) householdId: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Revision of the complaint stream (also the ETag)' })
  revision: number;
  @ApiProperty() kecamatan: string;
  @ApiProperty() kelurahan: string;
  @ApiProperty({ enum: COMPLAINT_CATEGORY_CODES }) category: string;
  @ApiProperty({ enum: COMPLAINT_SUBJECTS }) subject: string;
  @ApiProperty({ type: String, nullable: true }) subjectCaseworkerId: string | null;
  @ApiProperty({ enum: COMPLAINT_SOURCES }) source: string;
  @ApiProperty({ enum: COMPLAINT_CHANNELS }) channel: string;
  @ApiProperty({ type: ComplainantViewDto }) complainant: ComplainantViewDto;
  @ApiProperty() description: string;
  @ApiProperty({ format: 'date' }) receivedOn: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ type: String, nullable: true }) assignee: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) escalatedOn: string | null;
  @ApiProperty({ enum: ['open', 'resolved'] }) status: 'open' | 'resolved';
  @ApiProperty({ type: String, enum: COMPLAINT_OUTCOMES, nullable: true }) outcome: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was resolved so' }) reason: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) resolvedOn: string | null;
  @ApiProperty({ type: FamilyNoticeDto, nullable: true, description: 'How and when the family was told' })
  familyNotice: FamilyNoticeDto | null;
}
