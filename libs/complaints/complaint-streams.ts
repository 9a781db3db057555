import { streamName } from '#libs/platform/event-store/index.js';

export const COMPLAINT_CATEGORY = 'complaint';
export const complaintStream = (complaintId: string): string => streamName(COMPLAINT_CATEGORY, complaintId);
