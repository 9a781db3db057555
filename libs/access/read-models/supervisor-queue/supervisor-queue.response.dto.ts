import { ApiProperty } from '@nestjs/swagger';

export class ExitProposalDto {
  @ApiProperty({ format: 'uuid' }) householdId: string;
  @ApiProperty() kecamatan: string;
  @ApiProperty() kelurahan: string;
  @ApiProperty({ format: 'uuid' }) proposalId: string;
  @ApiProperty() proposedBy: string;
  @ApiProperty({ format: 'date-time' }) proposedAt: string;
}

export class QueuedOpeningDto {
  @ApiProperty({ format: 'uuid' }) openingId: string;
  @ApiProperty() staffId: string;
  @ApiProperty({ format: 'uuid' }) householdId: string;
  @ApiProperty({ description: 'Why it was opened, as its opener wrote it' }) reason: string;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ format: 'date-time' }) until: string;
}

export class EndingAssignmentDto {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty() staffId: string;
  @ApiProperty() kecamatan: string;
  @ApiProperty({ type: String, nullable: true }) kelurahan: string | null;
  @ApiProperty({ format: 'date' }) validUntil: string;
}

export class QueuedTransferDto {
  @ApiProperty({ format: 'uuid' }) transferId: string;
  @ApiProperty({ format: 'uuid' }) householdId: string;
  @ApiProperty() kecamatan: string;
  @ApiProperty() kelurahan: string;
  @ApiProperty({ type: String, nullable: true }) fromCaseworkerId: string | null;
  @ApiProperty({ description: 'The caseworker who asked for the case' }) toCaseworkerId: string;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
}

export class EscalatedComplaintDto {
  @ApiProperty({ format: 'uuid' }) complaintId: string;
  @ApiProperty({ format: 'uuid' }) householdId: string;
  @ApiProperty() kecamatan: string;
  @ApiProperty() kelurahan: string;
  @ApiProperty({ description: 'Complaint category code' }) category: string;
  @ApiProperty({ enum: ['case', 'payment', 'caseworker'] }) subject: string;
  @ApiProperty({ type: String, nullable: true }) assignee: string | null;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ format: 'date' }) escalatedOn: string;
}

export class RevocationRequestDto {
  @ApiProperty({ format: 'uuid', description: 'The entry to revoke: its event id, as in the history' }) eventId: string;
  @ApiProperty({ description: 'The entry’s event type', example: 'PkhComplianceVerified' }) entryType: string;
  @ApiProperty({ description: 'The stream that holds the entry (pkh-…, household-…, kube-…, training-…)' })
  stream: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The household, where the entry is in its stream; null for a Kube group’s or course’s entry',
  })
  householdId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The household’s area now, or the group’s or course’s' })
  kecamatan: string | null;
  @ApiProperty({ type: String, nullable: true }) kelurahan: string | null;
  @ApiProperty({ description: 'The caseworker who asked' }) requestedBy: string;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ description: 'Why, as the caseworker wrote it (personal)' }) reason: string;
}

/** What awaits a supervisor's decision or review in their area (ids, areas, staff ids: no names or NIKs). */
export class SupervisorQueueDto {
  @ApiProperty({ type: [ExitProposalDto] }) exitProposals: ExitProposalDto[];
  @ApiProperty({ type: [QueuedOpeningDto] }) openings: QueuedOpeningDto[];
  @ApiProperty({ type: [EndingAssignmentDto] }) assignmentsEnding: EndingAssignmentDto[];
  @ApiProperty({ type: [QueuedTransferDto], description: 'Transfers a caseworker asked for' })
  transfers: QueuedTransferDto[];
  @ApiProperty({ type: [EscalatedComplaintDto], description: 'Escalated as overdue, until resolved' })
  escalatedComplaints: EscalatedComplaintDto[];
  @ApiProperty({
    type: [RevocationRequestDto],
    description: 'Revocations a caseworker asked for (ADR 0019), until approved or rejected',
  })
  revocationRequests: RevocationRequestDto[];
}
