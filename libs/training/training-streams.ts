import { streamName } from '#libs/platform/event-store/index.js';

export const TRAINING_CATEGORY = 'training';
export const trainingStream = (courseId: string): string => streamName(TRAINING_CATEGORY, courseId);
