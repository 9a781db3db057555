import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TrainingController } from './commands/training.http.controller.js';
import { TrainingCommandHandler } from './commands/training.handlers.js';
import { GetCourseHandler } from './read-models/course.query.js';

/** Skills training (sewing, catering, ...) and PKH family development sessions (P2K2). */
@Module({
  imports: [CqrsModule],
  controllers: [TrainingController],
  providers: [TrainingCommandHandler, GetCourseHandler],
})
export class TrainingModule {}
