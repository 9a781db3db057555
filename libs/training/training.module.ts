import { Module } from '@nestjs/common';
import { CourseDirectory } from './course-directory.js';
import { CqrsModule } from '@nestjs/cqrs';
import { HouseholdsModule } from '#libs/households/index.js';
import { TrainingCommandHandler } from './commands/training.command-handler.js';
import { CourseRevocationCommandHandler } from './commands/revocation.command-handler.js';
import { CourseRevocationController } from './commands/revocation.http.controller.js';
import { TrainingController } from './commands/training.http.controller.js';
import { CourseController } from './queries/course.http.controller.js';
import { GetCourseHandler } from './queries/course.queries.js';
import { CourseListController } from './read-models/course-list/course-list.http.controller.js';
import { ListCoursesHandler } from './read-models/course-list/course-list.queries.js';

/** Skills training (sewing, catering, ...) and PKH family development sessions (P2K2). */
@Module({
  imports: [CqrsModule, HouseholdsModule],
  controllers: [TrainingController, CourseListController, CourseController, CourseRevocationController],
  providers: [
    CourseRevocationCommandHandler,
    CourseDirectory,
    TrainingCommandHandler,
    GetCourseHandler,
    ListCoursesHandler,
  ],
  exports: [CourseDirectory, TrainingCommandHandler],
})
export class TrainingModule {}
