/** The training capability's public surface. */
export { TrainingModule } from './training.module.js';
export { trainingStream, TRAINING_CATEGORY } from './training-streams.js';
export { TRAINING_EVENT_TYPES, type TrainingEvent } from './domain/index.js';
export { TrainingCommandMessage, type TrainingAction } from './commands/training.handlers.js';
export { DECLINE_REASONS } from './domain/index.js';
