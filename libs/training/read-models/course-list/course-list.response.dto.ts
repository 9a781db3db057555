import { ApiProperty } from '@nestjs/swagger';
import { COURSE_KINDS, COURSE_STATUSES, type CourseStatus } from './course-list.request.dto.js';

/** A course in the list: what, where, when, and its uptake as counts (no personal data). */
export class CourseListItem {
  @ApiProperty({ format: 'uuid', example: '5d0c8f7e-8a3b-4f43-9a51-2f1de0b7c3aa' }) id: string;
  @ApiProperty({ enum: COURSE_KINDS, example: 'vocational' }) kind: (typeof COURSE_KINDS)[number];
  @ApiProperty({ type: String, nullable: true, example: 'sewing' }) skill: string | null;
  @ApiProperty({ example: 'Menjahit dasar angkatan 3' }) title: string;
  @ApiProperty({ example: 'BLK Kota Bekasi' }) provider: string;
  @ApiProperty({ example: 20 }) capacity: number;
  @ApiProperty({ description: 'Sessions planned', example: 12 }) sessions: number;
  @ApiProperty({ format: 'date', example: '2026-04-06' }) startsOn: string;
  @ApiProperty({ format: 'date', example: '2026-06-26' }) endsOn: string;
  @ApiProperty({ enum: COURSE_STATUSES, description: 'By its dates against today', example: 'running' })
  status: CourseStatus;
  @ApiProperty({ example: 'Bekasi Utara' }) kecamatan: string;
  @ApiProperty({ example: 'Harapan Jaya' }) kelurahan: string;
  @ApiProperty({ description: 'Integer rupiah', example: 750000 }) costPerParticipant: number;
  @ApiProperty({ example: 18 }) invited: number;
  @ApiProperty({ description: 'Invitations accepted', example: 12 }) enrolled: number;
  @ApiProperty({ example: 4 }) declined: number;
  @ApiProperty({ example: 0 }) completed: number;
  @ApiProperty({ example: 1 }) droppedOut: number;
  @ApiProperty({ description: 'Highest session number with attendance recorded', example: 5 }) sessionsHeld: number;
}

export class CoursePage {
  @ApiProperty({ type: [CourseListItem], description: 'In the order the courses were scheduled' })
  items: CourseListItem[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?cursor= for the next page; null on the last' })
  nextCursor: string | null;
}
