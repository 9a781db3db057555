import type { EventPrivacy } from '#libs/platform/domain/index.js';
import type { ComplaintEvent } from './complaint.events.js';

/**
 * What a PII-free reader sees of each complaint event (ADR 0010, 0014): codes, dates, areas and
 * staff ids, so reporters can count complaints by category, area and outcome. The complainant's
 * name and phone, the description and the resolution's reason are personal (sealed under the
 * household's key, gone with its erasure). The assignee is staff acting in office, like an event's
 * actor; the caseworker complained about is not acting but accused, and staff are data subjects
 * too: personal, so reporters count complaints about caseworkers without learning about whom.
 */
export const COMPLAINT_PRIVACY: EventPrivacy<ComplaintEvent> = {
  ComplaintReceived: {
    complaintId: 'public',
    aboutHouseholdId: 'household',
    kecamatan: 'public',
    kelurahan: 'public',
    category: 'public',
    subject: 'public',
    subjectCaseworkerId: 'personal',
    source: 'public',
    channel: 'public',
    'complainant.name': 'personal',
    'complainant.phone': 'personal',
    description: 'personal',
    receivedOn: 'public',
    dueOn: 'public',
  },
  ComplaintAssigned: { complaintId: 'public', aboutHouseholdId: 'household', assignee: 'public' },
  ComplaintEscalated: {
    complaintId: 'public',
    aboutHouseholdId: 'household',
    dueOn: 'public',
    escalatedOn: 'public',
    assignee: 'public',
  },
  ComplaintResolved: {
    complaintId: 'public',
    aboutHouseholdId: 'household',
    outcome: 'public',
    reason: 'personal',
    resolvedOn: 'public',
  },
  ComplainantInformed: {
    complaintId: 'public',
    aboutHouseholdId: 'household',
    channel: 'public',
    informedOn: 'public',
  },
};
