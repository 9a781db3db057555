import { ApiProperty } from '@nestjs/swagger';
import type { CommandResult } from '#libs/platform/command-handling/index.js';

/** What every command answers: the resource, its new revision (also the ETag) and the global position. */
export class CommandResponse {
  @ApiProperty({ description: "The resource's id: a UUID, or the staff id for staff commands" }) id: string;
  @ApiProperty({ description: 'Stream revision after the command; send it back in If-Match' }) revision: number;
  @ApiProperty({ description: 'Global position of the last event; pass as ?minPosition= to read your write' })
  position: number;
}

export const commandResponse = (id: string, { revision, position }: CommandResult): CommandResponse => ({
  id,
  revision,
  position,
});
