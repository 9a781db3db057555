import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CommandResponse } from '#libs/platform/http/index.js';

export const REFUSAL_CODES = [
  'HOUSEHOLD_NOT_REGISTERED',
  'NOT_IN_CASELOAD',
  'CASE_CLOSED',
  'OUTSIDE_YOUR_REACH',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export class RefusedMoveDto {
  @ApiProperty({ format: 'uuid' }) householdId: string;
  @ApiProperty({ enum: REFUSAL_CODES }) code: RefusalCode;
}

/** What a reassignment moves (or, in the preview, would move). */
export class ReassignmentPlanDto {
  @ApiProperty() fromCaseworkerId: string;
  @ApiProperty() toCaseworkerId: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Cases that move' }) moves: string[];
  @ApiProperty({ type: [String], format: 'uuid', description: 'Cases already with the receiving caseworker' })
  alreadyMoved: string[];
  @ApiProperty({ type: [RefusedMoveDto], description: 'Cases that do not move, each with why' })
  refused: RefusedMoveDto[];
}

export class ReassignmentResponse extends CommandResponse {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Absent from an idempotent replay' })
  moved?: string[];
  @ApiPropertyOptional({ type: [String], format: 'uuid' }) alreadyMoved?: string[];
  @ApiPropertyOptional({ type: [RefusedMoveDto] }) refused?: RefusedMoveDto[];
}
