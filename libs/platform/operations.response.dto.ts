import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ProjectionStatus } from './read-store/index.js';

export class ProjectionStatusDto implements ProjectionStatus {
  @ApiProperty({ example: 'household-summary' }) name: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) checkpoint: number;
  @ApiProperty({ type: String, example: 'live' }) state: ProjectionStatus['state'];
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ enum: ['shared', 'own'] }) feed: 'shared' | 'own';
  @ApiProperty({ description: 'Whether it owns tables (a read model) rather than only reacting (relay, reactors)' })
  readModel: boolean;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: "The store's head position" }) head?: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Events behind the head' }) lag: number;
}

export class RebuildStartedDto {
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['rebuilding'] }) state: 'rebuilding';
}

export class EventStoreHealthDto {
  @ApiProperty({ example: 'sqlite' }) kind: string;
  @ApiProperty({ type: 'integer', nullable: true }) head: number | null;
  @ApiPropertyOptional() error?: string;
}

/** Readiness; the details (store, projections) only for a caller with a token. */
export class HealthDto {
  @ApiProperty({ enum: ['ok', 'starting', 'degraded'] }) status: string;
  @ApiPropertyOptional({ type: EventStoreHealthDto }) eventStore?: EventStoreHealthDto;
  @ApiPropertyOptional({ type: [ProjectionStatusDto] }) projections?: ProjectionStatusDto[];
}

/** A Terminus probe: its status, and for a caller with a token what each indicator said. */
export class ProbeDto {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] }) status: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Indicators up' }) info?: object;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Indicators down' }) error?: object;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Every indicator' }) details?: object;
}
