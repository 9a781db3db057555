import { ApiProperty } from '@nestjs/swagger';
import type { CommandResult } from '#libs/platform/command-handling/index.js';

/** What every command answers: the resource, its new revision (also the ETag) and the global position. */
export class CommandResponse {
  @ApiProperty({
    description: "The resource's id: a UUID, or the staff id for staff commands",
    example: '0f8e0c1e-6a59-4c52-9d7e-2b8b8c1f1a10',
  })
  id: string;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 0,
    description: 'Stream revision after the command; send it back in If-Match',
  })
  revision: number;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 4,
    description: 'Global position of the last event; pass as ?minPosition= to read your write',
  })
  position: number;
}

export const commandResponse = (id: string, { revision, position }: CommandResult): CommandResponse => ({
  id,
  revision,
  position,
});
