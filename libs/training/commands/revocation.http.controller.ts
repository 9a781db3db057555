import { revocationController } from '#libs/platform/http/index.js';
import { CourseRevocationCommandHandler } from './revocation.command-handler.js';

/** Corrections of a course’s entries (ADR 0019). */
export const CourseRevocationController = revocationController({
  name: 'CourseRevocationController',
  resource: 'trainings',
  tag: 'training',
  scope: { kind: 'course', param: 'id' },
  summary:
    'Revoke a wrong entry of the course by its event id: a supervisor at once, a caseworker asks when it moved ' +
    'a participant’s status or seat; the answer lists the later entries that followed from it',
  handler: CourseRevocationCommandHandler,
});
