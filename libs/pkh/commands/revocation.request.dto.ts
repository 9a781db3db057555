import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { PkhReasonRequestDto } from './pkh.request.dto.js';

/** A wrong entry of the household's PKH stream to revoke, by its event id (from the history), and why. */
export class RevocationRequestDto extends PkhReasonRequestDto {
  @ApiProperty({ format: 'uuid', description: "The entry's event id, as the household's history lists it" })
  @IsUUID('all')
  eventId: string;
}
