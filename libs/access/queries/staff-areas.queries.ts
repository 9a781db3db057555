import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { StreamReader } from '#libs/platform/streams/index.js';
import { staffDecider, type Assignment, type Opening } from '../domain/index.js';
import { staffStream } from '../staff-streams.js';

export interface StaffAreas {
  staffId: string;
  assignments: Assignment[];
  openings: Opening[];
}

export class GetStaffAreasQuery extends Query<StaffAreas> {
  constructor(readonly staffId: string) {
    super();
  }
}

/** A staff member's areas, past and present, and their break-the-glass openings, from their stream. */
@QueryHandler(GetStaffAreasQuery)
export class GetStaffAreasHandler implements IQueryHandler<GetStaffAreasQuery> {
  constructor(private readonly reader: StreamReader) {}

  async execute({ staffId }: GetStaffAreasQuery): Promise<StaffAreas> {
    const { state } = await this.reader.stateAt(staffStream(staffId), staffDecider);
    const assignments = Object.values(state.assignments).sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    return { staffId, assignments, openings: state.openings };
  }
}
