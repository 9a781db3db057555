/** Access by caseload and area: staff areas, break-the-glass and the scope check. */
export { AccessModule } from './access.module.js';
export { StaffCommandHandler } from './commands/staff.command-handler.js';
export { AccessScope } from './scope/access-scope.js';
export { staffStream, STAFF_CATEGORY } from './staff-streams.js';
export { STAFF_EVENT_TYPES, type StaffEvent, type AreaRole } from './domain/index.js';
export { wholeCityAreas } from './whole-city.js';
export { supervisorQueueProjection } from './read-models/supervisor-queue/supervisor-queue.projection.js';
export { STAFF_PRIVACY } from './domain/index.js';
