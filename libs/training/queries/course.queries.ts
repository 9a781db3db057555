import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { notFound } from '#libs/platform/domain/index.js';
import { StreamReader } from '#libs/platform/streams/index.js';
import { seatsTaken, trainingDecider } from '../domain/index.js';
import { trainingStream } from '../training-streams.js';

export class GetCourseQuery extends Query<object> {
  constructor(
    readonly courseId: string,
    /** ISO time: the course as it stood then, from the events recorded until then. */
    readonly asOf?: string,
  ) {
    super();
  }
}

@QueryHandler(GetCourseQuery)
export class GetCourseHandler implements IQueryHandler<GetCourseQuery> {
  constructor(private readonly reader: StreamReader) {}

  async execute({ courseId, asOf }: GetCourseQuery) {
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
      participants: state.participants,
      sessionsHeld: state.sessionsHeld,
    };
  }
}
