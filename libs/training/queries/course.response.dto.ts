import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CourseKind, ParticipantStatus } from '../domain/index.js';

export class CourseParticipantDto {
  @ApiProperty({ format: 'uuid' }) householdId: string;
  @ApiProperty({ enum: ['invited', 'enrolled', 'declined', 'completed', 'dropped_out'] }) status: ParticipantStatus;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Sessions attended' }) attended: number;
}

/** A course folded from its stream, with the participants the caller reaches, keyed by NIK. */
export class CourseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Only when asked as of a time' }) asOf?: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Revision of the course stream (also the ETag)' })
  revision: number;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ enum: ['vocational', 'family_session'] }) kind: CourseKind;
  @ApiProperty({ type: String, nullable: true, example: 'sewing' }) skill: string | null;
  @ApiProperty({ example: 'Menjahit' }) title: string;
  @ApiProperty({ example: 'BLK' }) provider: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) capacity: number;
  @ApiProperty({ type: 'integer', minimum: 1 }) sessions: number;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date' }) endsOn: string;
  @ApiProperty() kecamatan: string;
  @ApiProperty() kelurahan: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Rupiah' }) costPerParticipant: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Enrolled and completed participants' }) seatsTaken: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/CourseParticipantDto' },
    description: 'By NIK',
  })
  participants: Record<string, CourseParticipantDto>;
  @ApiProperty({ type: [Number], description: 'Session numbers held' }) sessionsHeld: number[];
}
