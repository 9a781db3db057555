import { ApiProperty } from '@nestjs/swagger';
import { CommandResponse } from '#libs/platform/http/index.js';

/** A later entry that followed from the revoked one (ADR 0019): for a person to review, not undone. */
export class RevocationDependentDto {
  @ApiProperty({ format: 'uuid' })
  eventId: string;
  @ApiProperty({ example: 'PkhSuspended' })
  eventType: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: "The entry's revision in the household's PKH stream" })
  revision: number;
  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

export class RevocationResponse extends CommandResponse {
  @ApiProperty({ format: 'uuid', description: 'The entry revoked, or whose revocation was asked or rejected' })
  eventId: string;
  @ApiProperty({ example: 'PkhComplianceVerified' })
  eventType: string;
  @ApiProperty({
    enum: ['revoked', 'requested', 'rejected'],
    description: "requested: a caseworker's request, awaiting a supervisor's approval or rejection",
  })
  outcome: 'revoked' | 'requested' | 'rejected';
  @ApiProperty({
    type: [RevocationDependentDto],
    description:
      'Later entries that followed from the revoked one (its listed follow-up types, on the same or a later stage): ' +
      'they stand until someone revokes or answers them',
  })
  dependents: RevocationDependentDto[];
}
