import { ApiProperty } from '@nestjs/swagger';
import { COMPLAINT_CATEGORY_CODES } from '#libs/reference-data/index.js';
import { COMPLAINT_OUTCOMES, COMPLAINT_SOURCES, COMPLAINT_SUBJECTS } from '../../domain/index.js';

/** A complaint in the list: codes, dates and staff; never the complainant or the text. */
export class ComplaintListItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) householdId: string;
  @ApiProperty({ example: 'Bekasi Utara' }) kecamatan: string;
  @ApiProperty({ example: 'Harapan Jaya' }) kelurahan: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The household’s caseworker now (it follows a transfer or reassignment); staff id',
  })
  caseworkerId: string | null;
  @ApiProperty({ enum: COMPLAINT_CATEGORY_CODES }) category: string;
  @ApiProperty({ enum: COMPLAINT_SUBJECTS }) subject: string;
  @ApiProperty({ enum: COMPLAINT_SOURCES }) source: string;
  @ApiProperty({ type: String, nullable: true, description: 'Staff id' }) assignee: string | null;
  @ApiProperty({ format: 'date' }) receivedOn: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ description: 'Open past its due day, today in JEJAK_TIME_ZONE' }) overdue: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true }) escalatedOn: string | null;
  @ApiProperty({ enum: ['open', 'resolved'] }) status: 'open' | 'resolved';
  @ApiProperty({ type: String, enum: COMPLAINT_OUTCOMES, nullable: true }) outcome: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) resolvedOn: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'When the family was told' })
  informedOn: string | null;
}

export class ComplaintPage {
  @ApiProperty({ type: [ComplaintListItem], description: 'In the order the complaints were received' })
  items: ComplaintListItem[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?cursor= for the next page; null on the last' })
  nextCursor: string | null;
}
