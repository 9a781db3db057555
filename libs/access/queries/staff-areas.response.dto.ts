import { ApiProperty } from '@nestjs/swagger';

export class AssignmentDto {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ enum: ['caseworker', 'supervisor'] }) role: string;
  @ApiProperty() kecamatan: string;
  @ApiProperty({ type: String, nullable: true, description: 'null: the whole kecamatan' }) kelurahan: string | null;
  @ApiProperty({ format: 'date' }) validFrom: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validUntil: string | null;
  @ApiProperty({ description: 'Who gave it (a staff id)' }) assignedBy: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) revokedOn: string | null;
}

export class OpeningDto {
  @ApiProperty({ format: 'uuid' }) openingId: string;
  @ApiProperty({ format: 'uuid' }) householdId: string;
  @ApiProperty({ format: 'date-time', description: 'When the opening ends by itself' }) until: string;
  @ApiProperty({ type: String, nullable: true }) reviewedBy: string | null;
}

/** A staff member's areas and break-the-glass openings (no personal data of households). */
export class StaffAreasDto {
  @ApiProperty() staffId: string;
  @ApiProperty({ type: [AssignmentDto] }) assignments: AssignmentDto[];
  @ApiProperty({ type: [OpeningDto] }) openings: OpeningDto[];
}
