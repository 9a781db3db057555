import { ApiProperty } from '@nestjs/swagger';
import { RecordedEventDto } from '#libs/platform/http/index.js';
import type { ChainVerification } from './audit-chain.js';

export class FeedPageDto {
  @ApiProperty({ type: [RecordedEventDto] }) events: RecordedEventDto[];
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
