/** The training capability's public surface. */
export { TrainingModule } from './training.module.js';
export { trainingStream, TRAINING_CATEGORY } from './training-streams.js';
export { TRAINING_EVENT_TYPES, type TrainingEvent, type TrainingCommand } from './domain/index.js';
export { TrainingCommandHandler } from './commands/training.command-handler.js';
export { DECLINE_REASONS } from './domain/index.js';
export { CourseDirectory, type CourseRecord } from './course-directory.js';
export { courseListProjection } from './read-models/course-list/course-list.projection.js';
export { TRAINING_OWNED_ELEMENTS, TRAINING_PRIVACY } from './domain/index.js';
