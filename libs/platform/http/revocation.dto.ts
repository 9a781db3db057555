import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';
import type { RevocationOutcome } from '../command-handling/index.js';
import { CommandResponse } from './command-response.js';

/** Why a revocation is asked or refused: typed by staff about a family, so personal (ADR 0019). */
export class RevocationReasonRequestDto {
  @ApiProperty({ minLength: 3, maxLength: 500 })
  @IsString()
  @Length(3, 500)
  reason: string;
}

/** A wrong entry to revoke, by its event id (from the history), and why. */
export class RevocationRequestDto extends RevocationReasonRequestDto {
  @ApiProperty({ format: 'uuid', description: "The entry's event id, as the history lists it" })
  @IsUUID('all')
  eventId: string;
}

/** A later entry that followed from the revoked one (ADR 0019): for a person to review, not undone. */
export class RevocationDependentDto {
  @ApiProperty({ format: 'uuid' })
  eventId: string;
  @ApiProperty({ example: 'PkhSuspended' })
  eventType: string;
  @ApiProperty({ example: 'pkh-0f8e0c1e-6a59-4c52-9d7e-2b8b8c1f1a10', description: 'The stream that holds it' })
  stream: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: "The entry's revision in its stream" })
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

/** The answer of a revocation route for the resource `id` (a household, a Kube, a course). */
export const revocationResponse = (id: string, outcome: RevocationOutcome): RevocationResponse => {
  const { stream: _stream, ...rest } = outcome;
  return { id, ...rest };
};
