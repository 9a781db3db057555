import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { HouseholdDirectory } from '#libs/households/index.js';
import { coversArea, householdAccess, type Reach } from '#libs/platform/auth/index.js';
import { notFound } from '#libs/platform/domain/index.js';
import { StreamReader } from '#libs/platform/streams/index.js';
import { seatsTaken, trainingDecider } from '../domain/index.js';
import { trainingStream } from '../training-streams.js';
import type { CourseDto } from './course.response.dto.js';

export class GetCourseQuery extends Query<CourseDto> {
  constructor(
    readonly courseId: string,
    /** Participants whose household the caller does not reach are left out (unless the caller covers the course's area). */
    readonly reach: Reach,
    /** ISO time: the course as it stood then, from the events recorded until then. */
    readonly asOf?: string,
  ) {
    super();
  }
}

@QueryHandler(GetCourseQuery)
export class GetCourseHandler implements IQueryHandler<GetCourseQuery> {
  constructor(
    private readonly reader: StreamReader,
    private readonly households: HouseholdDirectory,
  ) {}

  async execute({ courseId, reach, asOf }: GetCourseQuery): Promise<CourseDto> {
    const { state, revision } = await this.reader.stateAt(trainingStream(courseId), trainingDecider, asOf);
    if (revision === undefined || !state.course) {
      throw notFound(
        asOf ? 'TRAINING.NOT_FOUND_AT_THAT_TIME' : 'TRAINING.NOT_FOUND',
        `No course ${courseId}${asOf ? ` at ${asOf}` : ''}`,
      );
    }
    return {
      id: courseId,
      ...(asOf ? { asOf: new Date(asOf).toISOString() } : {}),
      revision,
      ...state.course,
      seatsTaken: seatsTaken(state),
      participants: coversArea(reach, state.course)
        ? state.participants
        : await this.reached(state.participants, reach),
      sessionsHeld: state.sessionsHeld,
    };
  }

  private async reached<P extends { householdId: string }>(participants: Record<string, P>, reach: Reach) {
    const seen = new Map<string, boolean>();
    const kept: Record<string, P> = {};
    for (const [nik, participant] of Object.entries(participants)) {
      const { householdId } = participant;
      if (!seen.has(householdId)) {
        const household = await this.households.find(householdId);
        const place = household.registered
          ? { householdId, caseworkerId: household.caseworkerId, ...household.address }
          : undefined;
        seen.set(householdId, place !== undefined && householdAccess(reach, place) !== 'none');
      }
      if (seen.get(householdId)) kept[nik] = participant;
    }
    return kept;
  }
}
