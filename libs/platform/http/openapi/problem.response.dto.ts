import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FieldError, ProblemBody } from '../problem.js';

export class FieldErrorDto implements FieldError {
  @ApiProperty({ example: 'members[0].nik', description: 'The field, as a path into the request (or a header name)' })
  field: string;
  @ApiProperty({ example: 'matches', description: 'The rule it broke (class-validator constraint name or ours)' })
  rule: string;
  @ApiProperty({ example: 'nik must be 16 digits' }) message: string;
}

/** RFC 9457 problem details, as every error of this API is written (application/problem+json). */
export class ProblemDto implements ProblemBody {
  [extension: string]: unknown;
  @ApiProperty({ example: 'urn:jejak:problem:validation.failed', description: 'urn:jejak:problem:<code>' })
  type: string;
  @ApiProperty({ example: 'Bad Request' }) title: string;
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 400 }) status: number;
  @ApiProperty({ example: 'The request has 1 invalid field(s): members[0].nik' }) detail: string;
  @ApiProperty({
    example: 'VALIDATION.FAILED',
    pattern: '^[A-Z_]+\\.[A-Z_]+$',
    description: 'Stable: what clients branch on. Each operation lists the codes it may answer per status.',
  })
  code: string;
  @ApiPropertyOptional({ example: '/api/v1/households', description: 'The request path (no query)' })
  instance?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], maxItems: 20, description: 'Validation: at most 20 errors named' })
  errors?: FieldError[];
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'Validation: how many errors were not named' })
  errorsOmitted?: number;
  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    description: '412 and 409 on a stream: the revision the resource is at (null: none yet)',
  })
  currentRevision?: number | null;
}
