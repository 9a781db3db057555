import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '#libs/platform/command-handling/index.js';
import { notFound } from '#libs/platform/domain/index.js';
import { seatsTaken, trainingDecider } from '../domain/index.js';
import { trainingStream } from '../training-streams.js';

export class GetCourseQuery extends Query<object> {
  constructor(readonly courseId: string) {
    super();
  }
}

@QueryHandler(GetCourseQuery)
export class GetCourseHandler implements IQueryHandler<GetCourseQuery> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ courseId }: GetCourseQuery) {
    const { state, revision } = await this.executor.load(trainingStream(courseId), trainingDecider);
    if (revision === undefined || !state.course) throw notFound('TRAINING.NOT_FOUND', `No course ${courseId}`);
    return {
      id: courseId,
      revision,
      ...state.course,
      seatsTaken: seatsTaken(state),
      participants: state.participants,
      sessionsHeld: state.sessionsHeld,
    };
  }
}
