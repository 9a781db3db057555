import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { EventMetadata, RecordedEvent } from '#libs/platform/event-store/index.js';

export class EventMetadataDto implements EventMetadata {
  [key: string]: unknown;
  @ApiProperty({ example: 'cw-01', description: 'Who caused it (token subject)' }) actor: string;
  @ApiProperty({ example: 'caseworker' }) role: string;
  @ApiProperty() correlationId: string;
  @ApiProperty() causationId: string;
  @ApiProperty({ format: 'date-time', description: 'When the command was received' }) occurredAt: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) schemaVersion: number;
  @ApiPropertyOptional({ description: 'Why, where a decision needs a reason' }) reason?: string;
}

/** An event as stored: its stream and revision, its global position, data and metadata. */
export class RecordedEventDto implements RecordedEvent {
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ example: 'HouseholdRegistered' }) type: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The event's own fields, by type (reporters get them without personal data)",
  })
  data: unknown;
  @ApiProperty({ type: EventMetadataDto }) metadata: EventMetadataDto;
  @ApiProperty({ example: 'household-0f8e0c1e-6a59-4c52-9d7e-2b8b8c1f1a10' }) stream: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) revision: number;
  @ApiProperty({ type: 'integer', minimum: 1 }) position: number;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}
