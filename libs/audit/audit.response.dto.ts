import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { RecordedEventDto } from '#libs/platform/http/index.js';
import type { PiiFreeEvent } from '#libs/platform/privacy/index.js';
import type { ChainVerification } from './audit-chain.js';

/** What a PII-free reader keeps of the metadata (ADR 0010): no reason, correlation or causation id. */
export class PiiFreeMetadataDto {
  [key: string]: unknown;
  @ApiPropertyOptional({ example: 'cw-01' }) actor?: string;
  @ApiPropertyOptional({ example: 'caseworker' }) role?: string;
  @ApiPropertyOptional({ format: 'date-time' }) occurredAt?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1 }) schemaVersion?: number;
}

/** An event as a reporter reads it: allow-listed fields, households and persons as keyed pseudonyms. */
export class PiiFreeEventDto implements PiiFreeEvent {
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ example: 'household-h_3f2a9c0d1e4b5a6978c0d1e2f3a4b5c6' }) stream: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) revision: number;
  @ApiProperty({ type: 'integer', minimum: 1 }) position: number;
  @ApiProperty({ example: 'PkhBenefitDisbursed' }) type: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The fields a PII-free reader may see' })
  data: Record<string, unknown>;
  @ApiProperty({ type: PiiFreeMetadataDto }) metadata: PiiFreeMetadataDto;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ description: 'The id of the key that made the pseudonyms' }) pseudonymKey: string;
}

@ApiExtraModels(RecordedEventDto, PiiFreeEventDto)
export class FeedPageDto {
  @ApiProperty({
    type: 'array',
    items: { anyOf: [{ $ref: getSchemaPath(RecordedEventDto) }, { $ref: getSchemaPath(PiiFreeEventDto) }] },
    description: 'Events as stored (auditors, admins) or PII-free (reporters)',
  })
  events: Array<RecordedEventDto | PiiFreeEventDto>;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Pass as ?after= to resume the scan' }) next: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: "The store's head position" }) head: number;
}

/** A row of the actor index: who caused which event, when and why. */
export class ActorEventDto {
  @ApiProperty({ type: 'integer', minimum: 1 }) position: number;
  @ApiProperty() actor: string;
  @ApiProperty() role: string;
  @ApiProperty() type: string;
  @ApiProperty() stream: string;
  @ApiProperty({ format: 'date-time' }) occurred_at: string;
  @ApiProperty({ format: 'date-time' }) recorded_at: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The local day the event says it happened on; null when it names none',
  })
  business_date: string | null;
}

export class ActorEventsDto {
  @ApiProperty() actor: string;
  @ApiProperty({ type: [ActorEventDto] }) events: ActorEventDto[];
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Pass as ?after= for the next page' }) next: number;
}

export class ChainBreakDto {
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) eventId: string | null;
  @ApiProperty() reason: string;
}

export class ChainVerificationDto implements ChainVerification {
  @ApiProperty() ok: boolean;
  @ApiProperty({ type: 'integer', minimum: 0 }) eventsChecked: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) headPosition: number;
  @ApiProperty() headHash: string;
  @ApiProperty({ type: ChainBreakDto, nullable: true }) firstBreak: ChainBreakDto | null;
}
