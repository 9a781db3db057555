/** The complaints capability's public surface. */
export { ComplaintsModule } from './complaints.module.js';
export { complaintStream, COMPLAINT_CATEGORY } from './complaint-streams.js';
export { COMPLAINT_EVENT_TYPES, COMPLAINT_PRIVACY, type ComplaintEvent } from './domain/index.js';
export { ComplaintEscalator } from './complaint-escalator.js';
export { complaintListProjection } from './read-models/complaint-list/complaint-list.projection.js';
